/**
 * The booth through a real server process (`server/index.ts`, a real SQLite file) and
 * real colyseus.js clients: the operator's settings behind the key (refused without it,
 * locked out after wrong ones), a booth round played in a match room to its debrief and
 * claimed with the stored result (never a client's), the nickname with its blocklist,
 * today's board; a round played offline uploaded, replayed by the server and stored once
 * however often it is sent; a restart keeps the board and the settings; clearing today's
 * board keeps the count of rounds played.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, type Room } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnServer, stopServerProcess, type ServerProcess } from "./serverProcess";
import type { MatchState } from "../../server/rooms/schema/MatchState";
import { dayOf } from "../../server/booth/day";
import { resultOf } from "../../server/results/records";
import type { StoredMatch } from "../../server/store";
import {
  boothMatchOptions,
  type Board,
  type BoothConfig,
  type BoothSettings,
  type OperatorView,
  type RoundStored,
} from "../../shared/booth";
import { Match, replayLog, type MatchLog } from "../../shared/match";
import { MATCH_ROOM } from "../../shared/protocol";

const PORT = 3700;
const BASE = `http://127.0.0.1:${PORT}`;
const KEY = "booth-test-operator-key";
const ZONE = "Pacific/Kiritimati"; // UTC+14: its day differs from UTC's for 14 hours of every day
let dir: string;
let db: string;
let server: ServerProcess | undefined;

/** Starts the real server on the test's file and waits for its health check. */
async function startServer(): Promise<void> {
  server = await spawnServer(PORT, {
    RECONCILE_DB: db,
    BOOTH_OPERATOR_KEY: KEY,
    BOOTH_KEY_MAX_FAILURES: "3",
  });
}

async function stopServer(): Promise<void> {
  const s = server;
  server = undefined;
  await stopServerProcess(s, "SIGTERM");
}

async function until(cond: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; !cond();) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A JSON request; returns the status and the parsed body. */
async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: { ...(body !== undefined ? { "Content-Type": "application/json" } : {}), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const asOperator = { Authorization: `Bearer ${KEY}` };

/** Plays a booth round in the browser's way: the shared Match, to its end, a visitor idle in `role`. */
function offlineRound(settings: BoothSettings, seed: number): MatchLog {
  const m = new Match(boothMatchOptions(settings, seed));
  m.join("kiosk", { name: "Zoe", role: "scheduler" });
  m.start();
  while (m.phase === "running") m.tick();
  return m.log;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "reconcile-booth-"));
  db = join(dir, "results.db");
  await startServer();
}, 90_000);
afterAll(async () => {
  await stopServer();
  rmSync(dir, { recursive: true, force: true });
});

describe("the booth through a real server", () => {
  let settings: BoothSettings;
  let claimed: RoundStored;
  let uploaded: RoundStored;

  it("keeps its settings behind the operator key, and locks out a guesser", async () => {
    expect((await call("GET", "/api/booth/settings")).status).toBe(401);
    const patch = { durationSeconds: 10, role: "scheduler", timeZone: ZONE };
    expect((await call("PUT", "/api/booth/settings", patch)).status).toBe(401);
    const bad = await call<{ error: string }>(
      "PUT",
      "/api/booth/settings",
      { durationSeconds: 5 },
      asOperator,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^BAD_SETTINGS: durationSeconds/);
    const ok = await call<OperatorView>("PUT", "/api/booth/settings", patch, asOperator);
    expect(ok.status).toBe(200);
    settings = ok.body.settings;
    expect(settings).toMatchObject(patch);
    expect(ok.body.day).toBe(dayOf(Date.now(), ZONE));
    // The public config: the same settings without the blocklist, today in the booth's zone.
    const config = await call<BoothConfig>("GET", "/api/booth/config");
    expect(config.body.settings).toEqual({ ...patch, scenario: "nmt", difficulty: "bots" });
    expect(config.body).toMatchObject({ day: dayOf(Date.now(), ZONE), roundsToday: 0, liveRoom: null });
    // Three wrong keys from this address, then even the right key is refused for a while.
    for (let i = 0; i < 3; i++)
      expect(
        (await call("GET", "/api/booth/settings", undefined, { Authorization: "Bearer guess" })).status,
      ).toBe(401);
    const locked = await call<{ error: string }>("GET", "/api/booth/settings", undefined, asOperator);
    expect(locked.status).toBe(429);
    expect(locked.body.error).toMatch(/^LOCKED_OUT/);
  });

  it("a booth round played in a match room is claimed at its debrief with the score the server stored", async () => {
    const client = new Client(`ws://127.0.0.1:${PORT}`);
    const room: Room<MatchState> = await client.create<MatchState>(MATCH_ROOM, {
      ...boothMatchOptions(settings, 77),
      name: "Ada",
      role: "scheduler",
    });
    await until(() => room.state.phase === "lobby", "the lobby");
    // The big screen watches the round: a seat with no role, not a second player.
    const screen = await client.joinById<MatchState>(room.roomId, { name: "Screen", role: "" });
    room.send("start");
    await until(() => room.state.phase === "running", "the round to run");
    const live = await call<{ liveRoom: string }>("POST", "/api/booth/live", { room: room.roomId });
    expect(live).toEqual({ status: 200, body: { liveRoom: room.roomId } });
    expect((await call<BoothConfig>("GET", "/api/booth/config")).body.liveRoom).toBe(room.roomId);
    expect((await call("POST", "/api/booth/live", { room: "NOPE" })).status).toBe(404);
    // A match that does not run the booth's options cannot take the big screen.
    const other = await client.create<MatchState>(MATCH_ROOM, { difficulty: "easy", name: "Eve" });
    const refused = await call<{ error: string }>("POST", "/api/booth/live", { room: other.roomId });
    expect(refused.status).toBe(409);
    expect((await call<BoothConfig>("GET", "/api/booth/config")).body.liveRoom).toBe(room.roomId);
    await other.leave(true);
    // Another kiosk's round ending does not take this one off the big screen; its own end does.
    expect(await call("POST", "/api/booth/live", { room: "", ended: "OTHER1" })).toEqual({
      status: 200,
      body: { liveRoom: room.roomId },
    });
    expect((await call("POST", "/api/booth/live", { room: room.roomId, ended: "X" })).status).toBe(400);
    expect(await call("POST", "/api/booth/live", { room: "", ended: room.roomId })).toEqual({
      status: 200,
      body: { liveRoom: null },
    });
    expect((await call("POST", "/api/booth/live", { room: room.roomId })).status).toBe(200);
    // Not claimable before its debrief.
    await until(() => room.state.matchId !== "", "the stored match id");
    const roundId = "kiosk-round-0001";
    const early = await call<{ error: string }>("POST", "/api/booth/rounds", {
      roundId,
      matchId: room.state.matchId,
    });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatch(/^NOT_FINISHED/);
    await until(() => room.state.phase === "debrief", "the debrief", 40_000);
    const matchId = room.state.matchId;

    // A client cannot bring its own score.
    const cheat = await call<{ error: string }>("POST", "/api/booth/rounds", {
      roundId,
      matchId,
      availability: 1,
    });
    expect(cheat.status).toBe(400);

    const first = await call<RoundStored>("POST", "/api/booth/rounds", { roundId, matchId });
    expect(first.status).toBe(201);
    const stored = (await call<StoredMatch>("GET", `/api/matches/${matchId}`)).body;
    expect(first.body).toMatchObject({ created: true, rankToday: 1 });
    expect(first.body.entry).toMatchObject({
      roundId,
      matchId,
      name: "",
      role: "scheduler",
      availability: stored.result!.availability.overall,
      errorBudget: stored.result!.errorBudget,
      mttr: stored.result!.mttr,
      incidents: stored.result!.incidents.length,
      day: dayOf(Date.now(), ZONE),
      offline: false,
      rank: 1,
    });
    claimed = first.body;
    // The same claim again stores nothing new; the same match under another round id is refused.
    const again = await call<RoundStored>("POST", "/api/booth/rounds", { roundId, matchId });
    expect(again).toEqual({ status: 200, body: { ...claimed, created: false } });
    const twice = await call<{ error: string }>("POST", "/api/booth/rounds", {
      roundId: "kiosk-round-0002",
      matchId,
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatch(/^MATCH_CLAIMED/);
    await room.leave(true);
    await screen.leave(true);
  }, 60_000);

  it("takes initials once, refuses a blocked name clearly, and shows them on today's board", async () => {
    const path = `/api/booth/rounds/${claimed.entry.roundId}/name`;
    const blocked = await call<{ error: string }>("PUT", path, { name: "N.A.Z.I" });
    expect(blocked.status).toBe(400);
    expect(blocked.body.error).toMatch(/^BAD_NAME: .*not allowed/);
    const named = await call<RoundStored>("PUT", path, { name: " ada " });
    expect(named.status).toBe(200);
    expect(named.body.entry.name).toBe("ada");
    expect((await call("PUT", path, { name: "ada" })).status).toBe(200);
    expect((await call("PUT", path, { name: "BOB" })).status).toBe(409);
    expect((await call("PUT", "/api/booth/rounds/no-such-round/name", { name: "X" })).status).toBe(404);
    const board = await call<Board>("GET", "/api/booth/board");
    expect(board.body.top.map((e) => [e.name, e.rank])).toEqual([["ada", 1]]);
    expect(board.body).toMatchObject({ scope: "day", timeZone: ZONE, roundsToday: 1 });
    expect(board.body.bestAvailability?.roundId).toBe(claimed.entry.roundId);
  });

  it("an offline round is replayed by the server and stored once, however often it is uploaded", async () => {
    const log = offlineRound(settings, 4242);
    const expected = resultOf(replayLog(log), settings.durationSeconds, false);
    const roundId = "offline-round-0001";
    // A log whose end was tampered with does not replay to it: refused, nothing stored.
    const forged = await call<{ error: string }>("POST", "/api/booth/uploads", {
      roundId,
      role: "scheduler",
      log: { ...log, end: { ...log.end!, stateHash: "0".repeat(16) } },
    });
    expect(forged.status).toBe(422);
    expect(forged.body.error).toMatch(/^REPLAY_MISMATCH/);
    const upload = { roundId, role: "scheduler", name: "ZOE", log };
    const sent = await Promise.all(
      [1, 2, 3].map(() => call<RoundStored>("POST", "/api/booth/uploads", upload)),
    );
    expect(sent.map((s) => s.status).sort()).toEqual([200, 200, 201]);
    expect(sent.filter((s) => s.body.created)).toHaveLength(1);
    uploaded = sent.find((s) => s.body.created)!.body;
    expect(uploaded.entry).toMatchObject({
      roundId,
      name: "ZOE",
      offline: true,
      availability: expected.availability.overall,
      errorBudget: expected.errorBudget,
      mttr: expected.mttr,
      incidents: expected.incidents.length,
    });
    const again = await call<RoundStored>("POST", "/api/booth/uploads", upload);
    expect(again.body).toEqual({ ...uploaded, created: false });
    // The same log under another round id is the same match: not a second entry.
    const copy = await call<{ error: string }>("POST", "/api/booth/uploads", {
      ...upload,
      roundId: "offline-round-0002",
    });
    expect(copy.status).toBe(409);
    // Its match is stored: the replay opens from the results API.
    const m = await call<StoredMatch>("GET", `/api/matches/${uploaded.entry.matchId}`);
    expect(m.body).toMatchObject({ status: "finished", code: "OFFLINE" });
    expect(m.body.result?.availability.overall).toBe(expected.availability.overall);
    const board = await call<Board>("GET", "/api/booth/board");
    expect(board.body.roundsToday).toBe(2);
    expect(board.body.top.map((e) => e.roundId).sort()).toEqual([claimed.entry.roundId, roundId].sort());
  }, 60_000);

  it("only the upload route takes a body larger than MAX_BODY_BYTES, and not past BOOTH_UPLOAD_BYTES", async () => {
    const padding = "x".repeat(8 * 1024);
    const claim = await call<{ error: string }>("POST", "/api/booth/rounds", {
      roundId: "padded-round",
      padding,
    });
    expect(claim.status).toBe(413);
    // 8 KB to the upload route reaches the booth, which reads it and refuses the stray field.
    const small = await call<{ error: string }>("POST", "/api/booth/uploads", {
      roundId: "padded-round",
      padding,
    });
    expect(small.status).toBe(400);
    expect(small.body.error).toMatch(/^BAD_PAYLOAD: unknown field "padding"/);
    const huge = await call<{ error: string }>("POST", "/api/booth/uploads", {
      padding: "x".repeat(600 * 1024),
    });
    expect(huge.status).toBe(413);
  });

  it("a restart keeps the day's board and the settings", async () => {
    const before = (await call<Board>("GET", "/api/booth/board")).body;
    await stopServer();
    await startServer();
    expect((await call<Board>("GET", "/api/booth/board")).body).toEqual(before);
    expect((await call<BoothConfig>("GET", "/api/booth/config")).body.settings).toMatchObject({
      durationSeconds: 10,
      timeZone: ZONE,
    });
    expect((await call<Board>("GET", "/api/booth/board?scope=all")).body.top).toHaveLength(2);
  }, 90_000);

  it("the operator clears today's board; the rounds still count as played today", async () => {
    expect((await call("POST", "/api/booth/today/clear", {})).status).toBe(401);
    const cleared = await call("POST", "/api/booth/today/clear", {}, asOperator);
    expect(cleared).toEqual({ status: 200, body: { day: dayOf(Date.now(), ZONE), cleared: 2 } });
    const board = (await call<Board>("GET", "/api/booth/board")).body;
    expect(board).toMatchObject({ top: [], bestAvailability: null, fastestRecovery: null, roundsToday: 2 });
    expect(
      (await call<OperatorView>("GET", "/api/booth/settings", undefined, asOperator)).body.roundsToday,
    ).toBe(2);
  });
});
