/**
 * The facilitator's console and the teams' way in, in Chromium against the real server, the
 * way people use them: the facilitator creates an event from the Menu (Run a competition)
 * and is shown the key; two players join from the Menu (Join a team) — one by the event
 * code and the team's name, one by the team's code — and see that the facilitator runs the
 * clock; the console lists them connected; start all starts both teams; chaos injected into
 * all from the console lands in both teams on the same game second, into one team only
 * there; pause all shows on the teams' pages; a refusal reads as a sentence; a reload of
 * the console keeps control, a page without the key gets the board; end all. With open
 * sign-up a player creates a team by name; the console renames it, adds another (which a
 * player joins by its join link, what its QR code encodes) and removes the first, whose
 * player is sent back to the Menu with the reason.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  buildClientIfNeeded,
  clickTarget,
  collectErrors,
  launchBrowser,
  screenshot,
  startServer,
  visibleText,
  waitFor,
  waitForScene,
  type ServerHandle,
} from "./helpers";
import { eventOf, openMenu as openMenuAt } from "./competitionPages";

const PORT = 3301;

let server: ServerHandle;
let browser: Browser;
let console_: Page;
const players: { page: Page; errors: string[]; name: string }[] = [];
let consoleErrors: string[] = [];
let code = "";

/** Opens the game's Menu at 1366×768 (patient: six engineers share this machine's two cores). */
const openMenu = () => openMenuAt(browser, server.url);

describe("e2e: the facilitator console and joining a team", () => {
  beforeAll(async () => {
    await buildClientIfNeeded();
    server = await startServer({ MAX_EVENTS_PER_ADDRESS: "10" }, PORT);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      await screenshot(console_, `${task.name}-console`);
      for (const p of players) await screenshot(p.page, `${task.name}-${p.name}`);
    });
  });

  it("Menu → Run a competition creates the event, opens the console and shows the key once", async () => {
    console_ = await openMenu();
    consoleErrors = collectErrors(console_);
    await clickTarget(console_, "button", "run-event");
    await waitForScene(console_, "EventSetup");
    await console_.fill("input[name=event-name]", "Dojo");
    await console_.fill("input[name=event-teams]", "2");
    await console_.fill("input[name=event-minutes]", "2");
    await console_.fill("input[name=event-seed]", "7");
    // Practice chaos: every fault in the teams is the facilitator's.
    await clickTarget(console_, "button", "setup-chaos-off");
    await clickTarget(console_, "button", "setup-create");
    await waitForScene(console_, "Facilitator");
    await waitFor(console_, () => window.__reconcile.eventConsole()?.teams.length === 2, "two teams listed");
    const ev = (await eventOf(console_))!;
    code = ev.code;
    expect(ev.canControl).toBe(true);
    expect(ev.phase).toBe("lobby");
    expect(await console_.evaluate(() => location.hash)).toBe(`#/event/${code}/console`);
    const kept = await console_.evaluate(
      (c) => sessionStorage.getItem(`reconcile.facilitatorKey.${c}`),
      code,
    );
    expect(kept).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    // The key is on screen with "keep this" until the facilitator closes it.
    await waitFor(console_, () => window.__reconcile.texts().some((s) => s.includes("keep this")), "the key");
    expect(await visibleText(console_)).toContain(kept!);
    await clickTarget(console_, "button", "console-dialog-cancel");
    expect(await visibleText(console_)).not.toContain(kept!);
  });

  it("two players join from the Menu, by event code + team name and by team code; no Start button in a team", async () => {
    const teams = (await eventOf(console_))!.teams;
    for (const [i, name] of ["Ada", "Bob"].entries()) {
      const page = await openMenu();
      players.push({ page, errors: collectErrors(page), name });
      await clickTarget(page, "button", "join-team");
      await waitForScene(page, "JoinTeam");
      await page.fill("input[name=team-player-name]", name);
      if (i === 0) {
        await page.fill("input[name=team-event-code]", code.toLowerCase());
        await page.fill("input[name=team-name]", "team 1");
      } else await page.fill("input[name=team-code]", teams[1]!.teamId.toLowerCase());
      await clickTarget(page, "button", "jointeam-join");
      await waitForScene(page, "Lobby");
      expect(await page.evaluate(() => window.__reconcile.code())).toBe(teams[i]!.teamId);
      expect(await page.evaluate(() => window.__reconcile.view()!.facilitated)).toBe(true);
      await clickTarget(page, "button", "lobby-role-scheduler");
      await waitFor(page, () => window.__reconcile.role() === "scheduler", "the role taken");
      expect(await visibleText(page)).toContain("Waiting for the facilitator to start");
      expect(await visibleText(page)).toContain(`${teams[i]!.name} (${teams[i]!.teamId})`);
      // The first player in is the team's host, and still has no Start button.
      expect(
        await page.evaluate(() => window.__reconcile.screenPositionOf("button", "start")),
      ).toBeUndefined();
    }
    await waitFor(
      console_,
      () => {
        const e = window.__reconcile.eventConsole();
        return !!e && e.teams.every((t) => t.players.length === 1 && t.players[0]!.connected);
      },
      "both players connected on the console",
    );
    // The roster arrives, then the next frame draws it.
    await waitFor(
      console_,
      () =>
        ["Ada — Scheduler", "Bob — Scheduler"].every((l) =>
          window.__reconcile.texts().join("\n").includes(l),
        ),
      "both players on their cards",
    );
  });

  it("start all starts both teams; chaos into all lands in both on the same game second, into one only there", async () => {
    await clickTarget(console_, "button", "console-start");
    for (const p of players) await waitForScene(p.page, "Match");
    await waitFor(
      console_,
      () => window.__reconcile.eventConsole()?.phase === "running",
      "the event running",
    );
    await console_.selectOption("select[name=console-chaos-type]", "pod-kill");
    await console_.fill("input[name=console-chaos-target]", "shop/nginx");
    expect(await console_.inputValue("select[name=console-chaos-team]")).toBe("");
    await clickTarget(console_, "button", "console-inject");
    const times: number[] = [];
    for (const p of players) {
      await waitFor(
        p.page,
        () => window.__reconcile.view()?.events.some((e) => e.type === "ChaosPodKill") ?? false,
        `the pod-kill on ${p.name}'s page`,
      );
      const kill = (await p.page.evaluate(() => window.__reconcile.view()!.events)).find(
        (e) => e.type === "ChaosPodKill",
      )!;
      expect(kill.object).toMatch(/^Pod\/shop\/nginx-/);
      times.push(kill.time);
    }
    expect(times[1]).toBe(times[0]);
    // Into one team: only that team's page sees it.
    const bob = (await eventOf(console_))!.teams[1]!;
    await console_.selectOption("select[name=console-chaos-team]", bob.teamId);
    await console_.fill("input[name=console-chaos-target]", "shop/tomcat");
    await clickTarget(console_, "button", "console-inject");
    await waitFor(
      players[1]!.page,
      () =>
        window.__reconcile
          .view()
          ?.events.some((e) => e.type === "ChaosPodKill" && e.object.includes("/tomcat-")) ?? false,
      "the tomcat kill on Bob's page",
    );
    const at = await players[1]!.page.evaluate(
      () => window.__reconcile.view()!.events.find((e) => e.object.includes("/tomcat-"))!.time,
    );
    // Two game seconds later Ada's team still has its tomcat.
    await players[0]!.page.waitForFunction((t) => (window.__reconcile.view()?.time ?? 0) >= t + 2, at, {
      timeout: 30_000,
    });
    const adaEvents = await players[0]!.page.evaluate(() => window.__reconcile.view()!.events);
    expect(adaEvents.some((e) => e.type === "ChaosPodKill" && e.object.includes("/tomcat-"))).toBe(false);
  });

  it("a refusal reads as a sentence: chaos while paused", async () => {
    await clickTarget(console_, "button", "console-pause");
    await waitFor(console_, () => window.__reconcile.eventConsole()?.phase === "paused", "the event paused");
    // The teams' pages say why their clocks stand still.
    for (const p of players) {
      await waitFor(p.page, () => window.__reconcile.view()?.paused === true, `${p.name}'s page paused`);
      await waitFor(
        p.page,
        () => window.__reconcile.texts().some((x) => x.includes("❚❚ paused")),
        `"paused" on ${p.name}'s HUD`,
      );
    }
    await clickTarget(console_, "button", "console-inject");
    await waitFor(
      console_,
      () => window.__reconcile.texts().some((s) => s.startsWith("Not now — cannot inject while paused")),
      "the refusal on the console",
    );
    await clickTarget(console_, "button", "console-resume");
    await waitFor(
      console_,
      () => window.__reconcile.eventConsole()?.phase === "running",
      "the event running again",
    );
    for (const p of players)
      await waitFor(p.page, () => window.__reconcile.view()?.paused === false, `${p.name}'s page running`);
  });

  it("a reload of the console keeps control, so does the way back from the Menu; a page without the key gets the board; end all", async () => {
    await console_.reload();
    await waitForScene(console_, "Facilitator", 30_000);
    await waitFor(console_, () => window.__reconcile.eventConsole()?.teams.length === 2, "the teams again");
    const ev = (await eventOf(console_))!;
    expect(ev.code).toBe(code);
    expect(ev.canControl).toBe(true);
    expect(ev.phase).toBe("running");
    // A new page is a new browser context: its sessionStorage holds no key.
    const stranger = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await stranger.goto(`${server.url}/#/event/${code}/console`);
    await waitForScene(stranger, "EventBoard", 30_000);
    expect(await stranger.evaluate(() => location.hash)).toBe(`#/event/${code}/board`);
    expect(await stranger.evaluate(() => window.__reconcile.eventConsole())).toBeUndefined();
    await stranger.close();
    expect(consoleErrors).toEqual([]);
    for (const p of players) expect(p.errors, p.name).toEqual([]);
    // Left for the Menu, the console is one click away under Run a competition.
    await clickTarget(console_, "button", "console-menu");
    await waitForScene(console_, "Menu");
    await clickTarget(console_, "button", "run-event");
    await waitForScene(console_, "EventSetup");
    await clickTarget(console_, "button", "setup-console");
    await waitForScene(console_, "Facilitator");
    await waitFor(console_, () => window.__reconcile.eventConsole()?.canControl === true, "control again");
    // End all: the teams reach their debrief without a Play again; the console points to the event's debrief.
    await clickTarget(console_, "button", "console-end");
    for (const p of players) {
      await waitForScene(p.page, "Debrief", 30_000);
      await waitFor(
        p.page,
        () => window.__reconcile.texts().some((x) => x.includes("The facilitator runs the debrief")),
        `the debrief's note on ${p.name}'s page`,
      );
      expect(
        await p.page.evaluate(() => window.__reconcile.screenPositionOf("button", "again")),
      ).toBeUndefined();
    }
    await waitFor(
      console_,
      () => window.__reconcile.texts().includes("Open the debrief ↗"),
      "the debrief link on the console",
    );
    // Two matches drawing in the background would only slow the next test down.
    for (const p of players.splice(0)) await p.page.close();
    await console_.close();
  });

  it("open sign-up: a player names a team, the console renames it, adds one, and removes the first", async () => {
    const fac = await openMenu();
    const facErrors = collectErrors(fac);
    await clickTarget(fac, "button", "run-event");
    await waitForScene(fac, "EventSetup");
    await fac.fill("input[name=event-name]", "Open day");
    await clickTarget(fac, "button", "setup-signup");
    await clickTarget(fac, "button", "setup-create");
    await waitForScene(fac, "Facilitator");
    await waitFor(fac, () => window.__reconcile.texts().some((s) => s.includes("keep this")), "the key");
    await clickTarget(fac, "button", "console-dialog-cancel");
    const eventCode = (await eventOf(fac))!.code;
    expect((await eventOf(fac))!.teams).toEqual([]);

    const cy = await openMenu();
    const cyErrors = collectErrors(cy);
    await clickTarget(cy, "button", "join-team");
    await waitForScene(cy, "JoinTeam");
    await cy.fill("input[name=team-player-name]", "Cy");
    await cy.fill("input[name=team-event-code]", eventCode);
    await cy.fill("input[name=team-name]", "Red Foxes");
    await clickTarget(cy, "button", "jointeam-join");
    await waitForScene(cy, "Lobby");
    await waitFor(
      fac,
      () =>
        window.__reconcile
          .eventConsole()
          ?.teams.map((t) => t.name)
          .join() === "Red Foxes",
      "the signed-up team on the console",
    );

    await clickTarget(fac, "button", "console-rename-0");
    await fac.fill("input[name=console-dialog-name]", "Blue Foxes");
    await clickTarget(fac, "button", "console-dialog-ok");
    await waitFor(
      fac,
      () => window.__reconcile.eventConsole()?.teams[0]?.name === "Blue Foxes",
      "the team renamed",
    );
    await clickTarget(fac, "button", "console-add");
    await fac.fill("input[name=console-dialog-name]", "Green");
    await fac.keyboard.press("Enter");
    await waitFor(fac, () => window.__reconcile.eventConsole()?.teams.length === 2, "the added team");
    const green = (await eventOf(fac))!.teams[1]!;
    expect(green.name).toBe("Green");

    // The join link (what the QR code encodes) asks only the name.
    const di = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const diErrors = collectErrors(di);
    await di.goto(`${server.url}/#/join/${green.teamId}`);
    await waitForScene(di, "JoinTeam", 30_000);
    expect(await di.isVisible("input[name=team-event-code]")).toBe(false);
    await di.fill("input[name=team-player-name]", "Di");
    await clickTarget(di, "button", "jointeam-join");
    await waitForScene(di, "Lobby");
    expect(await di.evaluate(() => window.__reconcile.code())).toBe(green.teamId);
    expect(await di.evaluate(() => location.hash)).toBe("");

    await clickTarget(fac, "button", "console-remove-0");
    await clickTarget(fac, "button", "console-dialog-ok");
    await waitForScene(cy, "Menu");
    expect(await visibleText(cy)).toContain("The facilitator removed your team");
    await waitFor(
      fac,
      () =>
        window.__reconcile
          .eventConsole()
          ?.teams.map((t) => t.name)
          .join() === "Green",
      "the removed team gone from the console",
    );
    expect([...facErrors, ...cyErrors, ...diErrors]).toEqual([]);
    await Promise.all([fac.close(), cy.close(), di.close()]);
    // Three pages and two events on a machine others share: more than the default minute.
  }, 180_000);
});
