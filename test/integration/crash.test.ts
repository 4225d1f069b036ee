/**
 * Crash recovery with a real server process (`tsx server/index.ts`) on a real SQLite file
 * and real colyseus.js clients: killed with SIGKILL in the middle of a round, and again
 * right after a round's debrief started, then restarted on the same file. The finished
 * round is there with the score its players saw; the round cut off is marked interrupted
 * at its last stored tick with the partial score its stored log replays to; the file is
 * not corrupt.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Client, type Room } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnServer, stopServerProcess, type ServerProcess } from "./serverProcess";
import type { MatchState } from "../../server/rooms/schema/MatchState";
import { resultOf } from "../../server/results/records";
import type { MatchSummary, StoredMatch } from "../../server/store";
import { LogCursor, validateMatchLog, verifyLog, type MatchLog } from "../../shared/match";
import { MATCH_ROOM } from "../../shared/protocol";

const PORT = 3520;
const BASE = `http://127.0.0.1:${PORT}`;
let dir: string;
let db: string;
let server: ServerProcess | undefined;
/** What the server printed so far. */
let output = () => "";

/** Starts the real server on the test's file and waits for its health check. */
async function startServer(): Promise<void> {
  server = await spawnServer(PORT, { RECONCILE_DB: db, STATE_HASH: "1" });
  output = server.output;
}

/** SIGKILL: no shutdown hook, no flush, nothing runs. */
async function killServer(): Promise<void> {
  const s = server;
  server = undefined;
  await stopServerProcess(s, "SIGKILL");
}

async function until(cond: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !cond();) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${BASE}${path}`);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

/** A host with bots in the other roles, the round started. */
async function playing(durationSeconds: number): Promise<Room<MatchState>> {
  const client = new Client(`ws://127.0.0.1:${PORT}`);
  const room = await client.create<MatchState>(MATCH_ROOM, {
    seed: 5,
    durationSeconds,
    difficulty: "bots",
    name: "Ada",
    role: "scheduler",
  });
  await until(() => room.state.phase === "lobby", "the lobby");
  room.send("start");
  await until(() => room.state.phase === "running", "the round to run");
  return room;
}

async function storedByCode(code: string): Promise<MatchSummary> {
  const page = await api<{ matches: MatchSummary[] }>("/api/matches?limit=100");
  const found = page.matches.filter((m) => m.code === code);
  expect(found).toHaveLength(1);
  return found[0]!;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "reconcile-crash-"));
  db = join(dir, "results.db");
});
afterAll(async () => {
  await killServer();
  rmSync(dir, { recursive: true, force: true });
});

describe("crash recovery (a real server, SIGKILL)", () => {
  it("keeps a finished round and its score, marks the round cut off interrupted with its replayed partial score, and the file stays sound", async () => {
    // 1. Killed mid-round.
    await startServer();
    const cut = await playing(120);
    cut.send("inject", { type: "pod-kill", target: "shop/mysql" });
    await until(() => cut.state.time >= 4.5, "4.5 game seconds");
    const seenTime = cut.state.time;
    await killServer();
    void cut.leave(false).catch(() => undefined);

    // 2. Killed right after a round's debrief started (as soon as a client sees it).
    await startServer();
    expect(output()).toMatch(/interrupted at t=\d/);
    const done = await playing(10);
    await until(() => done.state.phase === "debrief", "the debrief", 60_000);
    const seen = {
      teamPoints: done.state.debrief.teamPoints,
      availability: done.state.debrief.availability,
      errorBudget: done.state.debrief.errorBudget,
      stateHash: done.state.stateHash,
      points: done.state.players.get(done.sessionId)!.points,
    };
    await killServer();
    void done.leave(false).catch(() => undefined);

    // 3. Restarted on the same file.
    await startServer();
    const finished = await api<StoredMatch>(`/api/matches/${(await storedByCode(done.roomId)).id}`);
    expect(finished).toMatchObject({
      status: "finished",
      phase: "debrief",
      round: 1,
      lastTick: 100,
      stateHash: seen.stateHash,
      result: { partial: false, teamPoints: seen.teamPoints, time: 10 },
    });
    expect(Math.fround(finished.result!.availability.overall)).toBe(seen.availability);
    expect(Math.fround(finished.result!.errorBudget)).toBe(seen.errorBudget);
    expect(finished.players.find((p) => p.name === "Ada")?.points).toBe(seen.points);
    const finishedLog = await api<MatchLog>(`/api/matches/${finished.id}/log`);
    expect(verifyLog(finishedLog)).toMatchObject({ ok: true, actual: seen.stateHash });

    const interrupted = await api<StoredMatch>(`/api/matches/${(await storedByCode(cut.roomId)).id}`);
    expect(interrupted.status).toBe("interrupted");
    expect(interrupted.endedAt).toBeNull();
    // Stored once per game second: at most one second behind what the client last saw.
    expect(interrupted.lastTick).toBeGreaterThanOrEqual(Math.floor(seenTime) * 10 - 10);
    expect(interrupted.lastTick).toBeLessThanOrEqual(Math.round(seenTime * 10) + 10);
    expect(interrupted.result).toMatchObject({ partial: true, time: interrupted.lastTick / 10 });
    // The partial score is its stored log replayed to its last tick.
    const cutLog = await api<MatchLog>(`/api/matches/${interrupted.id}/log`);
    expect(cutLog.end).toBeUndefined();
    const v = validateMatchLog(cutLog);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.value.ticks.some((t) => t.injections?.some((i) => i.target === "shop/mysql"))).toBe(true);
    const cursor = new LogCursor(v.value, interrupted.lastTick);
    const world = cursor.seek(cursor.lastTick);
    expect(world.tick).toBe(interrupted.lastTick);
    expect(interrupted.result).toEqual(resultOf(world, 120, true));
    expect(interrupted.result!.incidents.some((i) => i.cause.startsWith("pod-kill"))).toBe(true);

    // A second restart changes nothing: recovery already closed the round.
    await killServer();
    await startServer();
    expect(output()).not.toMatch(/interrupted at t=/);
    expect(await api<StoredMatch>(`/api/matches/${interrupted.id}`)).toEqual(interrupted);
    await killServer();

    const check = new BetterSqlite3(db, { readonly: true });
    try {
      expect(check.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(check.prepare("select count(*) from matches where status = 'running'").pluck().get()).toBe(0);
    } finally {
      check.close();
    }
  }, 240_000);
});
