/** The Menu in real Chromium against the real server: the language switch. */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildClientIfNeeded,
  clickTarget,
  launchBrowser,
  openGame,
  screenshot,
  startServer,
  waitFor,
  type ServerHandle,
} from "./helpers";

let server: ServerHandle;
let browser: Browser;
let page: Page;

describe("e2e: menu", () => {
  beforeAll(async () => {
    await buildClientIfNeeded();
    server = await startServer();
    browser = await launchBrowser();
    page = await openGame(browser, server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the language switch changes the Menu to Chinese", async ({ onTestFailed }) => {
    onTestFailed(async () => void (await screenshot(page, "menu-language")));
    const before = await page.evaluate(() => window.__reconcile.texts());
    expect(before).toContain("Create match");
    expect(await page.evaluate(() => window.__reconcile.lang())).toBe("en");
    await clickTarget(page, "button", "lang-zh");
    await waitFor(page, () => window.__reconcile.texts().includes("创建对局"), "the Chinese menu");
    const after = await page.evaluate(() => window.__reconcile.texts());
    expect(after).toEqual(expect.arrayContaining(["创建对局", "用房间码加入", "选择角色", "调度器"]));
    expect(after).not.toContain("Create match");
    expect(
      await page.evaluate(() => document.querySelector<HTMLInputElement>("input[name=code]")!.placeholder),
    ).toBe("房间码");
    // the choice survives a reload
    await page.reload();
    await waitFor(
      page,
      () => window.__reconcile?.scenes().includes("Menu") ?? false,
      "the Menu after reload",
    );
    expect(await page.evaluate(() => window.__reconcile.texts())).toContain("创建对局");
    await clickTarget(page, "button", "lang-en");
    await waitFor(page, () => window.__reconcile.texts().includes("Create match"), "English again");
  });
});
