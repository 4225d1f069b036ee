/**
 * Helpers of the competition integration tests: an event created as a facilitator page
 * would (manual clock: the test steps the one event clock), every message its page gets,
 * the roster merged as a page merges it, and the chart a page draws from board rows.
 */
import { matchMaker } from "@colyseus/core";
import type { ColyseusTestServer } from "@colyseus/testing";
import type { Room as ClientRoom } from "colyseus.js";
import { EVENT_ROOM, type EventRoom } from "../../server/rooms/EventRoom";
import {
  extendLine,
  fromBoardRow,
  mergeRoster,
  type Board,
  type History,
  type Roster,
  type RosterTeam,
  type TeamFound,
} from "../../shared/competition";
import type { ErrorPayload } from "../../shared/protocol";
import { collect, collectErrors, eventually } from "./helpers";

/** A page in the event room and what it received. */
export interface EventPage {
  page: ClientRoom;
  boards: Board[];
  rosters: Roster[];
  histories: History[];
  teams: TeamFound[];
  errors: ErrorPayload[];
}

/** An event with its facilitator page and key. */
export interface TestEvent extends EventPage {
  key: string;
  room: EventRoom;
}

/** Joins the event room as a page (a board, a player looking for a team) and collects what it gets. */
export async function openPage(colyseus: ColyseusTestServer, code: string): Promise<EventPage> {
  return listen(await colyseus.sdk.joinById(code));
}

function listen(page: ClientRoom): EventPage {
  const p = {
    page,
    boards: collect<Board>(page, "board"),
    rosters: collect<Roster>(page, "roster"),
    histories: collect<History>(page, "history"),
    teams: collect<TeamFound>(page, "team"),
    errors: collectErrors(page),
  };
  collect(page, "facilitator");
  return p;
}

/** Creates an event (`teams: 0` opens sign-up) and reads the key it is shown once. */
export async function createEvent(colyseus: ColyseusTestServer, teams: number): Promise<TestEvent> {
  const page = await colyseus.sdk.create(EVENT_ROOM, {
    name: "Dojo",
    teams,
    seed: 4242,
    clock: "arcade",
    durationSeconds: 300,
    manualClock: true,
  });
  const keys = collect<{ key: string }>(page, "facilitator");
  const p = listen(page);
  await eventually(() => keys.length === 1 && p.histories.length === 1, "the key and the first history");
  return { ...p, key: keys[0]!.key, room: matchMaker.getLocalRoomById(page.roomId) as EventRoom };
}

/** Steps the event clock `n` server ticks and waits until `page` has the board of the last whole second. */
export async function ticks(e: TestEvent, n: number, page: EventPage = e): Promise<Board> {
  for (let i = 0; i < n; i++) e.room.tick();
  const at = e.room.serverTick - (e.room.serverTick % 10);
  await eventually(() => page.boards.some((b) => b.serverTick === at), `the board of server tick ${at}`);
  return page.boards.filter((b) => b.serverTick === at).at(-1)!;
}

/** The roster as a page holds it: entries merged by team, removed teams dropped, in team order. */
export function roster(p: EventPage): RosterTeam[] {
  return p.rosters.reduce<RosterTeam[]>(mergeRoster, []);
}

/** The team called `name` in a page's roster. */
export function teamNamed(p: EventPage, name: string): RosterTeam {
  const t = roster(p).find((x) => x.name === name);
  if (!t) throw new Error(`no team "${name}" in ${JSON.stringify(roster(p).map((x) => x.name))}`);
  return t;
}

/** The chart as a page draws it: its history, then every later board row appended. */
export function chart(p: EventPage): Map<string, number[]> {
  const series = new Map<string, number[]>();
  const h = p.histories[0]!;
  for (const t of h.teams) series.set(t.teamId, [...t.availability]);
  for (const b of p.boards.filter((x) => x.serverTick >= h.serverTick))
    for (const row of b.rows.map(fromBoardRow)) {
      if (!series.has(row.teamId)) series.set(row.teamId, []);
      extendLine(series.get(row.teamId)!, row);
    }
  return series;
}

/** Sends a control message with the key and waits for the board that follows an accepted one; returns any refusal. */
export async function control(
  e: TestEvent,
  body: Record<string, unknown>,
): Promise<ErrorPayload | undefined> {
  const boards = e.boards.length;
  const errors = e.errors.length;
  e.page.send("control", { key: e.key, ...body });
  await eventually(
    () => e.boards.length > boards || e.errors.length > errors,
    "the answer to a control message",
  );
  return e.errors[errors];
}
