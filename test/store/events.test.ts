/**
 * The competition tables of the SQLite store against a real file: an event with its teams,
 * each team's stored match linked by the event's code, clock moves, the list with each
 * event's outcome, reopening the file (a restart), reused codes and retention.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { MatchOptions } from "../../shared/match";
import { openSqliteStore, type SqliteResultsStore } from "../../server/store/sqlite";
import { newMatchId, type EventStart, type PlayerRecord, type ResultRecord } from "../../server/store";

let dir: string;
let stores: SqliteResultsStore[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "reconcile-events-"));
});
afterEach(async () => {
  for (const s of stores) await s.close();
  stores = [];
  rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<SqliteResultsStore> {
  const s = await openSqliteStore(join(dir, "results.db"));
  stores.push(s);
  return s;
}

const OPTIONS: MatchOptions = {
  scenario: "nmt",
  seed: 7,
  clock: "arcade",
  difficulty: "standard",
  durationSeconds: 30,
  chaos: true,
};

const ADA: PlayerRecord = {
  seat: 0,
  name: "Ada",
  actor: "Ada",
  role: "scheduler",
  isBot: false,
  points: 40,
  restored: 1,
  broke: 0,
};

const RESULT: ResultRecord = {
  partial: false,
  time: 30,
  availability: { overall: 0.9, nginx: 0.95, tomcat: 0.9, mysql: 1 },
  errorBudget: -3,
  sloMet: false,
  teamPoints: 8990,
  mttr: 7,
  requests: 900,
  ok: 810,
  incidents: [{ cause: "dns-outage", source: "injected", start: 3, end: 10, mttr: 7 }],
};

function event(over: Partial<EventStart> = {}): EventStart {
  return {
    id: newMatchId(),
    code: "ACDE",
    name: "Meetup",
    options: OPTIONS,
    createdAt: 1_000,
    teams: [
      { teamId: "TAAA", name: "Team 1" },
      { teamId: "TBBB", name: "Team 2" },
    ],
    ...over,
  };
}

/** Stores a team's round as the recorder does (begin, then finish or leave running). */
async function round(s: SqliteResultsStore, code: string, finish: boolean): Promise<string> {
  const id = newMatchId();
  await s.beginMatch({ id, code, round: 1, options: OPTIONS, startedAt: 2_000, players: [ADA] });
  if (finish)
    await s.finishMatch(id, {
      endedAt: 3_000,
      lastTick: 300,
      stateHash: "h",
      players: [ADA],
      result: RESULT,
    });
  return id;
}

describe("event tables", () => {
  it("stores an event and its teams; reads it back by code or id after reopening the file", async () => {
    const s = await open();
    const e = event();
    await s.beginEvent(e);
    expect(await s.getEvent("ACDE")).toEqual({
      entry: {
        id: e.id,
        code: "ACDE",
        name: "Meetup",
        scenario: "nmt",
        createdAt: 1_000,
        startedAt: null,
        endedAt: null,
        teams: 2,
        phase: "lobby",
        outcome: "not started",
      },
      options: OPTIONS,
      teams: [
        { teamId: "TAAA", name: "Team 1", match: null },
        { teamId: "TBBB", name: "Team 2", match: null },
      ],
    });
    await s.close();
    const again = await open();
    expect((await again.getEvent(e.id))?.entry.code).toBe("ACDE");
    expect(await again.getEvent("QQQQ")).toBeUndefined();
    expect(await again.getEvent(newMatchId())).toBeUndefined();
  });

  it("links each team's stored match by the event code; moves set start and end times; outcome follows the matches", async () => {
    const s = await open();
    const e = event();
    await s.beginEvent(e);
    await s.moveEvent(e.id, "running", 2_000);
    const a = await round(s, "TAAA", true);
    const b = await round(s, "TBBB", false);
    expect(await s.linkTeamMatch("ACDE", "TAAA", a)).toBe(true);
    expect(await s.linkTeamMatch("ACDE", "TBBB", b)).toBe(true);
    expect(await s.linkTeamMatch("ACDE", "TZZZ", b)).toBe(false);
    expect(await s.linkTeamMatch("QQQQ", "TAAA", a)).toBe(false);
    let got = (await s.getEvent("ACDE"))!;
    expect(got.entry).toMatchObject({
      phase: "running",
      startedAt: 2_000,
      endedAt: null,
      outcome: "in progress",
    });
    expect(got.teams[0]!.match).toMatchObject({ id: a, status: "finished", result: RESULT, players: [ADA] });
    expect(got.teams[1]!.match).toMatchObject({ id: b, status: "running", result: null });

    await s.moveEvent(e.id, "paused", 2_500);
    await s.moveEvent(e.id, "running", 2_600); // a resume keeps the start time
    await s.finishMatch(b, { endedAt: 3_000, lastTick: 300, stateHash: "h", players: [ADA], result: RESULT });
    await s.moveEvent(e.id, "ended", 3_100);
    got = (await s.getEvent("ACDE"))!;
    expect(got.entry).toMatchObject({
      phase: "ended",
      startedAt: 2_000,
      endedAt: 3_100,
      outcome: "finished",
    });

    await s.interruptMatch(b, { lastTick: 200, players: [ADA], result: { ...RESULT, partial: true } });
    expect((await s.getEvent("ACDE"))!.entry.outcome).toBe("interrupted");
  });

  it("replaces the teams before the start, keeping the links of the teams kept", async () => {
    const s = await open();
    const e = event();
    await s.beginEvent(e);
    const a = await round(s, "TAAA", true);
    await s.linkTeamMatch("ACDE", "TAAA", a);
    await s.setEventTeams(e.id, [
      { teamId: "TCCC", name: "Late" },
      { teamId: "TAAA", name: "Renamed" },
    ]);
    const got = (await s.getEvent(e.id))!;
    expect(got.teams.map((t) => [t.teamId, t.name, t.match?.id ?? null])).toEqual([
      ["TCCC", "Late", null],
      ["TAAA", "Renamed", a],
    ]);
  });

  it("lists events newest first with their team counts; a reused code finds the newest event", async () => {
    const s = await open();
    const old = event({ createdAt: 1_000 });
    const fresh = event({ createdAt: 5_000, name: "Later", teams: [{ teamId: "T1", name: "Solo" }] });
    const other = event({ code: "MNPQ", createdAt: 3_000 });
    for (const e of [old, fresh, other]) await s.beginEvent(e);
    const page = await s.listEvents({ limit: 2, offset: 0 });
    expect(page.total).toBe(3);
    expect(page.events.map((e) => [e.id, e.teams])).toEqual([
      [fresh.id, 1],
      [other.id, 2],
    ]);
    expect((await s.listEvents({ limit: 2, offset: 2 })).events.map((e) => e.id)).toEqual([old.id]);
    expect((await s.getEvent("ACDE"))!.entry.id).toBe(fresh.id);
    expect((await s.getEvent(old.id))!.entry.name).toBe("Meetup");
    // A team links into the newest event with the code.
    const m = await round(s, "T1", true);
    expect(await s.linkTeamMatch("ACDE", "T1", m)).toBe(true);
    expect(await s.linkTeamMatch("ACDE", "TAAA", m)).toBe(false);
  });

  it("retention deletes old events with their teams; a newer event's link to a pruned match is cleared", async () => {
    const s = await open();
    const old = event({ createdAt: 1_000 });
    const kept = event({ code: "MNPQ", createdAt: 10_000 });
    await s.beginEvent(old);
    await s.beginEvent(kept);
    const a = await round(s, "TAAA", true); // started at 2 000
    await s.linkTeamMatch("MNPQ", "TAAA", a);
    expect(await s.prune(5_000)).toBe(1);
    expect(await s.getEvent(old.id)).toBeUndefined();
    expect(s.sqlite.prepare("select count(*) as n from event_teams where event_id = ?").get(old.id)).toEqual({
      n: 0,
    });
    expect((await s.getEvent("MNPQ"))!.teams[0]).toEqual({ teamId: "TAAA", name: "Team 1", match: null });
  });

  it("refuses a stored phase it does not know instead of guessing", async () => {
    const s = await open();
    const e = event();
    await s.beginEvent(e);
    s.sqlite.prepare("update events set phase = 'warp' where id = ?").run(e.id);
    await expect(s.getEvent(e.id)).rejects.toThrow(/unknown event phase "warp"/);
  });
});
