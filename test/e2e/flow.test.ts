/**
 * The client flow in real Chromium against the real server: rounds (Play again), a reload
 * in the middle of a match, Quick play next to a running match, and codes typed in lower
 * case or wrong. Matches are short (`?duration=10`, the Menu's URL option for create).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

/** A round's running phase in game seconds (the server's minimum). */
const DURATION = 10;
/** Long enough for a short round to run out on a loaded machine. */
const ROUND_MS = 40_000;

let server: ServerHandle;
let browser: Browser;
const opened: Page[] = [];

/** A fresh page on the Menu, with short matches and its errors collected. */
async function page(): Promise<{ page: Page; errors: string[] }> {
  const p = await openGame(browser, `${server.url}/?duration=${DURATION}`);
  opened.push(p);
  return { page: p, errors: collectErrors(p) };
}

/** Types a name, picks a role, then creates (no code), joins by code, or quick-plays. */
async function seat(
  p: Page,
  name: string,
  role: string,
  how: "create" | "quick" | { code: string },
): Promise<void> {
  await p.fill("input[name=name]", name);
  await clickTarget(p, "button", `role-${role}`);
  if (typeof how === "object") {
    await p.fill("input[name=code]", how.code);
    await clickTarget(p, "button", "join");
  } else await clickTarget(p, "button", how);
}

const state = (p: Page) =>
  p.evaluate(() => {
    const r = window.__reconcile;
    return {
      scenes: r.scenes(),
      phase: r.phase(),
      round: r.round(),
      code: r.code(),
      sessionId: r.sessionId(),
      role: r.role(),
    };
  });

describe("e2e: the client flow", () => {
  beforeAll(async () => {
    await buildClientIfNeeded();
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("Play again: round 2 runs and reaches its Debrief on the host's and a guest's page, without a page error", async ({
    onTestFailed,
  }) => {
    const host = await page();
    const guest = await page();
    onTestFailed(async () => {
      await screenshot(host.page, "flow-again-host");
      await screenshot(guest.page, "flow-again-guest");
    });
    await seat(host.page, "Ada", "scheduler", "create");
    await waitForScene(host.page, "Lobby");
    const code = (await state(host.page)).code;
    expect(code).toMatch(/^[A-Z0-9]{4}$/);
    // the guest types the code in lower case
    await seat(guest.page, "Bob", "workload-controller", { code: code.toLowerCase() });
    await waitForScene(guest.page, "Lobby");
    expect((await state(guest.page)).code).toBe(code);

    for (const round of [1, 2]) {
      await waitFor(
        host.page,
        () => window.__reconcile.targets().includes("button:start"),
        `the host's Start button (round ${round})`,
      );
      await clickTarget(host.page, "button", "start");
      for (const p of [host.page, guest.page]) {
        await waitForScene(p, "Match");
        expect(await state(p)).toMatchObject({ phase: "running", round });
      }
      for (const p of [host.page, guest.page]) {
        await waitForScene(p, "Debrief", ROUND_MS);
        expect(await state(p)).toMatchObject({ phase: "debrief", round });
        const text = await visibleText(p);
        expect(text).toContain("Debrief");
        expect(text).toContain("Points per player");
        if (round === 2) expect(text).toContain("Round 2");
      }
      if (round === 2) break;
      // the host plays again: every page goes to the new round's Lobby, labels drawn
      await clickTarget(host.page, "button", "again");
      for (const p of [host.page, guest.page]) {
        await waitForScene(p, "Lobby");
        expect(await state(p)).toMatchObject({ phase: "lobby", round: 2 });
        const text = await visibleText(p);
        expect(text).toContain("Round 2");
        expect(text).toContain("Scheduler\nAda");
        expect(text).toContain("Workload controller\nBob");
      }
    }
    expect(host.errors).toEqual([]);
    expect(guest.errors).toEqual([]);

    // Back to menu, then Create match in the same tab: a new match whose Lobby is fully labelled
    await clickTarget(host.page, "button", "menu");
    await waitForScene(host.page, "Menu");
    await clickTarget(host.page, "button", "create");
    await waitForScene(host.page, "Lobby");
    const again = await state(host.page);
    expect(again.code).not.toBe(code);
    expect(again.round).toBe(1);
    const text = await visibleText(host.page);
    for (const label of ["Scheduler\nAda", "Workload controller", "Service controller", "Start match"])
      expect(text).toContain(label);
    expect(host.errors).toEqual([]);
    await host.page.close();
    await guest.page.close();
  }, 120_000);

  it("a reload in the middle of a match returns to the same seat and role", async ({ onTestFailed }) => {
    const { page: p, errors } = await page();
    onTestFailed(async () => void (await screenshot(p, "flow-reload")));
    await seat(p, "Cleo", "service-controller", "create");
    await waitForScene(p, "Lobby");
    await clickTarget(p, "button", "start");
    await waitForScene(p, "Match");
    const before = await state(p);
    expect(before.role).toBe("service-controller");
    await p.reload();
    await waitForScene(p, "Match");
    await waitFor(p, () => window.__reconcile.role() !== "", "the role after the reload");
    const after = await state(p);
    expect(after).toMatchObject({
      sessionId: before.sessionId,
      role: "service-controller",
      code: before.code,
    });
    const people = await p.evaluate(() => window.__reconcile.view()!.players.filter((x) => !x.isBot));
    expect(people.map((x) => [x.id, x.name, x.connected])).toEqual([[before.sessionId, "Cleo", true]]);
    // a consented leave forgets the seat: the next reload opens the Menu
    await waitForScene(p, "Debrief", ROUND_MS);
    await clickTarget(p, "button", "menu");
    await waitForScene(p, "Menu");
    await p.reload();
    await waitForScene(p, "Menu");
    await p.waitForTimeout(500);
    expect((await state(p)).scenes).toEqual(["Menu"]);
    expect(errors).toEqual([]);
    await p.close();
  }, 90_000);

  it("Quick play starts a new solo match with the Menu's options, never another team's running one", async ({
    onTestFailed,
  }) => {
    const a = await page();
    const b = await page();
    onTestFailed(async () => {
      await screenshot(a.page, "flow-quick-running");
      await screenshot(b.page, "flow-quick-new");
    });
    await seat(a.page, "Dan", "scheduler", "create");
    await waitForScene(a.page, "Lobby");
    await clickTarget(a.page, "button", "start");
    await waitForScene(a.page, "Match");
    const running = await state(a.page);

    await clickTarget(b.page, "button", "scenario-nmt-full");
    await clickTarget(b.page, "button", "chaos-off");
    await seat(b.page, "Eve", "workload-controller", "quick");
    // started at once as its host: straight to the Match
    await waitForScene(b.page, "Match");
    const quick = await b.page.evaluate(() => {
      const r = window.__reconcile;
      const v = r.view()!;
      return {
        code: r.code(),
        host: v.hostId === r.sessionId(),
        phase: v.phase,
        scenario: v.scenario,
        chaos: v.chaos,
        duration: v.duration,
        role: r.role(),
        people: v.players.filter((p) => !p.isBot).map((p) => p.name),
      };
    });
    expect(quick).toMatchObject({
      host: true,
      phase: "running",
      scenario: "nmt-full",
      chaos: false,
      duration: DURATION,
      role: "workload-controller",
      people: ["Eve"],
    });
    expect(quick.code).not.toBe(running.code);
    // the running match still has only its own player
    const people = await a.page.evaluate(() =>
      window.__reconcile
        .view()!
        .players.filter((p) => !p.isBot)
        .map((p) => p.name),
    );
    expect(people).toEqual(["Dan"]);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await a.page.close();
    await b.page.close();
  });

  it("a wrong code says so in the player's language", async ({ onTestFailed }) => {
    const { page: p, errors } = await page();
    onTestFailed(async () => void (await screenshot(p, "flow-wrong-code")));
    await p.fill("input[name=code]", "zzzz");
    await clickTarget(p, "button", "join");
    await waitFor(
      p,
      () => window.__reconcile.texts().some((s) => s.includes("ZZZZ")),
      "the wrong-code message",
    );
    let text = await visibleText(p);
    expect(text).toContain("No match has the code ZZZZ");
    expect(text).not.toContain("not found");
    await clickTarget(p, "button", "lang-zh");
    await clickTarget(p, "button", "join");
    await waitFor(
      p,
      () => window.__reconcile.texts().some((s) => s.includes("没有房间码为 ZZZZ 的对局")),
      "the Chinese wrong-code message",
    );
    text = await visibleText(p);
    expect(text).not.toContain("not found");
    expect((await state(p)).scenes).toEqual(["Menu"]);
    // a failed join is not a page error; the browser's own network log line for the refused request is the only console error allowed
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    await clickTarget(p, "button", "lang-en");
    await p.close();
  });
});
