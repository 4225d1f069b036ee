/**
 * Retakes docs/screenshot.png: the 1366×768 Match scene of a real match (scheduler "Ada",
 * two tomcat pods killed, the Pending replacement selected with its bind buttons shown).
 * Run: `npx tsx test/e2e/take-screenshot.ts [out.png] [?query] [WxH]`, e.g. `?renderer=webgl`
 * or `"" 1920x1080`.
 */
import path from "node:path";
import {
  buildClientIfNeeded,
  clickTarget,
  launchBrowser,
  openGame,
  ROOT,
  startServer,
  waitFor,
} from "./helpers";

const out = path.resolve(process.argv[2] ?? path.join(ROOT, "docs/screenshot.png"));
const query = process.argv[3] ?? "";
const [width, height] = (process.argv[4] ?? "1366x768").split("x").map(Number);

await buildClientIfNeeded();
const server = await startServer();
const browser = await launchBrowser();
try {
  const page = await openGame(browser, `${server.url}/${query}`, { width: width!, height: height! });
  await page.fill("input[name=name]", "Ada");
  await clickTarget(page, "button", "role-scheduler");
  await clickTarget(page, "button", "create");
  await waitFor(page, () => window.__reconcile.phase() === "lobby", "the lobby");
  await clickTarget(page, "button", "start");
  await waitFor(page, () => window.__reconcile.phase() === "running", "the running match");
  await page.waitForTimeout(4500);
  for (let i = 0; i < 2; i++) {
    await page.evaluate(() => window.__reconcile.inject({ type: "pod-kill", target: "shop/tomcat" }));
    await page.waitForTimeout(1200);
  }
  await waitFor(
    page,
    () => window.__reconcile.pods().some((p) => p.tier === "tomcat" && !p.node),
    "a Pending tomcat pod",
  );
  const pending = await page.evaluate(
    () => window.__reconcile.pods().find((p) => p.tier === "tomcat" && !p.node)!.key,
  );
  await clickTarget(page, "pod", pending);
  await page.waitForTimeout(600);
  await page.screenshot({ path: out });
  process.stdout.write(`${out} (${await page.evaluate(() => window.__reconcile.renderer())})\n`);
} finally {
  await browser.close();
  await server.stop();
}
process.exit(0);
