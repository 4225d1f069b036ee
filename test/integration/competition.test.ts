/**
 * A competition end to end: a real server and real colyseus.js clients. The event room runs
 * with `manualClock`, so the test drives the one event clock (`eventRoom.tick()`) and every
 * team steps on it through presence; what is judged is what the clients receive (the board,
 * refusals) and the teams' match logs.
 */
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import { matchMaker } from "@colyseus/core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Room as ClientRoom } from "colyseus.js";
import appConfig from "../../server/app.config";
import {
  EVENT_IDLE_SECONDS,
  EVENT_ROOM,
  type Board,
  type EventRoom,
  type Roster,
  type RosterTeam,
} from "../../server/rooms/EventRoom";
import type { MatchRoom } from "../../server/rooms/MatchRoom";
import { NOT_FACILITATOR, fromBoardRow, mergeRoster, type BoardTeam } from "../../shared/competition";
import { collect, collectErrors, eventually } from "./helpers";

let colyseus: ColyseusTestServer;

beforeAll(async () => {
  colyseus = await boot(appConfig, 3601);
});
afterEach(async () => {
  await colyseus.cleanup();
});
afterAll(async () => {
  await colyseus.shutdown();
});

interface Event {
  facilitator: ClientRoom;
  boards: Board[];
  rosters: Roster[];
  key: string;
  room: EventRoom;
}

/** Creates an event of `teams` teams as a facilitator page would, and reads the key it is shown once. */
async function createEvent(teams: number, durationSeconds = 120): Promise<Event> {
  const facilitator = await colyseus.sdk.create(EVENT_ROOM, {
    name: "Dojo",
    teams,
    seed: 4242,
    clock: "arcade",
    durationSeconds,
    manualClock: true,
  });
  const keys = collect<{ key: string; code: string }>(facilitator, "facilitator");
  const rosters = collect<Roster>(facilitator, "roster");
  const boards = collect<Board>(facilitator, "board");
  collect(facilitator, "history");
  await eventually(() => keys.length === 1 && boards.length >= 1, "the key and the first board");
  expect(keys[0]!.code).toBe(facilitator.roomId);
  const room = matchMaker.getLocalRoomById(facilitator.roomId) as EventRoom;
  return { facilitator, boards, rosters, key: keys[0]!.key, room };
}

/** Steps the event clock `n` server ticks and waits for the board of the last whole second. */
async function ticks(e: Event, n: number): Promise<Board> {
  for (let i = 0; i < n; i++) e.room.tick();
  const at = e.room.serverTick - (e.room.serverTick % 10);
  await eventually(() => e.boards.some((b) => b.serverTick === at), `the board of server tick ${at}`);
  return e.boards.filter((b) => b.serverTick === at).at(-1)!;
}

/** Sends a control message with the key; the board follows at once (a refusal fails the test). */
/** The roster as a page holds it: every entry merged by team, in team order. */
function roster(e: Event): RosterTeam[] {
  return e.rosters.reduce<RosterTeam[]>(mergeRoster, []);
}

/** A board's teams, unpacked from its rows, with their names from the roster. */
function teamsOf(e: Event, b: Board): (BoardTeam & { name: string; firstRunningTick: number | null })[] {
  const r = roster(e);
  return b.rows.map(fromBoardRow).map((t) => {
    const entry = r.find((x) => x.teamId === t.teamId)!;
    return { ...t, name: entry.name, firstRunningTick: entry.firstRunningTick };
  });
}

async function control(e: Event, body: Record<string, unknown>): Promise<void> {
  const n = e.boards.length;
  const errors = collectErrors(e.facilitator);
  e.facilitator.send("control", { key: e.key, ...body });
  await eventually(() => e.boards.length > n || errors.length > 0, "the board after a control message");
  expect(errors).toEqual([]);
}

describe("competition", () => {
  it("starts three teams on one server tick, pauses them together, injects into all on one game second", async () => {
    const e = await createEvent(3);
    const first = await ticks(e, 10);
    expect(
      teamsOf(e, first)
        .map((t) => t.name)
        .sort(),
    ).toEqual(["Team 1", "Team 2", "Team 3"]);

    // Players join teams by the team's code; the board shows them.
    const players = await Promise.all(
      teamsOf(e, first).map((t, i) => colyseus.sdk.joinById(t.teamId, { name: `P${i}` })),
    );
    let board = await ticks(e, 10);
    for (const [i, t] of teamsOf(e, first).entries())
      expect(roster(e).find((x) => x.teamId === t.teamId)!.players).toEqual([
        expect.objectContaining({ name: `P${i}`, connected: true }),
      ]);

    // A team's host may not run its own clock or chaos: the facilitator does.
    const refused = collectErrors(players[0]!);
    for (const [type, payload] of [
      ["start", {}],
      ["restart", {}],
      ["inject", { type: "pod-kill" }],
    ] as const)
      players[0]!.send(type, payload);
    await eventually(() => refused.length === 3, "three refusals");
    expect(refused.map((r) => r.code)).toEqual(["NOT_HOST", "NOT_HOST", "NOT_HOST"]);
    expect(refused[0]!.message).toMatch(/facilitator runs the clock/);
    board = await ticks(e, 10);
    expect(teamsOf(e, board).every((t) => t.phase === "lobby" && t.time === 0)).toBe(true);

    // Start all between two server ticks: every team's first running tick is the next one.
    await control(e, { kind: "move", move: "start" });
    const startTick = e.room.serverTick + 1;
    board = await ticks(e, 20);
    expect(board.phase).toBe("running");
    expect(teamsOf(e, board).map((t) => t.firstRunningTick)).toEqual([startTick, startTick, startTick]);
    expect(new Set(teamsOf(e, board).map((t) => t.time)).size).toBe(1);

    // Inject into all: it lands in every team at the same game time.
    await control(e, { kind: "inject", type: "pod-kill", target: "shop/mysql" });
    board = await ticks(e, 10);
    const injected = roster(e).map((t) => t.chaos.filter((c) => c.source === "injected"));
    expect(injected[0]).toHaveLength(1);
    for (const list of injected) expect(list).toEqual(injected[0]);

    // Pause all: every team's clock stands still while the event's clock goes on.
    await control(e, { kind: "move", move: "pause" });
    const paused = await ticks(e, 30);
    const later = await ticks(e, 30);
    expect(later.serverTick).toBeGreaterThan(paused.serverTick);
    expect(teamsOf(e, later).map((t) => t.time)).toEqual(teamsOf(e, paused).map((t) => t.time));
    expect(teamsOf(e, later).every((t) => t.phase === "paused")).toBe(true);

    // Resume and play on past scheduled chaos: the same seed gives the same chaos at the same times.
    await control(e, { kind: "move", move: "resume" });
    board = await ticks(e, 600);
    const chaos = roster(e).map((t) => t.chaos);
    expect(chaos[0]!.filter((c) => c.source === "schedule").length).toBeGreaterThan(0);
    for (const c of chaos) expect(c).toEqual(chaos[0]);
    const logs = teamsOf(e, board).map(
      (t) => (matchMaker.getLocalRoomById(t.teamId) as MatchRoom).match.log.ticks,
    );
    for (const l of logs) expect(l).toEqual(logs[0]);
    for (const p of players) await p.leave();
  });

  it("ends the event when every team's clock has run out, without an end all", async () => {
    const e = await createEvent(2, 10);
    await ticks(e, 10);
    await control(e, { kind: "move", move: "start" });
    let board = await ticks(e, 10);
    expect(board.phase).toBe("running");
    // Ten game seconds of ten ticks, and a few more for the teams' last reports.
    for (let i = 0; i < 30 && board.phase !== "ended"; i++) board = await ticks(e, 10);
    expect(teamsOf(e, board).map((t) => [t.phase, t.time])).toEqual([
      ["ended", 10],
      ["ended", 10],
    ]);
    expect(board.phase).toBe("ended");
  });

  it("refuses control messages without the key, with a reason, and changes nothing", async () => {
    const e = await createEvent(2);
    const board = await colyseus.sdk.joinById(e.facilitator.roomId);
    const shown = collect(board, "facilitator");
    collect(board, "board");
    collect(board, "roster");
    collect(board, "history");
    const errors = collectErrors(board);
    board.send("control", { kind: "move", move: "start" });
    board.send("control", { key: "not-the-key", kind: "move", move: "start" });
    board.send("control", { key: e.key.slice(0, -2), kind: "inject", type: "pod-kill" });
    await eventually(() => errors.length === 3, "three refusals");
    expect(errors.map((x) => x.code)).toEqual([NOT_FACILITATOR, NOT_FACILITATOR, NOT_FACILITATOR]);
    expect(errors[0]!.message).toMatch(/facilitator key/);
    const after = await ticks(e, 20);
    expect(after.phase).toBe("lobby");
    expect(teamsOf(e, after).every((t) => t.phase === "lobby" && t.time === 0)).toBe(true);
    expect(roster(e).every((t) => t.chaos.length === 0)).toBe(true);
    expect(shown).toEqual([]);

    // With the key, a move out of order is refused too, with why.
    const own = collectErrors(e.facilitator);
    e.facilitator.send("control", { key: e.key, kind: "move", move: "pause" });
    await eventually(() => own.length === 1, "the refusal");
    expect(own[0]).toMatchObject({
      code: "WRONG_PHASE",
      message: expect.stringMatching(/cannot pause while lobby/),
    });
  });

  it("closes an abandoned event with its teams, and not while a player is connected", async () => {
    const e = await createEvent(2);
    const teamIds = roster(e).map((t) => t.teamId);
    // Teams are joined by code, never listed in the public lobby.
    const listed = (await matchMaker.query({ name: "match" })).filter((r) => teamIds.includes(r.roomId));
    expect(listed.map((r) => r.private)).toEqual([true, true]);
    const player = await colyseus.sdk.joinById(teamIds[0]!, { name: "Ada" });
    await e.facilitator.leave();
    for (let i = 0; i < EVENT_IDLE_SECONDS * 10 + 10; i++) e.room.tick();
    expect(matchMaker.getLocalRoomById(e.room.roomId)).toBeDefined();
    await player.leave();
    for (let i = 0; i < EVENT_IDLE_SECONDS * 10 + 10; i++) e.room.tick();
    await eventually(
      () => [e.room.roomId, ...teamIds].every((id) => matchMaker.getLocalRoomById(id) === undefined),
      "the event and its teams to close",
    );
  });

  it("refuses an event with a bad team count", async () => {
    await expect(colyseus.sdk.create(EVENT_ROOM, { teams: 21 })).rejects.toThrow(/teams/);
    await expect(colyseus.sdk.create(EVENT_ROOM, { teams: 1 })).rejects.toThrow(/teams/);
  });
});
