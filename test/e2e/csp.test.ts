/**
 * The game runs under the server's Content-Security-Policy in real Chromium: the page is
 * served with the policy, and Menu → Create match → Lobby → Start → Match (Phaser canvas,
 * bundled fonts, the match WebSocket) goes through without one CSP violation or console error.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildClientIfNeeded,
  clickTarget,
  collectErrors,
  launchBrowser,
  screenshot,
  startServer,
  waitFor,
  waitForScene,
  type ServerHandle,
} from "./helpers";

let server: ServerHandle;
let browser: Browser;

/** Where the page records `securitypolicyviolation` events. */
type Recorded = { __cspViolations: string[] };

describe("e2e: the game under its Content-Security-Policy", () => {
  beforeAll(async () => {
    await buildClientIfNeeded();
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("Menu → create → Match in Chinese and English with no CSP violation and no console error", async ({
    onTestFailed,
  }) => {
    const page: Page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    onTestFailed(async () => void (await screenshot(page, "csp-flow")));
    await page.addInitScript(() => {
      const w = window as unknown as Recorded;
      w.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        w.__cspViolations.push(
          `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
        ),
      );
    });
    const errors = collectErrors(page);
    const res = await page.goto(server.url);
    const csp = res?.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    await waitFor(page, () => window.__reconcile?.scenes().includes("Menu") ?? false, "the Menu scene");
    // 中文 first: its glyphs come from the bundled Noto Sans SC font files (font-src).
    await clickTarget(page, "button", "lang-zh");
    await waitFor(page, () => window.__reconcile.texts().includes("创建对局"), "the Chinese menu");
    await page.waitForFunction(() => document.fonts.check('16px "Noto Sans SC"', "创建对局"));
    await clickTarget(page, "button", "lang-en");
    await page.fill("input[name=name]", "Ada");
    await clickTarget(page, "button", "create");
    await waitForScene(page, "Lobby");
    await clickTarget(page, "button", "start");
    await waitForScene(page, "Match");
    await waitFor(page, () => (window.__reconcile.view()?.pods.length ?? 0) > 0, "the cluster's pods");
    // A few seconds of live patches over the WebSocket, drawn on the canvas.
    const t0 = await page.evaluate(() => window.__reconcile.view()!.time);
    await waitFor(page, () => window.__reconcile.view()!.time >= 3, `game time past 3 s (was ${t0})`);
    const violations = await page.evaluate(() => (window as unknown as Recorded).__cspViolations);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
