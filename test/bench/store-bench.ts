/**
 * The results store's cost: 100 matches played side by side (bots in every role, the
 * scenario's chaos plus a fault injected every 10 s), each recorded by the rooms' own
 * Recorder into one SQLite file (WAL), as the server would. Only the recorder's work is
 * timed (log appends once per game second, the begin and the final result); the target
 * is ≤ 1 % of a core at 100 concurrent matches, i.e. ≤ 10 ms of writing per second of
 * match. Prints nothing; `test/bench/run.ts` prints the result.
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Match } from "../../shared/match";
import { TICKS_PER_SECOND } from "../../shared/sim";
import { Recorder } from "../../server/rooms/recorder";
import { openSqliteStore } from "../../server/store/sqlite";

/** Mean, 99th percentile and max of calls (ms). */
export interface CallStats {
  mean: number;
  p99: number;
  max: number;
}

function stats(ms: number[]): CallStats {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length), 4),
    p99: round(sorted[Math.floor(sorted.length * 0.99)] ?? 0, 4),
    max: round(sorted.at(-1) ?? 0, 4),
  };
}

/** What {@link benchStore} returns. */
export interface StoreBenchResult {
  matches: number;
  gameSeconds: number;
  /** Milliseconds spent recording, summed over all matches, per game second (= per wall second live). */
  msPerSecondAtAllMatches: number;
  /** The same as a share of one core (target ≤ 0.01). */
  coreShare: number;
  target: number;
  /** Milliseconds of recording per second of one match. */
  msPerMatchSecond: number;
  /** The slowest single recorder call (ms): a tick that appends or finishes. */
  maxCallMs: number;
  /** Per call (ms): a round's begin, a once-per-second log append, the result at the end. */
  beginMs: CallStats;
  appendMs: CallStats;
  finishMs: CallStats;
  /** Log entries written (ticks with inputs) and the file's size at the end. */
  logEntries: number;
  dbBytes: number;
}

/** Plays `matches` recorded matches of `gameSeconds` each, in lockstep. */
export async function benchStore(matches = 100, gameSeconds = 60): Promise<StoreBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "reconcile-store-bench-"));
  const file = join(dir, "bench.db");
  const store = await openSqliteStore(file);
  try {
    const rooms = Array.from({ length: matches }, (_, i) => {
      const match = new Match({
        scenario: "nmt",
        seed: 1000 + i,
        clock: "arcade",
        difficulty: "bots",
        durationSeconds: gameSeconds,
        chaos: true,
      });
      match.join("host", { name: "Ada", role: "" });
      match.start();
      const recorder = new Recorder(
        () => store,
        () => match,
        () => `B${String(i).padStart(3, "0")}`,
      );
      return { match, recorder };
    });
    let recordMs = 0;
    let maxCallMs = 0;
    const last = gameSeconds * TICKS_PER_SECOND;
    const byKind = { begin: [] as number[], append: [] as number[], finish: [] as number[] };
    for (let tick = 1; tick <= last; tick++) {
      for (const { match, recorder } of rooms) {
        if (tick % 100 === 50) match.inject("Ada", "pod-kill", "shop/tomcat");
        match.tick();
        const t0 = performance.now();
        recorder.afterTick();
        const ms = performance.now() - t0;
        recordMs += ms;
        maxCallMs = Math.max(maxCallMs, ms);
        if (tick === 1) byKind.begin.push(ms);
        else if (tick === last) byKind.finish.push(ms);
        else if (tick % TICKS_PER_SECOND === 0) byKind.append.push(ms);
      }
    }
    const msPerSecondAtAllMatches = recordMs / gameSeconds;
    return {
      matches,
      gameSeconds,
      msPerSecondAtAllMatches: round(msPerSecondAtAllMatches),
      coreShare: round(msPerSecondAtAllMatches / 1000, 5),
      target: 0.01,
      msPerMatchSecond: round(recordMs / (gameSeconds * matches), 4),
      maxCallMs: round(maxCallMs),
      beginMs: stats(byKind.begin),
      appendMs: stats(byKind.append),
      finishMs: stats(byKind.finish),
      logEntries: rooms.reduce((n, r) => n + r.match.log.ticks.length, 0),
      dbBytes: statSync(file).size,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
