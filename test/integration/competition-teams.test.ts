/**
 * Managing an event's teams before the start, through real colyseus.js clients: the
 * facilitator adds, renames and removes teams (with the key, in the lobby, names unique);
 * a removed team's players are told and closed; players find their team by name or sign a
 * new one up (`teams: 0`). Every refusal comes with a reason and changes nothing.
 */
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import { matchMaker } from "@colyseus/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import appConfig from "../../server/app.config";
import {
  EVENT_NOTICE,
  EventCloseCode,
  TEAM_LIMITS,
  fromBoardRow,
  type EventNotice,
} from "../../shared/competition";
import { collect, eventually } from "./helpers";
import {
  control,
  createEvent,
  openPage,
  roster,
  teamNamed,
  ticks,
  type TestEvent,
} from "./competition-event";

let colyseus: ColyseusTestServer;

beforeAll(async () => {
  colyseus = await boot(appConfig, 3101);
});
afterEach(async () => {
  await colyseus.cleanup();
});
afterAll(async () => {
  await colyseus.shutdown();
});

const names = (p: Parameters<typeof roster>[0]) => roster(p).map((t) => t.name);
const live = (id: string) => matchMaker.getLocalRoomById(id) !== undefined;

/** Steps the event a second at a time until `cond` holds (a team is created between boards). */
async function secondsUntil(e: TestEvent, cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 50 && !cond(); i++) await ticks(e, 10);
  if (!cond()) throw new Error(`no ${what} after 50 seconds`);
}

describe("team management", () => {
  it("adds, renames and removes teams with the key before the start; a removed team's players are told", async () => {
    const e = await createEvent(colyseus, 2);
    await ticks(e, 10);
    expect(names(e)).toEqual(["Team 1", "Team 2"]);

    expect(await control(e, { kind: "addTeam", name: "  Red Foxes " })).toBeUndefined();
    await secondsUntil(e, () => names(e).includes("Red Foxes"), "the new team in the roster");
    expect(names(e)).toEqual(["Team 1", "Team 2", "Red Foxes"]);
    const foxes = teamNamed(e, "Red Foxes").teamId;
    expect((await matchMaker.query({ roomId: foxes }))[0]).toMatchObject({ name: "match", private: true });

    // Rename: the event's name wins over the team's later reports.
    const team1 = teamNamed(e, "Team 1").teamId;
    expect(await control(e, { kind: "renameTeam", team: team1, name: "Blue Herons" })).toBeUndefined();
    expect(names(e)).toEqual(["Blue Herons", "Team 2", "Red Foxes"]);
    await ticks(e, 30);
    expect(names(e)).toEqual(["Blue Herons", "Team 2", "Red Foxes"]);
    // A team may change its own name's case.
    expect(await control(e, { kind: "renameTeam", team: foxes, name: "RED foxes" })).toBeUndefined();

    // Remove: its players get a notice and the close code, its room goes, the roster says so.
    const team2 = teamNamed(e, "Team 2").teamId;
    const player = await colyseus.sdk.joinById(team2, { name: "Ada" });
    const notices = collect<EventNotice>(player, EVENT_NOTICE);
    let closed = 0;
    player.onLeave((code) => (closed = code));
    await ticks(e, 10);
    expect(teamNamed(e, "Team 2").players).toEqual([{ name: "Ada", roles: ["scheduler"], connected: true }]);
    expect(await control(e, { kind: "removeTeam", team: team2 })).toBeUndefined();
    await eventually(() => closed !== 0, "the removed team's player closed");
    expect(closed).toBe(EventCloseCode.TEAM_REMOVED);
    expect(notices).toEqual([{ code: "TEAM_REMOVED", message: expect.stringMatching(/removed this team/) }]);
    await eventually(() => !live(team2), "the removed team's room to close");
    expect(e.rosters.at(-1)).toMatchObject({ removed: [team2] });
    const board = await ticks(e, 10);
    expect(names(e)).toEqual(["Blue Herons", "RED foxes"]);
    expect(
      board.rows
        .map(fromBoardRow)
        .map((r) => r.teamId)
        .sort(),
    ).toEqual([team1, foxes].sort());
    const late = await openPage(colyseus, e.page.roomId);
    await eventually(() => late.histories.length === 1, "a new page's history");
    expect(late.histories[0]!.teams.map((t) => t.teamId)).toEqual([team1, foxes]);
    expect(roster(late).map((t) => t.name)).toEqual(["Blue Herons", "RED foxes"]);
  });

  it("refuses team changes without the key, with a taken or bad name, for no team, or after the start: nothing changes", async () => {
    const e = await createEvent(colyseus, 2);
    await ticks(e, 10);
    const [t1, t2] = roster(e).map((t) => t.teamId) as [string, string];
    const outsider = await openPage(colyseus, e.page.roomId);
    for (const body of [
      { kind: "addTeam", name: "Sneaky" },
      { kind: "renameTeam", team: t1, name: "Sneaky" },
      { kind: "removeTeam", team: t2 },
    ])
      outsider.page.send("control", { key: "not-the-key", ...body });
    await eventually(() => outsider.errors.length === 3, "three refusals");
    expect(outsider.errors.map((x) => x.code)).toEqual([
      "NOT_FACILITATOR",
      "NOT_FACILITATOR",
      "NOT_FACILITATOR",
    ]);

    const refusals: [Record<string, unknown>, string, RegExp][] = [
      [{ kind: "addTeam", name: "team 2" }, "NAME_TAKEN", /another team is called "team 2"/],
      [{ kind: "renameTeam", team: t1, name: "TEAM 2" }, "NAME_TAKEN", /another team/],
      [{ kind: "addTeam", name: "x".repeat(41) }, "TOO_LONG", /over 40/],
      [{ kind: "addTeam", name: "a\u202eb" }, "BAD_PAYLOAD", /"name"/],
      [{ kind: "renameTeam", team: "ZZZZ", name: "Owls" }, "NO_SUCH_TEAM", /no team "ZZZZ"/],
      [{ kind: "removeTeam", team: "ZZZZ" }, "NO_SUCH_TEAM", /no team "ZZZZ"/],
      [{ kind: "removeTeam", team: "ZZ\u202eZZ" }, "NO_SUCH_TEAM", /^no team "ZZZZ" in this event$/],
    ];
    for (const [body, code, why] of refusals)
      expect(await control(e, body), JSON.stringify(body)).toMatchObject({
        code,
        message: expect.stringMatching(why),
        ref: "control",
      });

    expect(await control(e, { kind: "move", move: "start" })).toBeUndefined();
    for (const body of [
      { kind: "addTeam", name: "Late" },
      { kind: "renameTeam", team: t1, name: "Late" },
      { kind: "removeTeam", team: t2 },
    ])
      expect(await control(e, body)).toMatchObject({
        code: "WRONG_PHASE",
        message: expect.stringMatching(/only before the start \(the event is running\)/),
      });
    await ticks(e, 20);
    expect(names(e)).toEqual(["Team 1", "Team 2"]);
    expect(names(outsider)).toEqual(["Team 1", "Team 2"]);
    expect([t1, t2].every(live)).toBe(true);
    expect((await matchMaker.query({ name: "match" })).length).toBe(2);
  });

  it("starts only with at least two teams", async () => {
    const e = await createEvent(colyseus, 2);
    await ticks(e, 10);
    expect(await control(e, { kind: "removeTeam", team: roster(e)[0]!.teamId })).toBeUndefined();
    expect(await control(e, { kind: "move", move: "start" })).toMatchObject({
      code: "WRONG_PHASE",
      message: expect.stringMatching(/starts with 2–20 teams; it has 1/),
    });
    expect((await ticks(e, 10)).phase).toBe("lobby");
  });
});

describe("closing", () => {
  it("tells a team's players when the event closes, and closes them with its code", async () => {
    const e = await createEvent(colyseus, 2);
    await ticks(e, 10);
    const player = await colyseus.sdk.joinById(roster(e)[0]!.teamId, { name: "Ada" });
    const notices = collect<EventNotice>(player, EVENT_NOTICE);
    let closed = 0;
    player.onLeave((code) => (closed = code));
    await ticks(e, 10); // the player's join is acknowledged: its messages are no longer held
    await e.room.disconnect();
    await eventually(() => closed !== 0, "the player closed");
    expect(closed).toBe(EventCloseCode.EVENT_CLOSED);
    expect(notices).toEqual([
      { code: "EVENT_CLOSED", message: expect.stringMatching(/competition is over/) },
    ]);
  });
});

describe("finding a team", () => {
  it("answers a team's code for its name, ignoring case; refuses an unknown name when sign-up is closed", async () => {
    const e = await createEvent(colyseus, 2);
    await ticks(e, 10);
    const p = await openPage(colyseus, e.page.roomId);
    p.page.send("findTeam", { name: " team 2" });
    await eventually(() => p.teams.length === 1, "the team");
    expect(p.teams[0]).toEqual({ teamId: teamNamed(e, "Team 2").teamId, name: "Team 2", created: false });
    p.page.send("findTeam", { name: "Owls" });
    p.page.send("findTeam", { name: "" });
    await eventually(() => p.errors.length === 2, "two refusals");
    expect(p.errors[0]).toMatchObject({
      code: "NO_SUCH_TEAM",
      ref: "findTeam",
      message: expect.stringMatching(/no team "Owls"/),
    });
    expect(p.errors[1]).toMatchObject({ code: "BAD_PAYLOAD", ref: "findTeam" });
    await ticks(e, 10);
    expect(names(e)).toEqual(["Team 1", "Team 2"]);
  });

  it("with open sign-up (teams: 0) creates a team once for everyone asking its name, then refuses new ones after the start", async () => {
    const e = await createEvent(colyseus, 0);
    expect(roster(e)).toEqual([]);
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => openPage(colyseus, e.page.roomId)));
    // Teammates sign up at once: one team, one code, named as the first asked (a creation
    // still under way is waited for: test/server/rooms/eventRoster.test.ts).
    a!.page.send("findTeam", { name: "Red Foxes" });
    a!.page.send("findTeam", { name: "red foxes" });
    b!.page.send("findTeam", { name: "Red Foxes" });
    c!.page.send("findTeam", { name: "Owls" });
    await eventually(() => a!.teams.length + b!.teams.length + c!.teams.length === 4, "four answers", 10_000);
    const foxes = [...a!.teams, ...b!.teams];
    expect(foxes.filter((t) => t.created)).toHaveLength(1);
    expect(foxes.map(({ teamId, name }) => ({ teamId, name }))).toEqual(
      Array(3).fill({ teamId: foxes[0]!.teamId, name: "Red Foxes" }),
    );
    expect(c!.teams[0]).toMatchObject({ name: "Owls", created: true });
    // Later, any spelling finds it.
    c!.page.send("findTeam", { name: "RED FOXES" });
    await eventually(() => c!.teams.length === 2, "the answer");
    expect(c!.teams[1]).toEqual({ teamId: foxes[0]!.teamId, name: "Red Foxes", created: false });
    await secondsUntil(e, () => roster(e).length === 2, "both teams");
    expect(names(e)).toEqual(["Red Foxes", "Owls"]);

    // The player joins the team room with the code, and shows in the roster.
    const ada = await colyseus.sdk.joinById(foxes[0]!.teamId, { name: "Ada" });
    await ticks(e, 10);
    expect(teamNamed(e, "Red Foxes").players).toEqual([
      { name: "Ada", roles: ["scheduler"], connected: true },
    ]);

    expect(await control(e, { kind: "move", move: "start" })).toBeUndefined();
    a!.page.send("findTeam", { name: "Latecomers" });
    a!.page.send("findTeam", { name: "OWLS" });
    await eventually(() => a!.errors.length === 1 && a!.teams.length === 3, "a refusal and an answer");
    expect(a!.errors[0]).toMatchObject({
      code: "WRONG_PHASE",
      ref: "findTeam",
      message: expect.stringMatching(/has started/),
    });
    expect(a!.teams[2]).toEqual({ teamId: c!.teams[0]!.teamId, name: "Owls", created: false });
    await ticks(e, 10);
    expect(names(e)).toEqual(["Red Foxes", "Owls"]);
    await ada.leave();
  });

  it(`refuses a team past ${TEAM_LIMITS.max}, by sign-up or by the facilitator`, async () => {
    const e = await createEvent(colyseus, 0);
    for (let i = 1; i < TEAM_LIMITS.max; i++)
      expect(await control(e, { kind: "addTeam", name: `T${i}` })).toBeUndefined();
    const p = await openPage(colyseus, e.page.roomId);
    p.page.send("findTeam", { name: "Last" });
    await eventually(() => p.teams.length === 1, "the last team", 10_000);
    p.page.send("findTeam", { name: "One more" });
    await eventually(() => p.errors.length === 1, "the refusal");
    expect(p.errors[0]).toMatchObject({
      code: "EVENT_FULL",
      message: expect.stringMatching(/already has 20 teams/),
    });
    expect(await control(e, { kind: "addTeam", name: "Two more" })).toMatchObject({ code: "EVENT_FULL" });
    await secondsUntil(e, () => roster(e).length === TEAM_LIMITS.max, "every team");
    expect((await matchMaker.query({ name: "match" })).length).toBe(TEAM_LIMITS.max);
  });
});
