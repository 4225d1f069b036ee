/**
 * Helpers of the booth e2e suites: the operator's settings through the real API, the kiosk
 * and big-screen pages, starting a round as a walk-up visitor would, a touch drag through
 * Chromium's touch emulation, and today's board as the server stores it.
 */
import type { Browser, Page } from "playwright-core";
import type { Board, BoothSettingsPatch } from "../../shared/booth";
import { collectErrors, onScreen, waitFor } from "./helpers";

/** The operator key the booth suites start their servers with. */
export const OPERATOR_KEY = "booth-e2e-operator-key-0123456789";

/** Changes the booth's settings with the operator key (fails the test on a refusal). */
export async function setBooth(url: string, patch: BoothSettingsPatch): Promise<void> {
  const res = await fetch(`${url}/api/booth/settings`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${OPERATOR_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify(patch),
  });
  if (!res.ok) throw new Error(`booth settings refused: ${res.status} ${await res.text()}`);
}

/** Today's board as the server has it. */
export async function board(url: string): Promise<Board> {
  const res = await fetch(`${url}/api/booth/board?scope=day`);
  if (!res.ok) throw new Error(`board: ${res.status}`);
  return (await res.json()) as Board;
}

/** A page and what it reported as broken. */
export interface BoothPage {
  page: Page;
  errors: string[];
}

/** Opens a booth page (`#/booth` or `#/booth/screen`) in its own context, waiting for its scene. */
export async function openBooth(
  browser: Browser,
  url: string,
  opts: {
    screen?: boolean;
    touch?: boolean;
    size?: { width: number; height: number };
    lang?: "en" | "zh";
  } = {},
): Promise<BoothPage> {
  const context = await browser.newContext({
    viewport: opts.size ?? { width: 1366, height: 768 },
    hasTouch: opts.touch ?? false,
  });
  if (opts.lang) await context.addInitScript((l) => localStorage.setItem("reconcile.lang", l), opts.lang);
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${url}/#/booth${opts.screen ? "/screen" : ""}`);
  const scene = opts.screen ? "BoothScreen" : "Booth";
  await page.waitForFunction((s) => window.__reconcile?.scenes().join() === s, scene, {
    timeout: 30_000,
    polling: 100,
  });
  return { page, errors };
}

/** The kiosk's stage, or "" when the Booth scene is not shown. */
export function stage(page: Page): Promise<string> {
  return page.evaluate(() => window.__reconcile.boothStage() ?? "");
}

/**
 * Starts a round as a visitor at a keyboard: any key leaves the attract loop, 1 picks the
 * first role when the booth offers a choice, any key skips the how-to; waits for the Match.
 */
export async function startRoundByKeys(page: Page): Promise<void> {
  await waitFor(page, () => window.__reconcile.boothStage() === "attract", "the attract loop");
  await page.waitForTimeout(700);
  await page.keyboard.press("Space");
  await waitFor(
    page,
    () => window.__reconcile.boothStage() !== "attract",
    "the key to leave the attract loop",
  );
  if ((await stage(page)) === "pick") {
    await page.waitForTimeout(700);
    await page.keyboard.press("1");
  }
  await waitFor(page, () => window.__reconcile.boothStage() === "howto", "the how-to");
  await page.waitForTimeout(700);
  await page.keyboard.press("Enter");
  await waitFor(
    page,
    () => window.__reconcile.scenes().join() === "Match",
    "the round (Match scene)",
    30_000,
  );
}

/** A finger drag from one on-screen target to another (Chromium touch emulation, through CDP). */
export async function touchDrag(page: Page, from: [string, string], to: [string, string]): Promise<void> {
  const a = await onScreen(page, from[0], from[1]);
  const b = await onScreen(page, to[0], to[1]);
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: "touchStart" | "touchMove" | "touchEnd", x: number, y: number) =>
    cdp.send("Input.dispatchTouchEvent", {
      type,
      touchPoints: type === "touchEnd" ? [] : [{ x, y, id: 1, radiusX: 4, radiusY: 4, force: 1 }],
    });
  await touch("touchStart", a.x, a.y);
  for (let i = 1; i <= 15; i++) {
    await touch("touchMove", a.x + ((b.x - a.x) * i) / 15, a.y + ((b.y - a.y) * i) / 15);
    await page.waitForTimeout(20);
  }
  await touch("touchEnd", b.x, b.y);
  await cdp.detach();
}

/** JS heap in use after a forced garbage collection (bytes), through CDP. */
export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  await cdp.detach();
  return usedSize;
}
