/**
 * Results that last, through the real server (in-process, a real SQLite file): a room's
 * round is stored as it is played, its result is on disk in the very tick that ends it
 * (before any patch can carry the debrief), Play again is a new stored match, a restart
 * mid-round closes the round as interrupted; the read-only API serves the list (JSON and
 * CSV), one match and its log, and refuses bad ids and parameters with JSON errors.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import appConfig from "../../server/app.config";
import type { MatchRoom } from "../../server/rooms/MatchRoom";
import type { MatchState } from "../../server/rooms/schema/MatchState";
import type { MatchSummary, StoredMatch } from "../../server/store";
import { validateMatchLog, verifyLog, type MatchLog } from "../../shared/match";
import { MATCH_ROOM } from "../../shared/protocol";
import { eventually, synced, tickSeconds } from "./helpers";

const PORT = 3510;
const BASE = `http://127.0.0.1:${PORT}`;
let colyseus: ColyseusTestServer;
let dir: string;
let file: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "reconcile-results-"));
  file = join(dir, "results.db");
  process.env.RECONCILE_DB = file;
  colyseus = await boot(appConfig, PORT);
});
afterEach(async () => {
  await colyseus.cleanup();
});
afterAll(async () => {
  await colyseus.shutdown();
  delete process.env.RECONCILE_DB;
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh connection of its own to the file: what another process would read right now. */
function readNow<T>(sql: string, ...params: unknown[]): T | undefined {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).get(...params) as T | undefined;
  } finally {
    db.close();
  }
}

async function getJson<T>(path: string): Promise<{ status: number; body: T; type: string }> {
  const res = await fetch(`${BASE}${path}`);
  return { status: res.status, body: (await res.json()) as T, type: res.headers.get("content-type") ?? "" };
}

/** A host (scheduler) with a bot in the service controller, the round started. */
async function startedRoom(durationSeconds: number) {
  const a = await colyseus.sdk.create<MatchState>(MATCH_ROOM, {
    seed: 11,
    manualClock: true,
    durationSeconds,
    name: "Ada",
    role: "scheduler",
  });
  const room = colyseus.getRoomById(a.roomId) as MatchRoom;
  a.send("setMode", { role: "service-controller", mode: "bot" });
  await eventually(() => room.match.roles.wantsBot("service-controller"), "the bot to take its role");
  a.send("start");
  await eventually(() => room.match.phase === "running", "the round to start");
  return { a, room };
}

describe("results store through the server", () => {
  it("stores the round as it runs, writes the result in the tick that ends it, and serves it", async () => {
    const { a, room } = await startedRoom(10);
    tickSeconds(room, 3);
    const id = room.match.recorder.matchId!;
    expect(
      readNow<{ status: string; last_tick: number }>(
        "select status, last_tick from matches where id = ?",
        id,
      ),
    ).toEqual({ status: "running", last_tick: 30 });
    // A facilitator's injection (the path the sim CLI uses), applied by the next tick.
    room.match.inject("Ada", "pod-kill", "shop/tomcat");
    // Up to the tick before the end: no result yet.
    for (let i = 0; i < 69; i++) room.tickOnce();
    expect(room.match.phase).toBe("running");
    expect(readNow("select * from results where match_id = ?", id)).toBeUndefined();
    room.tickOnce();
    // The tick that ended the round returned: the result is on disk, no patch has gone out since.
    expect(room.match.phase).toBe("debrief");
    expect(readNow<{ status: string }>("select status from matches where id = ?", id)?.status).toBe(
      "finished",
    );
    const stored = readNow<{ team_points: number; availability: number }>(
      "select team_points, availability from results where match_id = ?",
      id,
    );
    expect(stored).toBeDefined();
    await synced(room, a);
    expect(a.state.phase).toBe("debrief");
    expect(stored!.team_points).toBe(a.state.debrief.teamPoints);
    expect(Math.fround(stored!.availability)).toBe(a.state.debrief.availability);

    const detail = await getJson<StoredMatch>(`/api/matches/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id,
      code: a.roomId,
      round: 1,
      scenario: "nmt",
      seed: 11,
      status: "finished",
      phase: "debrief",
      lastTick: 100,
      stateHash: a.state.stateHash,
      result: { partial: false, teamPoints: a.state.debrief.teamPoints, time: 10 },
    });
    expect(detail.body.players.map((p) => [p.name, p.role, p.isBot])).toEqual([
      ["Ada", "scheduler", false],
      ["service-controller-bot", "service-controller", true],
    ]);
    const log = await getJson<MatchLog>(`/api/matches/${id}/log`);
    expect(log.status).toBe(200);
    const v = validateMatchLog(log.body);
    expect(v.ok).toBe(true);
    expect(log.body.ticks.some((t) => t.injections?.some((i) => i.type === "pod-kill"))).toBe(true);
    expect(verifyLog(log.body)).toMatchObject({ ok: true, actual: a.state.stateHash });

    // Play again: round 2 is a new stored match; the first one stays as it was.
    a.send("restart");
    await eventually(() => room.match.round === 2, "round 2");
    a.send("start");
    await eventually(() => room.match.phase === "running", "round 2 to start");
    tickSeconds(room, 10);
    const second = room.match.recorder.matchId!;
    expect(second).not.toBe(id);
    const list = await getJson<{ total: number; matches: MatchSummary[] }>("/api/matches?limit=100");
    const mine = list.body.matches.filter((m) => m.code === a.roomId);
    expect(mine.map((m) => [m.round, m.status])).toEqual([
      [2, "finished"],
      [1, "finished"],
    ]);
    await a.leave();
  });

  it("a restart mid-round closes the round as interrupted at its tick, with its partial score", async () => {
    const { a, room } = await startedRoom(60);
    tickSeconds(room, 4.5);
    const id = room.match.recorder.matchId!;
    a.send("restart");
    await eventually(() => room.match.round === 2, "round 2");
    room.tickOnce();
    const got = await getJson<StoredMatch>(`/api/matches/${id}`);
    expect(got.body).toMatchObject({
      status: "interrupted",
      lastTick: 45,
      result: { partial: true, time: 4.5 },
    });
    const log = await getJson<MatchLog>(`/api/matches/${id}/log`);
    expect(log.body.end).toBeUndefined();
    await a.leave();
  });

  it("lists pages newest first and as CSV", async () => {
    const { a, room } = await startedRoom(10);
    tickSeconds(room, 10);
    const id = room.match.recorder.matchId!;
    const page = await getJson<{ total: number; limit: number; offset: number; matches: MatchSummary[] }>(
      "/api/matches?limit=1&offset=0",
    );
    expect(page.status).toBe(200);
    expect(page.type).toMatch(/application\/json/);
    expect(page.body).toMatchObject({ limit: 1, offset: 0 });
    expect(page.body.total).toBeGreaterThanOrEqual(3);
    expect(page.body.matches.map((m) => m.id)).toEqual([id]);
    const csv = await fetch(`${BASE}/api/matches?format=csv&limit=2`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split("\n");
    expect(lines[0]).toMatch(/^id,code,round,scenario,seed,/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`${id},${a.roomId},1,nmt,11,arcade`);
    expect(lines[1]).toContain("Ada (scheduler)");
    await a.leave();
  });

  it("refuses bad ids, bad parameters and writes with JSON errors", async () => {
    const cases: [string, number, RegExp][] = [
      ["/api/matches/nope", 404, /NOT_FOUND/],
      ["/api/matches/AAAAAAAAAAAA", 404, /NOT_FOUND/],
      ["/api/matches/AAAAAAAAAAAA/log", 404, /NOT_FOUND/],
      ["/api/matches/'%20or%201=1--", 404, /NOT_FOUND/],
      ["/api/matches?limit=0", 400, /limit/],
      ["/api/matches?limit=101", 400, /limit/],
      ["/api/matches?limit=abc", 400, /limit/],
      ["/api/matches?offset=-1", 400, /offset/],
      ["/api/matches?limit=1&limit=2", 400, /once/],
      ["/api/matches?format=xml", 400, /format/],
      ["/api/matches?sort=id", 400, /unknown parameter/],
      ["/api/matches/AAAAAAAAAAAA?x=1", 400, /no parameters/],
      ["/api/nothing", 404, /NOT_FOUND/],
    ];
    for (const [path, status, error] of cases) {
      const res = await getJson<{ code: number; error: string }>(path);
      expect(res.status, path).toBe(status);
      expect(res.type, path).toMatch(/application\/json/);
      expect(res.body.error, path).toMatch(error);
    }
    const post = await fetch(`${BASE}/api/matches`, { method: "DELETE" });
    expect(post.status).toBe(405);
    expect(((await post.json()) as { error: string }).error).toMatch(/read-only/);
    const list = await getJson<{ total: number }>("/api/matches");
    expect(list.status).toBe(200);
  });
});
