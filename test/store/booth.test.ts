/**
 * The booth's tables on a real SQLite file: settings and entries survive reopening the file
 * (a restart), an entry is stored once per round id and once per match, boards list the
 * best first with shared places exactly as shared/booth's comparator orders them, and
 * clearing a day takes its entries off the boards while they still count as played.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_BOOTH_SETTINGS, compareKeys, rankKeys } from "../../shared/booth";
import { BoothStore, type NewBoothEntry } from "../../server/store/booth";
import { openSqliteStore, type SqliteResultsStore } from "../../server/store/sqlite";

let dir: string;
let stores: SqliteResultsStore[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "reconcile-booth-"));
});
afterEach(async () => {
  for (const s of stores) await s.close();
  stores = [];
  rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<BoothStore> {
  const s = await openSqliteStore(join(dir, "results.db"));
  stores.push(s);
  return new BoothStore(s);
}

let seq = 0;
function entry(over: Partial<NewBoothEntry> = {}): NewBoothEntry {
  seq += 1;
  return {
    roundId: `round-${String(seq).padStart(4, "0")}`,
    matchId: `match-${String(seq).padStart(6, "0")}`,
    name: "",
    role: "scheduler",
    availability: 0.95,
    errorBudget: 0.5,
    mttr: 12,
    incidents: 4,
    teamPoints: 900,
    day: "2026-11-25",
    storedAt: 1_000 + seq,
    offline: false,
    ...over,
  };
}

describe("booth store", () => {
  it("keeps the settings and the day's board across a reopen of the file", async () => {
    const a = await open();
    expect(await a.settings()).toBeUndefined();
    a.saveSettings({ ...DEFAULT_BOOTH_SETTINGS, durationSeconds: 60, timeZone: "Asia/Shanghai" });
    const e = entry({ name: "ADA" });
    expect(a.add(e).kind).toBe("created");
    await stores.pop()!.close();
    const b = await open();
    expect((await b.settings())?.durationSeconds).toBe(60);
    expect((await b.board("day", "2026-11-25", 10)).top).toEqual([{ ...e, rank: 1 }]);
  });

  it("stores an entry once per round id, and a match under one round id only", async () => {
    const s = await open();
    const e = entry();
    expect(s.add(e)).toEqual({ kind: "created", entry: e });
    expect(s.add({ ...e, availability: 1, name: "CHEAT" })).toEqual({ kind: "existing", entry: e });
    expect(s.add({ ...e, roundId: "another-round" })).toEqual({ kind: "matchTaken" });
    expect(await s.roundsOn(e.day)).toBe(1);
    expect(await s.entry(e.roundId)).toEqual(e);
  });

  it("lists the best first, ties share a place, in the shared comparator's order", async () => {
    const s = await open();
    const rounds = [
      entry({ availability: 0.9 }),
      entry({ availability: 0.99, errorBudget: 0.1 }),
      entry({ availability: 0.99, errorBudget: 0.4, mttr: 30 }),
      entry({ availability: 0.99, errorBudget: 0.4, mttr: 10 }),
      entry({ availability: 0.99, errorBudget: 0.4, mttr: 10 }),
      entry({ availability: 0.8, mttr: null }),
      entry({ availability: 0.8, mttr: 50 }),
      entry({ availability: 1, day: "2026-11-24" }),
    ];
    for (const r of rounds) s.add(r);
    const board = await s.board("day", "2026-11-25", 10);
    const expected = rounds
      .filter((r) => r.day === "2026-11-25")
      .sort((a, b) => compareKeys(rankKeys(a), rankKeys(b)) || a.storedAt - b.storedAt);
    expect(board.top.map((e) => e.roundId)).toEqual(expected.map((e) => e.roundId));
    expect(board.top.map((e) => e.rank)).toEqual([1, 1, 3, 4, 5, 6, 7]);
    expect(board.bestAvailability?.roundId).toBe(rounds[3]!.roundId);
    expect(board.fastestRecovery?.mttr).toBe(10);
    expect(await s.rank(rounds[0]!, "day", "2026-11-25")).toBe(5);
    expect(await s.rank(rounds[0]!, "all", "2026-11-25")).toBe(6);
    const all = await s.board("all", "2026-11-25", 3);
    expect(all.top.map((e) => e.rank)).toEqual([1, 2, 2]);
    expect(all.bestAvailability?.availability).toBe(1);
  });

  it("clearing a day takes its entries off every board; they still count as played", async () => {
    const s = await open();
    s.add(entry({ name: "A" }));
    s.add(entry({ name: "B" }));
    const yesterday = entry({ name: "C", day: "2026-11-24" });
    s.add(yesterday);
    expect(s.clearDay("2026-11-25")).toBe(2);
    expect(s.clearDay("2026-11-25")).toBe(0);
    const day = await s.board("day", "2026-11-25", 10);
    expect(day).toEqual({ top: [], bestAvailability: null, fastestRecovery: null });
    expect((await s.board("all", "2026-11-25", 10)).top.map((e) => e.name)).toEqual(["C"]);
    expect(await s.roundsOn("2026-11-25")).toBe(2);
  });

  it("sets a name", async () => {
    const s = await open();
    const e = entry();
    s.add(e);
    expect(s.setName(e.roundId, "ADA")).toBe(true);
    expect(s.setName("no-such-round", "ADA")).toBe(false);
    expect((await s.entry(e.roundId))?.name).toBe("ADA");
  });
});
