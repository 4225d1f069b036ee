/**
 * The honest lessons through the real path (real server, Chromium): the clock table opens
 * from the Menu and from the Match HUD; a service controller's Update Endpoints prints no
 * pretend command but names the EndpointSlice controller and the read that shows its work.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  buildClientIfNeeded,
  clickTarget,
  collectErrors,
  launchBrowser,
  openGame,
  screenshot,
  startServer,
  visibleText,
  waitFor,
  waitForScene,
  type ServerHandle,
} from "./helpers";

let server: ServerHandle;
let browser: Browser;
let page: Page;
let errors: string[];

const GRACE_LINE = "node-monitor-grace-period (node → NotReady): 50 s → 6 s";

describe("e2e: clock table and whose work it is", () => {
  beforeAll(async () => {
    await buildClientIfNeeded();
    server = await startServer();
    browser = await launchBrowser();
    page = await openGame(browser, `${server.url}/?duration=120`);
    errors = collectErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(page, task.name);
    });
  });

  it("the Menu's Clock table shows every delay, above the page's inputs, and Esc closes it", async () => {
    await clickTarget(page, "button", "clock-table");
    await waitFor(
      page,
      () => window.__reconcile.texts().some((t) => t.includes("50 s → 6 s")),
      "the clock card",
    );
    const text = await visibleText(page);
    expect(text).toContain(GRACE_LINE);
    expect(text).toContain("tolerationSeconds (evict pods of a NotReady node): 5 min → 15 s");
    expect(await page.isVisible("input[name=name]")).toBe(false);
    await page.keyboard.press("Escape");
    await waitFor(
      page,
      () => !window.__reconcile.texts().some((t) => t.includes("50 s → 6 s")),
      "the card closed",
    );
    expect(await page.isVisible("input[name=name]")).toBe(true);
  });

  it("Update Endpoints names the EndpointSlice controller and the read of its work, no pretend command", async () => {
    await page.fill("input[name=name]", "Ada");
    await clickTarget(page, "button", "role-service-controller");
    await clickTarget(page, "button", "chaos-off");
    await clickTarget(page, "button", "create");
    await waitForScene(page, "Lobby");
    await clickTarget(page, "button", "start");
    await waitForScene(page, "Match");
    await clickTarget(page, "service", "shop/tomcat");
    await waitFor(page, () => window.__reconcile.selection() === "service:shop/tomcat", "tomcat selected");
    await page.keyboard.press("e");
    await waitFor(page, () => window.__reconcile.intentResultCount() > 0, "the intent's result");
    const r = await page.evaluate(() => window.__reconcile.lastIntentResult());
    expect(r).toMatchObject({
      ok: true,
      kubectl: "",
      controller: "endpointslice-controller",
      inspect: "kubectl -n shop get endpointslices -l kubernetes.io/service-name=tomcat -o yaml",
    });
    await waitFor(
      page,
      () => window.__reconcile.texts().some((t) => t.includes("EndpointSlice controller's work")),
      "the kubectl log's line",
    );
    const log = await visibleText(page);
    expect(log).toContain("(no kubectl: nobody types this in a real cluster)");
    expect(log).toContain("$ kubectl -n shop get endpointslices");
    expect(log).not.toContain("get endpoints tomcat");
  });

  it("the HUD's Clock table button opens the same table during the match", async () => {
    await clickTarget(page, "button", "hud-clock");
    await waitFor(
      page,
      () => window.__reconcile.texts().some((t) => t.includes("50 s → 6 s")),
      "the clock card",
    );
    expect(await visibleText(page)).toContain(GRACE_LINE);
    await page.keyboard.press("Escape");
    await waitFor(
      page,
      () => !window.__reconcile.texts().some((t) => t.includes("50 s → 6 s")),
      "the card closed",
    );
    expect(errors).toEqual([]);
  });
});
