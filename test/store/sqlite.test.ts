/**
 * The SQLite results store against a real file: migrations from empty and from the
 * previous version, every record written and read back, append-only logs that replay,
 * retention, and readers in another process while a match writes.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Match, replayLog, verifyLog, type LogTick, type MatchOptions } from "../../shared/match";
import { stateHash } from "../../shared/sim";
import { MIGRATIONS, LATEST_MIGRATION } from "../../server/store/migrations";
import { openSqliteStore, type SqliteResultsStore } from "../../server/store/sqlite";
import { newMatchId, isMatchId, type PlayerRecord, type ResultRecord } from "../../server/store";

let dir: string;
let stores: SqliteResultsStore[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "reconcile-store-"));
});
afterEach(async () => {
  for (const s of stores) await s.close();
  stores = [];
  rmSync(dir, { recursive: true, force: true });
});

async function open(file = join(dir, "results.db"), opts = {}): Promise<SqliteResultsStore> {
  const s = await openSqliteStore(file, opts);
  stores.push(s);
  return s;
}

const OPTIONS: MatchOptions = {
  scenario: "nmt",
  seed: 42,
  clock: "arcade",
  difficulty: "bots",
  durationSeconds: 12,
  chaos: true,
};

const ADA: PlayerRecord = {
  seat: 0,
  name: "Ada",
  actor: "Ada",
  role: "scheduler",
  isBot: false,
  points: 0,
  restored: 0,
  broke: 0,
};

const RESULT: ResultRecord = {
  partial: false,
  time: 12,
  availability: { overall: 0.97, nginx: 0.99, tomcat: 0.98, mysql: 0.97 },
  errorBudget: -2.5,
  sloMet: false,
  teamPoints: 9123,
  mttr: 4.2,
  requests: 600,
  ok: 582,
  incidents: [
    { cause: "pod-kill:shop/mysql", source: "schedule", start: 3, end: 7.2, mttr: 4.2 },
    { cause: "node-crash:node-2", source: "injected", start: 10, end: null, mttr: null },
  ],
};

/** A bot match with two injected faults, played to its end. */
function playedMatch(): Match {
  const m = new Match(OPTIONS);
  m.join("a", { name: "Ada", role: "" });
  m.start();
  for (let i = 0; m.phase === "running"; i++) {
    if (i === 10) m.inject("Ada", "pod-kill", "shop/tomcat");
    if (i === 40) m.inject("Ada", "pod-kill", "shop/nginx");
    m.tick();
  }
  expect(m.log.ticks.length).toBeGreaterThan(5);
  return m;
}

describe("SQLite results store", () => {
  it("creates the file with every migration, in WAL mode, from empty", async () => {
    const s = await open();
    expect(await s.migrations()).toEqual(Object.keys(MIGRATIONS).sort());
    expect(s.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    const tables = s.sqlite
      .prepare(
        "select name from sqlite_master where type = 'table' and name not like 'kysely%' order by name",
      )
      .pluck()
      .all();
    expect(tables).toEqual([
      "booth_entries",
      "booth_settings",
      "event_teams",
      "events",
      "log_chunks",
      "matches",
      "players",
      "results",
    ]);
    // Opening again runs nothing new and keeps the data.
    await s.beginMatch({
      id: "aaaaaaaaaaaa",
      code: "TN9U",
      round: 1,
      options: OPTIONS,
      startedAt: 1,
      players: [],
    });
    await s.close();
    const again = await open();
    expect(await again.migrations()).toEqual(Object.keys(MIGRATIONS).sort());
    expect((await again.getMatch("aaaaaaaaaaaa"))?.code).toBe("TN9U");
  });

  it("migrates a file of the previous version, keeping its matches and logs", async () => {
    const names = Object.keys(MIGRATIONS).sort();
    const previous = names.at(-2)!;
    const file = join(dir, "old.db");
    const old = await open(file, { migrateTo: previous });
    expect(await old.migrations()).toEqual(names.slice(0, -1));
    // A round recorded by the previous version (no booth tables yet).
    expect(() => old.sqlite.prepare("select * from booth_entries").all()).toThrow(/no such table/);
    await old.beginMatch({
      id: "bbbbbbbbbbbb",
      code: "ACDE",
      round: 2,
      options: OPTIONS,
      startedAt: 5,
      players: [ADA],
    });
    await old.appendLog("bbbbbbbbbbbb", [{ tick: 3, injections: [{ actor: "Ada", type: "pod-kill" }] }], 10);
    await old.close();

    const s = await open(file);
    expect((await s.migrations()).at(-1)).toBe(LATEST_MIGRATION);
    const m = await s.getMatch("bbbbbbbbbbbb");
    expect(m).toMatchObject({ code: "ACDE", round: 2, status: "running", lastTick: 10, result: null });
    expect(m?.players).toEqual([ADA]);
    expect((await s.getLog("bbbbbbbbbbbb"))?.ticks).toEqual([
      { tick: 3, injections: [{ actor: "Ada", type: "pod-kill" }] },
    ]);
    await s.finishMatch("bbbbbbbbbbbb", {
      endedAt: 9,
      lastTick: 120,
      stateHash: "h",
      players: [ADA],
      result: RESULT,
    });
    expect((await s.getMatch("bbbbbbbbbbbb"))?.result).toEqual(RESULT);
    expect(await s.listEvents({ limit: 5, offset: 0 })).toEqual({ total: 0, events: [] });
  });

  it("writes and reads back every record: match, players, result, log", async () => {
    const s = await open();
    const m = playedMatch();
    const id = newMatchId();
    expect(isMatchId(id)).toBe(true);
    const bob: PlayerRecord = { ...ADA, seat: 1, name: "Bob", actor: "Bob", role: "" };
    await s.beginMatch({
      id,
      code: "TN9U",
      round: 1,
      options: OPTIONS,
      startedAt: 1_700_000_000_000,
      players: [ADA],
    });
    expect((await s.listMatches({ limit: 10, offset: 0 })).matches[0]).toMatchObject({
      id,
      status: "running",
      phase: "running",
      lastTick: 0,
      result: null,
      endedAt: null,
      stateHash: null,
    });
    // The log in three appends (one of them empty: only the last tick moves), seats changed in the second.
    const ticks = m.log.ticks;
    const third = Math.floor(ticks.length / 3);
    await s.appendLog(id, ticks.slice(0, third), ticks[third - 1]!.tick);
    await s.appendLog(id, [], ticks[third - 1]!.tick + 5, [ADA, bob]);
    await s.appendLog(id, ticks.slice(third), m.log.end!.tick);
    expect((await s.getMatch(id))?.players).toEqual([ADA, bob]);
    const scored = { ...ADA, points: 120, restored: 2, broke: 1 };
    await s.finishMatch(id, {
      endedAt: 1_700_000_100_000,
      lastTick: m.log.end!.tick,
      stateHash: m.log.end!.stateHash,
      players: [scored, bob],
      result: RESULT,
    });

    const got = await s.getMatch(id);
    expect(got).toEqual({
      id,
      code: "TN9U",
      round: 1,
      scenario: "nmt",
      seed: 42,
      clock: "arcade",
      difficulty: "bots",
      durationSeconds: 12,
      startedAt: 1_700_000_000_000,
      endedAt: 1_700_000_100_000,
      phase: "debrief",
      status: "finished",
      lastTick: m.log.end!.tick,
      stateHash: m.log.end!.stateHash,
      result: RESULT,
      players: [scored, bob],
      options: OPTIONS,
    });
    // The stored log is the match's log, and replays to the stored hash.
    const log = await s.getLog(id);
    expect(log).toEqual(JSON.parse(JSON.stringify(m.log)));
    expect(verifyLog(log!)).toMatchObject({ ok: true });
    expect(await s.getMatch("nonexistent0")).toBeUndefined();
    expect(await s.getLog("nonexistent0")).toBeUndefined();
  });

  it("an interrupted round keeps its last tick and partial result; its log has no end", async () => {
    const s = await open();
    const id = newMatchId();
    await s.beginMatch({ id, code: "TN9U", round: 1, options: OPTIONS, startedAt: 1, players: [ADA] });
    expect(await s.runningMatches()).toEqual([{ id, lastTick: 0, players: [ADA] }]);
    await s.appendLog(id, [{ tick: 4, modes: { scheduler: "manual" } }], 40);
    expect(await s.runningMatches()).toEqual([{ id, lastTick: 40, players: [ADA] }]);
    await s.interruptMatch(id, {
      lastTick: 40,
      players: [ADA],
      result: { ...RESULT, partial: true, time: 4 },
    });
    expect(await s.runningMatches()).toEqual([]);
    expect(await s.getMatch(id)).toMatchObject({
      status: "interrupted",
      lastTick: 40,
      result: { partial: true, time: 4 },
    });
    expect((await s.getLog(id))?.end).toBeUndefined();
  });

  it("lists newest first, pages with limit and offset, and counts them all", async () => {
    const s = await open();
    for (let i = 0; i < 7; i++)
      await s.beginMatch({
        id: `match-${i}`.padEnd(12, "x"),
        code: "TN9U",
        round: i + 1,
        options: OPTIONS,
        startedAt: 1000 + i,
        players: [],
      });
    const first = await s.listMatches({ limit: 3, offset: 0 });
    expect(first.total).toBe(7);
    expect(first.matches.map((m) => m.round)).toEqual([7, 6, 5]);
    expect((await s.listMatches({ limit: 3, offset: 6 })).matches.map((m) => m.round)).toEqual([1]);
    expect((await s.listMatches({ limit: 3, offset: 60 })).matches).toEqual([]);
  });

  it("prunes matches that started before a time, with their players, results and logs", async () => {
    const s = await open();
    for (const [id, at] of [
      ["old000000000", 100],
      ["new000000000", 300],
    ] as const) {
      await s.beginMatch({ id, code: "TN9U", round: 1, options: OPTIONS, startedAt: at, players: [ADA] });
      await s.appendLog(id, [{ tick: 1, injections: [{ actor: "Ada", type: "pod-kill" }] }], 10);
      await s.finishMatch(id, {
        endedAt: at + 1,
        lastTick: 10,
        stateHash: "h",
        players: [ADA],
        result: RESULT,
      });
    }
    expect(await s.prune(200)).toBe(1);
    const count = (table: string) =>
      s.sqlite.prepare(`select count(*) from ${table} where match_id = 'old000000000'`).pluck().get();
    for (const table of ["players", "results", "log_chunks"]) expect(count(table), table).toBe(0);
    expect((await s.listMatches({ limit: 10, offset: 0 })).matches.map((m) => m.id)).toEqual([
      "new000000000",
    ]);
    expect(await s.getLog("new000000000")).toBeDefined();
  });

  it("readers in another process see whole batches while a match writes, never an error", async () => {
    const file = join(dir, "live.db");
    const s = await open(file);
    const id = newMatchId();
    await s.beginMatch({ id, code: "TN9U", round: 1, options: OPTIONS, startedAt: 1, players: [ADA] });
    // A reader process: polls the log and the last tick in one read transaction until told to stop.
    const reader = spawn(
      process.execPath,
      [
        "-e",
        `
        const Database = require("better-sqlite3");
        const db = new Database(process.argv[1], { readonly: true, fileMustExist: true });
        db.pragma("busy_timeout = 5000");
        const snap = db.transaction(() => ({
          rows: db.prepare("select count(*) from log_chunks where match_id = ?").pluck().get(process.argv[2]),
          last: db.prepare("select last_tick from matches where id = ?").pluck().get(process.argv[2]),
        }));
        let reads = 0, torn = 0;
        const loop = () => {
          for (let i = 0; i < 200; i++) {
            const { rows, last } = snap();
            reads++;
            // The writer appends one chunk per batch and moves last_tick to 10 × chunks in the same transaction.
            if (last !== rows * 10) torn++;
          }
          if (require("fs").existsSync(process.argv[3])) {
            console.log(JSON.stringify({ reads, torn }));
            process.exit(0);
          }
          setImmediate(loop);
        };
        loop();
        `,
        file,
        id,
        join(dir, "stop"),
      ],
      { cwd: process.cwd(), stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    let err = "";
    reader.stdout.on("data", (d: Buffer) => (out += d.toString()));
    reader.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const ticks: LogTick[] = [];
    for (let batch = 1; batch <= 300; batch++) {
      const chunk = Array.from({ length: 10 }, (_, i) => ({
        tick: (batch - 1) * 10 + i + 1,
        injections: [{ actor: "Ada", type: "pod-kill", target: "shop/tomcat" }],
      }));
      ticks.push(...chunk);
      await s.appendLog(id, chunk, batch * 10);
      if (batch % 20 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    writeFileSync(join(dir, "stop"), "");
    const code = await new Promise<number | null>((r) => reader.on("exit", r));
    expect(err).toBe("");
    expect(code).toBe(0);
    const { reads, torn } = JSON.parse(out) as { reads: number; torn: number };
    expect(reads).toBeGreaterThan(0);
    expect(torn).toBe(0);
    expect((await s.getLog(id))?.ticks).toEqual(ticks);
    expect(s.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
  });

  it("a second connection opened read-only reads what the writer committed", async () => {
    const file = join(dir, "shared.db");
    const w = await open(file);
    const m = playedMatch();
    const id = newMatchId();
    await w.beginMatch({ id, code: "TN9U", round: 1, options: OPTIONS, startedAt: 1, players: [ADA] });
    await w.appendLog(id, m.log.ticks, m.log.end!.tick);
    await w.finishMatch(id, {
      endedAt: 2,
      lastTick: m.log.end!.tick,
      stateHash: m.log.end!.stateHash,
      players: [ADA],
      result: RESULT,
    });
    const r = await open(file, { readonly: true });
    const log = await r.getLog(id);
    expect(stateHash(replayLog(log!))).toBe(m.log.end!.stateHash);
    await expect(
      r.beginMatch({ id: newMatchId(), code: "X", round: 1, options: OPTIONS, startedAt: 1, players: [] }),
    ).rejects.toThrow(/readonly/);
  });

  it("refuses to open a file that is not a database, changing nothing", async () => {
    const file = join(dir, "junk.db");
    writeFileSync(file, "this is not sqlite ".repeat(100));
    await expect(openSqliteStore(file)).rejects.toThrow(/not a database/);
    expect(readFileSync(file, "utf8")).toBe("this is not sqlite ".repeat(100));
  });
});
