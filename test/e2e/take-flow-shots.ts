/**
 * Screenshots of every scene of a round, to look at after a layout change: Menu, Lobby (a
 * host and a guest), Match (a pod killed, the Pending replacement selected), Debrief, and
 * the next round's Lobby after Play again — in English and 中文 at 1366×768, plus the Match
 * and the Debrief at 1920×1080. Real server, real browser, 10-second rounds.
 * Run: `npx tsx test/e2e/take-flow-shots.ts [outDir]` (default /tmp/shots).
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import {
  buildClientIfNeeded,
  clickTarget,
  collectErrors,
  launchBrowser,
  openGame,
  startServer,
  waitFor,
  waitForScene,
} from "./helpers";

const out = path.resolve(process.argv[2] ?? "/tmp/shots");
mkdirSync(out, { recursive: true });

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  const file = path.join(out, `${name}.png`);
  await page.screenshot({ path: file });
  process.stdout.write(`${file}\n`);
}

/** Plays one round with a guest in `lang` at `size`, shooting each scene. */
async function round(
  browser: Browser,
  url: string,
  lang: "en" | "zh",
  size: { width: number; height: number },
) {
  const tag = `${lang}-${size.width}x${size.height}`;
  const host = await openGame(browser, `${url}/?duration=10`, size);
  const guest = await openGame(browser, `${url}/?duration=10`, size);
  const errors = [...[host, guest].map(collectErrors)];
  for (const p of [host, guest]) {
    await clickTarget(p, "button", `lang-${lang}`);
    await p.waitForTimeout(100);
  }
  await host.fill("input[name=name]", lang === "zh" ? "小明" : "Ada");
  await clickTarget(host, "button", "role-scheduler");
  await shot(host, `menu-${tag}`);
  await clickTarget(host, "button", "create");
  await waitForScene(host, "Lobby");
  const code = await host.evaluate(() => window.__reconcile.code());
  await guest.fill("input[name=name]", lang === "zh" ? "小红" : "Bob");
  await clickTarget(guest, "button", "role-service-controller");
  await guest.fill("input[name=code]", code.toLowerCase());
  await clickTarget(guest, "button", "join");
  await waitForScene(guest, "Lobby");
  await waitFor(host, () => (window.__reconcile.view()?.players.length ?? 0) >= 2, "the guest in the lobby");
  await shot(host, `lobby-host-${tag}`);
  await shot(guest, `lobby-guest-${tag}`);
  await clickTarget(host, "button", "start");
  await waitForScene(host, "Match");
  await host.waitForTimeout(1500);
  await host.evaluate(() => window.__reconcile.inject({ type: "pod-kill", target: "shop/tomcat" }));
  await waitFor(
    host,
    () => window.__reconcile.pods().some((p) => p.tier === "tomcat" && !p.node),
    "a Pending tomcat pod",
  );
  const pending = await host.evaluate(
    () => window.__reconcile.pods().find((p) => p.tier === "tomcat" && !p.node)!.key,
  );
  await clickTarget(host, "pod", pending);
  await shot(host, `match-${tag}`);
  await waitForScene(host, "Debrief", 40_000);
  await waitForScene(guest, "Debrief", 10_000);
  await shot(host, `debrief-host-${tag}`);
  await shot(guest, `debrief-guest-${tag}`);
  await clickTarget(host, "button", "again");
  await waitForScene(guest, "Lobby");
  await shot(guest, `lobby-round2-guest-${tag}`);
  const all = errors.flat();
  if (all.length) process.stdout.write(`page errors (${tag}):\n${all.join("\n")}\n`);
  await host.close();
  await guest.close();
}

await buildClientIfNeeded();
const server = await startServer();
const browser = await launchBrowser();
try {
  await round(browser, server.url, "en", { width: 1366, height: 768 });
  await round(browser, server.url, "zh", { width: 1366, height: 768 });
  await round(browser, server.url, "en", { width: 1920, height: 1080 });
} finally {
  await browser.close();
  await server.stop();
}
process.exit(0);
