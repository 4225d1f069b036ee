/**
 * The booth kiosk in Chromium against the real server, as a walk-up visitor uses it: the
 * attract loop runs a minute without a page error or heap growth; a key press starts a
 * round (the operator set a short one), it ends in the debrief with the place of the day,
 * initials are saved and the big screen lists them; 30 s without input bring the attract
 * loop back; on a touch screen a finger drag binds a Pending pod.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildClientIfNeeded,
  launchBrowser,
  screenshot,
  startServer,
  waitFor,
  type ServerHandle,
} from "./helpers";
import {
  OPERATOR_KEY,
  board,
  heapAfterGc,
  openBooth,
  setBooth,
  startRoundByKeys,
  touchDrag,
} from "./boothHelpers";

let server: ServerHandle;
let browser: Browser;

/** The smallest of a few heap samples a second apart: transient garbage makes single samples noisy. */
async function heapFloor(page: import("playwright-core").Page): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    samples.push(await heapAfterGc(page));
    await page.waitForTimeout(1000);
  }
  return Math.min(...samples);
}

describe("e2e: booth kiosk", () => {
  beforeAll(async () => {
    await buildClientIfNeeded();
    server = await startServer({ BOOTH_OPERATOR_KEY: OPERATOR_KEY });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the attract loop plays its bots demo for 60 s with no page error and JS heap growth under 10 %", async () => {
    const { page, errors } = await openBooth(browser, server.url);
    try {
      await waitFor(page, () => window.__reconcile.boothStage() === "attract", "the attract loop");
      await page.waitForTimeout(5000);
      const before = await heapFloor(page);
      const shownAt = Date.now();
      while (Date.now() - shownAt < 60_000) {
        await page.waitForTimeout(5000);
        expect(await page.evaluate(() => window.__reconcile.boothStage())).toBe("attract");
      }
      const after = await heapFloor(page);
      const texts = (await page.evaluate(() => window.__reconcile.texts())).join("\n");
      expect(texts).toContain("Tap or press any key to play");
      expect(texts).toContain("Pods die; Services and DNS keep the shop reachable.");
      expect(errors).toEqual([]);
      expect(after / before, `heap ${before} → ${after} bytes`).toBeLessThanOrEqual(1.1);
    } catch (e) {
      await screenshot(page, "booth-attract");
      throw e;
    } finally {
      await page.context().close();
    }
  }, 150_000);

  it("a key starts a round that ends in the debrief; initials saved show on the big screen; 30 s idle → attract", async () => {
    await setBooth(server.url, { durationSeconds: 10, role: "scheduler" });
    const kiosk = await openBooth(browser, server.url);
    const big = await openBooth(browser, server.url, { screen: true, size: { width: 1920, height: 1080 } });
    try {
      await startRoundByKeys(kiosk.page);
      expect(await kiosk.page.evaluate(() => window.__reconcile.role())).toBe("scheduler");
      // the big screen follows the kiosk's round live, with the QR code of where visitors play
      expect((await big.page.evaluate(() => window.__reconcile.boothScreen()))?.qrText).toBe(
        `${server.url}/#/booth`,
      );
      await waitFor(
        big.page,
        () => !!window.__reconcile.boothScreen()?.live,
        "the live round on the big screen",
        20_000,
      );
      await waitFor(
        kiosk.page,
        () => window.__reconcile.scenes().join() === "BoothDebrief",
        "the booth debrief",
        40_000,
      );
      await waitFor(
        kiosk.page,
        () => window.__reconcile.boothRound()?.rankToday !== undefined,
        "the place of the day",
      );
      const round = await kiosk.page.evaluate(() => window.__reconcile.boothRound());
      expect(round?.offline).toBe(false);
      expect(round?.rankToday).toBe(1);
      await kiosk.page.keyboard.type("ada");
      await kiosk.page.keyboard.press("Enter");
      await waitFor(kiosk.page, () => window.__reconcile.boothRound()?.name === "ADA", "the initials saved");
      const stored = await board(server.url);
      expect(stored.top.map((e) => [e.roundId, e.name])).toContainEqual([round!.roundId, "ADA"]);
      await waitFor(
        big.page,
        () => window.__reconcile.boothScreen()?.top.some((e) => e.name === "ADA") ?? false,
        "ADA on the big screen's board",
        15_000,
      );
      // nobody touches the kiosk: back to the attract loop for the next visitor
      const idleFrom = Date.now();
      await waitFor(
        kiosk.page,
        () => window.__reconcile.boothStage() === "attract",
        "the attract loop after 30 s idle",
        50_000,
      );
      expect(Date.now() - idleFrom).toBeGreaterThan(25_000);
      expect(await kiosk.page.evaluate(() => window.__reconcile.boothRound())).toBeUndefined();
      expect(kiosk.errors).toEqual([]);
      expect(big.errors).toEqual([]);
    } catch (e) {
      await screenshot(kiosk.page, "booth-kiosk-round");
      await screenshot(big.page, "booth-big-screen");
      throw e;
    } finally {
      await kiosk.page.context().close();
      await big.page.context().close();
    }
  }, 180_000);

  it("on a touch screen a tap starts the round and a finger drag binds a Pending pod", async () => {
    await setBooth(server.url, { durationSeconds: 120, role: "scheduler" });
    const { page, errors } = await openBooth(browser, server.url, { touch: true });
    try {
      await waitFor(page, () => window.__reconcile.boothStage() === "attract", "the attract loop");
      await page.waitForTimeout(700);
      await page.touchscreen.tap(400, 300);
      await waitFor(page, () => window.__reconcile.boothStage() === "howto", "the how-to after a tap");
      await page.waitForTimeout(700);
      await page.touchscreen.tap(400, 300);
      await waitFor(
        page,
        () => window.__reconcile.scenes().join() === "Match",
        "the round after a second tap",
        30_000,
      );
      // a pod dies; its replacement waits in the tray for the scheduler (the visitor)
      await page.evaluate(() => window.__reconcile.inject({ type: "pod-kill", target: "shop/tomcat" }));
      await waitFor(
        page,
        () => window.__reconcile.pods().some((p) => p.tier === "tomcat" && !p.node && !p.terminating),
        "a Pending tomcat pod",
        20_000,
      );
      const pending = (await page.evaluate(() => window.__reconcile.pods())).find(
        (p) => p.tier === "tomcat" && !p.node && !p.terminating,
      )!;
      await touchDrag(page, ["pod", pending.key], ["node", "node-3"]);
      await waitFor(
        page,
        () => window.__reconcile.lastIntentResult()?.intent.type === "bindPod",
        "the bind result",
      );
      expect(await page.evaluate(() => window.__reconcile.lastIntentResult())).toMatchObject({
        ok: true,
        intent: { type: "bindPod", pod: pending.key, node: "node-3" },
      });
      expect(errors).toEqual([]);
    } catch (e) {
      await screenshot(page, "booth-touch");
      throw e;
    } finally {
      await page.context().close();
    }
  }, 120_000);

  it("in Chinese at 1920×1080: the attract loop, the role cards and the how-to speak 中文", async () => {
    await setBooth(server.url, { durationSeconds: 60, role: "choice" });
    const { page, errors } = await openBooth(browser, server.url, {
      size: { width: 1920, height: 1080 },
      lang: "zh",
    });
    try {
      await waitFor(page, () => window.__reconcile.boothStage() === "attract", "the attract loop");
      const attract = (await page.evaluate(() => window.__reconcile.texts())).join("\n");
      expect(attract).toContain("点击屏幕或按任意键开始");
      expect(attract).toContain("POD 会挂掉；Service 和 DNS 让网店始终可以访问。");
      await page.waitForTimeout(700);
      await page.keyboard.press("Space");
      await waitFor(page, () => window.__reconcile.boothStage() === "pick", "the role cards");
      expect((await page.evaluate(() => window.__reconcile.texts())).join("\n")).toContain("选择你的角色");
      await page.waitForTimeout(700);
      await page.keyboard.press("3");
      await waitFor(page, () => window.__reconcile.boothStage() === "howto", "the how-to");
      expect((await page.evaluate(() => window.__reconcile.texts())).join("\n")).toContain("你是服务控制器");
      await page.keyboard.press("Escape");
      await waitFor(
        page,
        () => window.__reconcile.boothStage() === "attract",
        "Esc back to the attract loop",
      );
      expect(errors).toEqual([]);
    } catch (e) {
      await screenshot(page, "booth-zh");
      throw e;
    } finally {
      await page.context().close();
    }
  }, 90_000);
});
