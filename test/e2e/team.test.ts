/**
 * A team of three people — one in every role, so no control loop runs on autopilot — in
 * real Chromium against the real server. What one person does reaches every page within one
 * patch, and the Workloads panel shows what the pods really are, not a status a paused
 * controller left behind.
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
const team: { page: Page; errors: string[]; role: string }[] = [];

/** Game seconds between two patches (PATCH_MS = 200). */
const PATCH_SECONDS = 0.2;

const view = (p: Page) => p.evaluate(() => window.__reconcile.view()!);

describe("e2e: a team of three people, one per role", () => {
  beforeAll(async () => {
    await buildClientIfNeeded();
    server = await startServer();
    browser = await launchBrowser();
    for (const role of ["scheduler", "workload-controller", "service-controller"]) {
      const page = await openGame(browser, server.url);
      team.push({ page, errors: collectErrors(page), role });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      for (const m of team) await screenshot(m.page, `${task.name}-${m.role}`);
    });
  });

  it("three people take the three roles through the Menu and the host starts", async () => {
    const [host, ...guests] = team;
    await host!.page.fill("input[name=name]", "Ada");
    await clickTarget(host!.page, "button", `role-${host!.role}`);
    // A practice round: the scenario's seeded chaos stays off, so every change is the team's.
    await clickTarget(host!.page, "button", "chaos-off");
    await clickTarget(host!.page, "button", "create");
    await waitForScene(host!.page, "Lobby");
    const code = await host!.page.evaluate(() => window.__reconcile.code());
    for (const [i, g] of guests.entries()) {
      await g.page.fill("input[name=name]", ["Bob", "Cy"][i]!);
      await clickTarget(g.page, "button", `role-${g.role}`);
      await g.page.fill("input[name=code]", code.toLowerCase());
      await clickTarget(g.page, "button", "join");
      await waitForScene(g.page, "Lobby");
    }
    for (const m of team) {
      expect(await m.page.evaluate(() => window.__reconcile.role())).toBe(m.role);
      await waitFor(m.page, () => window.__reconcile.view()?.players.length === 3, "three players listed");
    }
    await clickTarget(host!.page, "button", "start");
    for (const m of team) await waitForScene(m.page, "Match");
    const roles = (await view(host!.page)).roles;
    expect(Object.values(roles).map((r) => r.mode)).toEqual(["manual", "manual", "manual"]);
  });

  it("the workload controller deletes a pod: it is gone from every page within one patch, and stays gone", async () => {
    const ctrl = team[1]!.page;
    await waitFor(ctrl, () => window.__reconcile.pods().filter((p) => p.ready).length >= 5, "the shop up");
    const victim = (await ctrl.evaluate(() => window.__reconcile.pods())).find((p) => p.tier === "nginx")!;
    await clickTarget(ctrl, "pod", victim.key);
    await ctrl.keyboard.press("d");
    await waitFor(
      ctrl,
      () => window.__reconcile.lastIntentResult()?.intent.type === "deletePod",
      "the result",
    );
    expect(await ctrl.evaluate(() => window.__reconcile.lastIntentResult()?.ok)).toBe(true);
    // The result arrives after the tick that applied the delete; the next patch carries that tick.
    const resultAt = (await view(ctrl)).time;
    for (const { page } of team) {
      await page.waitForFunction(
        (t) => (window.__reconcile.view()?.time ?? 0) >= t,
        resultAt + PATCH_SECONDS,
        {
          timeout: 10_000,
          polling: 20,
        },
      );
      const pods = await page.evaluate(() => window.__reconcile.pods().map((p) => p.key));
      expect(pods, "a page still draws the deleted pod one patch later").not.toContain(victim.key);
    }
    // Nobody plays the ReplicaSet controller's part here, so no replacement comes.
    for (const { page } of team) {
      await page.waitForFunction((t) => (window.__reconcile.view()?.time ?? 0) >= t, resultAt + 3, {
        timeout: 15_000,
      });
      const nginx = (await page.evaluate(() => window.__reconcile.pods())).filter((p) => p.tier === "nginx");
      expect(nginx.map((p) => p.key)).not.toContain(victim.key);
      expect(nginx).toHaveLength(1);
    }
  });

  it("the Workloads panel shows the true ready/desired on every page while people hold every role", async () => {
    for (const { page } of team) {
      const nginx = (await view(page)).workloads.find((w) => w.key === "Deployment/shop/nginx")!;
      expect({ desired: nginx.desired, current: nginx.current, ready: nginx.ready }).toEqual({
        desired: 2,
        current: 1,
        ready: 1,
      });
      const panel = await visibleText(page);
      expect(panel).toMatch(/Deployment\/nginx\s+1\/2/);
      // CoreDNS's pods are all there: the panel must not invent a shortfall either.
      expect(panel).not.toMatch(/coredns\s+[01]\/2/);
    }
    // The workload controller creates the replacement by hand; every page counts it back up.
    const ctrl = team[1]!.page;
    await ctrl.evaluate(() =>
      window.__reconcile.sendIntent({
        type: "createPod",
        owner: window.__reconcile.view()!.workloads.find((w) => w.key === "Deployment/shop/nginx")!
          .currentReplicaSet,
      }),
    );
    await waitFor(
      ctrl,
      () => window.__reconcile.lastIntentResult()?.intent.type === "createPod",
      "createPod",
    );
    expect(await ctrl.evaluate(() => window.__reconcile.lastIntentResult()?.ok)).toBe(true);
    for (const { page } of team) {
      await waitFor(
        page,
        () =>
          window.__reconcile.view()?.workloads.find((w) => w.key === "Deployment/shop/nginx")?.current === 2,
        "nginx counted 2 pods again",
      );
    }
    for (const m of team) expect(m.errors, m.role).toEqual([]);
  });
});
