/**
 * The campaign in Chromium, through the real UI (the levels run in the page; the server only
 * serves it): the "first five minutes" — a new page with no stored progress follows only the
 * on-screen hints from the Menu to level 1's success card — and each level played with the
 * mouse and keyboard to its success card, a wrong move first showing the hint. Screenshots
 * of the list, a level and a success card at 1366×768 and 1920×1080, English and 中文.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildClientIfNeeded,
  clickTarget,
  collectErrors,
  dragTarget,
  launchBrowser,
  openGame,
  RESULTS,
  screenshot,
  startServer,
  waitFor,
  type ServerHandle,
} from "./helpers";

let server: ServerHandle;
let browser: Browser;
const SHOTS = path.join(RESULTS, "campaign");

type LevelInfo = { level: string; step: number; outcome: string; hint: string; wrong: string } | undefined;

const levelOf = (page: Page): Promise<LevelInfo> => page.evaluate(() => window.__reconcile.level());

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Opens the level list from the Menu (its button) and a level from the list (its row). */
async function openLevel(page: Page, name: string): Promise<void> {
  await clickTarget(page, "button", "campaign");
  await waitFor(page, () => window.__reconcile.scenes().join() === "Campaign", "the level list");
  await clickTarget(page, "button", `level-${name}`);
  await waitFor(
    page,
    () => window.__reconcile.level()?.level !== undefined,
    `level ${name} on screen`,
    20_000,
  );
  expect((await levelOf(page))?.level).toBe(name);
}

/** Waits for the hint panel to say something matching `re` (the hints react to the world). */
async function hintSays(page: Page, re: RegExp, timeoutMs = 30_000): Promise<string> {
  await page.waitForFunction(
    (src) => new RegExp(src).test(window.__reconcile.level()?.hint ?? ""),
    re.source,
    { timeout: timeoutMs, polling: 100 },
  );
  return (await levelOf(page))!.hint;
}

async function successCard(page: Page, n: number): Promise<void> {
  await waitFor(page, () => window.__reconcile.level()?.outcome === "won", "the success card", 60_000);
  const texts = await page.evaluate(() => window.__reconcile.texts());
  expect(texts).toContain(`✓ Level ${n} complete`);
}

/** The first Pending pod's key, waiting for one. */
async function pendingPod(page: Page): Promise<string> {
  const h = await page.waitForFunction(
    () => window.__reconcile.pods().find((p) => !p.node && !p.terminating)?.key ?? false,
    undefined,
    { timeout: 30_000, polling: 100 },
  );
  return (await h.jsonValue()) as string;
}

/** Clicks each DNS row until the one of `fqdn` is selected. */
async function selectDnsRow(page: Page, fqdn: string): Promise<void> {
  for (let i = 0; i < 8; i++) {
    await clickTarget(page, "dns", `row${i}`);
    await page.waitForTimeout(100);
    if ((await page.evaluate(() => window.__reconcile.selection())) === `dns:${fqdn}`) return;
  }
  throw new Error(`no DNS row for ${fqdn}`);
}

/** A move the server refuses (recreate a Service that exists) shows why, with the step's hint still there. */
async function wrongMoveShowsHint(page: Page, service: string, key: string, hint: RegExp): Promise<void> {
  await clickTarget(page, "service", service);
  await page.keyboard.press(key);
  await waitFor(
    page,
    () => /Not that/.test(window.__reconcile.level()?.wrong ?? ""),
    "the refusal in the hint",
  );
  expect((await levelOf(page))!.hint).toMatch(hint);
}

describe("e2e: the campaign", () => {
  beforeAll(async () => {
    await buildClientIfNeeded();
    server = await startServer();
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("first five minutes: a new page follows only the on-screen hints to level 1's success card", async () => {
    const page = await openGame(browser, server.url);
    const errors = collectErrors(page);
    try {
      expect(await page.evaluate(() => localStorage.getItem("reconcile.campaign.won"))).toBeNull();
      // The Menu's button is found by its words, as a newcomer would.
      expect(await page.evaluate(() => window.__reconcile.texts())).toContain("Learn (campaign)");
      await clickTarget(page, "button", "campaign");
      await waitFor(page, () => window.__reconcile.scenes().join() === "Campaign", "the level list");
      expect(
        await page.evaluate(() => window.__reconcile.texts().some((s) => s.includes("not done yet"))),
      ).toBe(true);
      await page.keyboard.press("Enter"); // the list's focus starts on the first level not done
      await waitFor(page, () => window.__reconcile.level()?.level === "scheduler", "level 1");
      // Do what the hint says, step by step, until the level is won.
      for (let i = 0; i < 40; i++) {
        const info = (await levelOf(page))!;
        if (info.outcome === "won") break;
        if (/press P then 1, 2 or 3/.test(info.hint)) {
          await page.keyboard.press("p");
          await page.keyboard.press("2");
        }
        await page.waitForTimeout(700);
      }
      await successCard(page, 1);
      expect(await page.evaluate(() => localStorage.getItem("reconcile.campaign.won"))).toBe('["scheduler"]');
      await shot(page, "level1-won-en-1366x768");
      expect(errors).toEqual([]);
    } catch (e) {
      await screenshot(page, "campaign-first-five");
      throw e;
    } finally {
      await page.close();
    }
  }, 240_000);

  it("level 1 (scheduler) with the mouse: a cordon is called out by the hint; drag-binding wins it; Next opens level 2", async () => {
    const page = await openGame(browser, server.url);
    const errors = collectErrors(page);
    try {
      await openLevel(page, "scheduler");
      await shot(page, "level1-playing-en-1366x768");
      // wrong move: cordon a node — the hint reacts and says how to undo it
      await clickTarget(page, "node", "node-3");
      await page.keyboard.press("c");
      await hintSays(page, /You cordoned a node/);
      await page.keyboard.press("u");
      for (let step = 0; step < 2; step++) {
        await hintSays(page, /drag it/);
        const pod = await pendingPod(page);
        await dragTarget(page, ["pod", pod], ["node", "node-1"]);
        if (step === 0) await waitFor(page, () => window.__reconcile.level()?.step === 1, "step 2", 30_000);
      }
      await successCard(page, 1);
      const texts = (await page.evaluate(() => window.__reconcile.texts())).join("\n");
      expect(texts).toContain("Users do not create pods; controllers do.");
      await clickTarget(page, "button", "level-next");
      await waitFor(page, () => window.__reconcile.level()?.level === "services", "level 2 after Next");
      expect(errors).toEqual([]);
    } catch (e) {
      await screenshot(page, "campaign-level1");
      throw e;
    } finally {
      await page.close();
    }
  }, 240_000);

  it("level 2 (services): a refused move shows the hint; Update Endpoints on the tomcat Service wins it", async () => {
    const page = await openGame(browser, server.url);
    const errors = collectErrors(page);
    try {
      await openLevel(page, "services");
      // wrong move: recreate a Service that exists — refused, and the hint is shown with why
      await clickTarget(page, "service", "shop/tomcat");
      await page.keyboard.press("r");
      await waitFor(
        page,
        () => /Not that/.test(window.__reconcile.level()?.wrong ?? ""),
        "the refusal in the hint",
      );
      expect((await levelOf(page))!.hint).toMatch(/tomcat/);
      await hintSays(page, /press E/, 60_000);
      await clickTarget(page, "service", "shop/tomcat");
      await page.keyboard.press("e");
      await successCard(page, 2);
      expect(errors).toEqual([]);
    } catch (e) {
      await screenshot(page, "campaign-level2");
      throw e;
    } finally {
      await page.close();
    }
  }, 240_000);

  it("level 3 (labels): Endpoints follow the selector, then the drifted label is fixed", async () => {
    const page = await openGame(browser, server.url);
    const errors = collectErrors(page);
    try {
      await openLevel(page, "labels");
      await hintSays(page, /tier=debug/);
      await wrongMoveShowsHint(page, "shop/tomcat", "r", /tier=debug/);
      await clickTarget(page, "service", "shop/tomcat");
      await page.keyboard.press("e");
      await waitFor(page, () => window.__reconcile.level()?.step === 1, "step 2", 30_000);
      await hintSays(page, /press L/);
      const drifted = await page.evaluate(
        () => window.__reconcile.view()?.pods.find((p) => p.labels?.tier === "debug")?.key ?? "",
      );
      expect(drifted).not.toBe("");
      await clickTarget(page, "pod", drifted);
      await page.keyboard.press("l");
      await hintSays(page, /Label fixed/);
      for (let i = 0; i < 20 && (await levelOf(page))!.outcome !== "won"; i++) {
        await clickTarget(page, "service", "shop/tomcat");
        await page.keyboard.press("e");
        await page.waitForTimeout(1500);
      }
      await successCard(page, 3);
      expect(errors).toEqual([]);
    } catch (e) {
      await screenshot(page, "campaign-level3");
      throw e;
    } finally {
      await page.close();
    }
  }, 240_000);

  it("level 4 (DNS): recreate the Service, point DNS at its new ClusterIP, update its Endpoints", async () => {
    const page = await openGame(browser, server.url);
    const errors = collectErrors(page);
    try {
      await openLevel(page, "dns");
      await hintSays(page, /press R/);
      await selectDnsRow(page, "tomcat.shop.svc.cluster.local");
      await page.keyboard.press("r");
      await waitFor(page, () => window.__reconcile.level()?.step === 1, "step 2", 30_000);
      await hintSays(page, /press G/);
      // wrong move: Recreate again — the Service exists now, so it is refused and the hint says G
      await page.keyboard.press("r");
      await waitFor(
        page,
        () => /Not that/.test(window.__reconcile.level()?.wrong ?? ""),
        "the refusal in the hint",
      );
      expect((await levelOf(page))!.hint).toMatch(/press G/);
      await selectDnsRow(page, "tomcat.shop.svc.cluster.local");
      await page.keyboard.press("g");
      await hintSays(page, /press E/);
      for (let i = 0; i < 20 && (await levelOf(page))!.outcome !== "won"; i++) {
        await clickTarget(page, "service", "shop/tomcat");
        await page.keyboard.press("e");
        await page.waitForTimeout(1500);
      }
      await successCard(page, 4);
      expect(errors).toEqual([]);
    } catch (e) {
      await screenshot(page, "campaign-level4");
      throw e;
    } finally {
      await page.close();
    }
  }, 240_000);

  it("level 5 (networks): a wrong answer says why; the right ones, clicked, pass the three questions", async () => {
    const page = await openGame(browser, server.url);
    const errors = collectErrors(page);
    try {
      await openLevel(page, "networks");
      await hintSays(page, /192\.168\.56\.12, is on which network/);
      await clickTarget(page, "button", "answer-1"); // the pod network: wrong
      await waitFor(
        page,
        () => /node network/.test(window.__reconcile.level()?.wrong ?? ""),
        "why it is wrong",
      );
      await shot(page, "level5-question-en-1366x768");
      await clickTarget(page, "button", "answer-0");
      await hintSays(page, /Which of these is a pod IP/);
      await clickTarget(page, "button", "answer-1");
      await hintSays(page, /where does that address live/);
      await clickTarget(page, "button", "answer-2");
      await waitFor(page, () => window.__reconcile.level()?.outcome === "won", "the success card", 30_000);
      const texts = await page.evaluate(() => window.__reconcile.texts());
      expect(texts).toContain("✓ Level 5 complete");
      expect(errors).toEqual([]);
    } catch (e) {
      await screenshot(page, "campaign-networks");
      throw e;
    } finally {
      await page.close();
    }
  }, 240_000);

  it("level 6 (registry): I proposes the mirror for the k8s.gcr.io image, the hint then says O and N, which roll it out", async () => {
    const page = await openGame(browser, server.url);
    const errors = collectErrors(page);
    try {
      await openLevel(page, "registry");
      await hintSays(page, /press I/);
      await waitFor(
        page,
        () => !!window.__reconcile.view()?.workloads.some((w) => w.image.startsWith("k8s.gcr.io/")),
        "the template switched to k8s.gcr.io",
      );
      await clickTarget(page, "service", "shop/nginx");
      await page.keyboard.press("i");
      const field = page.locator("#game input[name=image]");
      await field.waitFor({ state: "visible" });
      expect(await field.inputValue()).toMatch(/^registry\.aliyuncs\.com\/google_containers\//);
      await field.press("Enter");
      await hintSays(page, /press O/);
      await clickTarget(page, "service", "shop/nginx");
      await page.keyboard.press("o");
      await page.waitForTimeout(400);
      await page.keyboard.press("n");
      await successCard(page, 6);
      expect(errors).toEqual([]);
    } catch (e) {
      await screenshot(page, "campaign-registry");
      throw e;
    } finally {
      await page.close();
    }
  }, 240_000);

  it("level 7 (exam): two minutes of the scenario's chaos, fixed by following the hints, graded at 110 s", async () => {
    const page = await openGame(browser, server.url);
    const errors = collectErrors(page);
    try {
      await openLevel(page, "exam");
      await wrongMoveShowsHint(page, "shop/nginx", "r", /.+/);
      const dns = "tomcat.shop.svc.cluster.local";
      for (let i = 0; i < 400; i++) {
        const info = (await levelOf(page))!;
        if (info.outcome !== "playing") break;
        const hint = info.hint;
        if (/press R/.test(hint) || /press G/.test(hint)) {
          await selectDnsRow(page, dns);
          await page.keyboard.press(/press R/.test(hint) ? "r" : "g");
        } else if (/press L/.test(hint)) {
          const drifted = await page.evaluate(
            () => window.__reconcile.view()?.pods.find((p) => p.labels?.tier === "debug")?.key ?? "",
          );
          if (drifted) {
            await clickTarget(page, "pod", drifted);
            await page.keyboard.press("l");
          }
        } else {
          const m = /click the (tomcat|nginx) Service and press E/.exec(hint);
          if (m) {
            await clickTarget(page, "service", `shop/${m[1]}`);
            await page.keyboard.press("e");
          }
        }
        await page.waitForTimeout(800);
      }
      await successCard(page, 7);
      expect(errors).toEqual([]);
    } catch (e) {
      await screenshot(page, "campaign-exam");
      throw e;
    } finally {
      await page.close();
    }
  }, 300_000);

  it("screenshots: the list, a level and its success card in English and 中文 at 1366×768 and 1920×1080", async () => {
    for (const size of [
      { width: 1366, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      for (const lang of ["en", "zh"] as const) {
        const tag = `${lang}-${size.width}x${size.height}`;
        const page = await openGame(browser, server.url, size);
        try {
          await clickTarget(page, "button", `lang-${lang}`);
          await page.evaluate(() => localStorage.setItem("reconcile.campaign.won", '["scheduler"]'));
          await clickTarget(page, "button", "campaign");
          await waitFor(page, () => window.__reconcile.scenes().join() === "Campaign", "the level list");
          await shot(page, `list-${tag}`);
          await clickTarget(page, "button", "level-scheduler");
          const pod = await pendingPod(page);
          await page.waitForTimeout(500);
          await shot(page, `level1-${tag}`);
          await dragTarget(page, ["pod", pod], ["node", "node-2"]);
          await waitFor(page, () => window.__reconcile.level()?.step === 1, "step 2", 30_000);
          await dragTarget(page, ["pod", await pendingPod(page)], ["node", "node-3"]);
          await waitFor(page, () => window.__reconcile.level()?.outcome === "won", "won", 60_000);
          await shot(page, `level1-won-${tag}`);
        } finally {
          await page.close();
        }
      }
    }
  }, 400_000);
});
