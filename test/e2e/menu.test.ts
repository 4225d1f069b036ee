/** The Menu in real Chromium against the real server: the language switch and the "Create match" options. */
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
  it("Create match runs the chosen scenario, clock and difficulty: nmt-full with bots", async ({
    onTestFailed,
  }) => {
    // the page the language test left on the English Menu (a second page would boot another game)
    const fresh = page;
    onTestFailed(async () => void (await screenshot(fresh, "menu-create-options")));
    await waitFor(fresh, () => window.__reconcile.scenes().includes("Menu"), "the Menu");
    await fresh.fill("input[name=name]", "Ada");
    await clickTarget(fresh, "button", "role-scheduler");
    await clickTarget(fresh, "button", "scenario-nmt-full");
    await clickTarget(fresh, "button", "difficulty-bots");
    // the clock by keyboard: ↓ walks language, role, scenario, clock; → changes it
    await fresh.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    for (let i = 0; i < 4; i++) await fresh.keyboard.press("ArrowDown");
    await fresh.keyboard.press("ArrowRight");
    expect(await fresh.evaluate(() => window.__reconcile.texts())).toEqual(
      expect.arrayContaining([
        "▸ Clock",
        "Kubernetes' own delays: NotReady after 50 s, eviction after 5 min.",
      ]),
    );
    await clickTarget(fresh, "button", "create");
    await waitFor(fresh, () => window.__reconcile.phase() === "lobby", "the lobby of the new match");
    await waitFor(fresh, () => (window.__reconcile.view()?.pods.length ?? 0) > 0, "the cluster's pods");
    const v = await fresh.evaluate(() => {
      const view = window.__reconcile.view()!;
      return {
        scenario: view.scenario,
        clock: view.clock,
        difficulty: view.difficulty,
        players: view.players.map((p) => ({ role: p.role, bot: p.isBot })),
        nodes: view.nodes.map((n) => n.name),
        agents: view.pods
          .filter((p) => p.owner === "DaemonSet/kube-system/node-agent" || p.labels.app === "node-agent")
          .map((p) => ({ owner: p.owner, app: p.labels.app, node: p.node })),
      };
    });
    expect(v).toMatchObject({ scenario: "nmt-full", clock: "realistic", difficulty: "bots" });
    // Ada holds the scheduler; a bot plays each of the two empty roles
    expect(v.players).toContainEqual({ role: "scheduler", bot: false });
    expect(
      v.players
        .filter((p) => p.bot)
        .map((p) => p.role)
        .sort(),
    ).toEqual(["service-controller", "workload-controller"]);
    // nmt-full's DaemonSet: one node-agent pod on every node
    expect(v.agents.length).toBe(v.nodes.length);
    for (const a of v.agents)
      expect(a).toMatchObject({ owner: "DaemonSet/kube-system/node-agent", app: "node-agent" });
    expect(v.agents.map((a) => a.node).sort()).toEqual([...v.nodes].sort());
    // the lobby shows the options
    const texts = (await fresh.evaluate(() => window.__reconcile.texts())).join("\n");
    expect(texts).toContain("Scenario nmt-full · Clock Realistic · Empty roles: Bots");
    // a running Match page costs a core on this 2-core machine: close it (on failure it stays for the screenshot)
    await fresh.close();
  });
});
