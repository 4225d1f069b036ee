/**
 * The cost of a competition's debrief from the store: 20 teams of 10-minute rounds (bots in
 * every role, the scenario's chaos plus a fault injected every 30 s) stored in one SQLite
 * file, then the debrief built as `GET /api/events/:code` builds it — every team's log
 * replayed a slice at a time. Measures the build's wall time and the longest the event loop
 * was held (what a live room's tick could be delayed by; target ≤ 100 ms), then the cached
 * answer. Prints nothing; `test/bench/run.ts` prints the result.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Match, type MatchOptions } from "../../shared/match";
import { playersOf, resultOf } from "../../server/results/records";
import { EventDebriefs, REPLAY_SLICE_TICKS } from "../../server/results/eventDebrief";
import { openSqliteStore } from "../../server/store/sqlite";
import { newMatchId } from "../../server/store";

/** What {@link benchDebrief} returns. */
export interface DebriefBenchResult {
  teams: number;
  gameSeconds: number;
  sliceTicks: number;
  /** Wall time of the first (uncached) build, ms. */
  buildMs: number;
  /** Stretches the event loop was held during the build, ms: the 99th percentile (target ≤ 100) and the longest (on a loaded machine, mostly the OS scheduling other processes). */
  p99LoopBlockMs: number;
  maxLoopBlockMs: number;
  target: number;
  /** The next request for the unchanged event (cached), ms. */
  cachedMs: number;
  /** Size of the debrief as JSON, bytes. */
  jsonBytes: number;
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** Stores an event of `teams` teams of `gameSeconds` and builds its debrief. */
export async function benchDebrief(teams = 20, gameSeconds = 600): Promise<DebriefBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "reconcile-debrief-bench-"));
  const store = await openSqliteStore(join(dir, "bench.db"));
  try {
    const options: MatchOptions = {
      scenario: "nmt",
      seed: 7,
      clock: "arcade",
      difficulty: "bots",
      durationSeconds: gameSeconds,
      chaos: true,
    };
    // Every team of an event plays the same seed; with bots in every role the rounds are
    // identical, so one played round stands for each team's.
    const m = new Match(options);
    m.join("a", { name: "Ada", role: "" });
    m.start();
    for (let i = 0; m.phase === "running"; i++) {
      if (i % 300 === 50) m.inject("facilitator", "pod-kill", "shop/tomcat");
      m.tick();
    }
    const eventId = newMatchId();
    const codes = Array.from({ length: teams }, (_, i) => `T${String(i).padStart(3, "0")}`);
    await store.beginEvent({
      id: eventId,
      code: "BNCH",
      name: "Bench",
      options,
      createdAt: 0,
      teams: codes.map((teamId, i) => ({ teamId, name: `Team ${i + 1}` })),
    });
    for (const code of codes) {
      const id = newMatchId();
      await store.beginMatch({ id, code, round: 1, options, startedAt: 1, players: [] });
      await store.appendLog(id, m.log.ticks, m.world.tick);
      await store.finishMatch(id, {
        endedAt: 2,
        lastTick: m.world.tick,
        stateHash: m.log.end!.stateHash,
        players: playersOf(m.seats.all(), m.world),
        result: resultOf(m.world, gameSeconds, false),
      });
      await store.linkTeamMatch("BNCH", code, id);
    }

    // A 1 ms timer stands for the rooms' ticks: the gaps between its runs are how long
    // the build held the event loop.
    let last = performance.now();
    const gaps: number[] = [];
    const probe = setInterval(() => {
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }, 1);
    const debriefs = new EventDebriefs();
    const t0 = performance.now();
    const d = await debriefs.get(store, "BNCH");
    const buildMs = performance.now() - t0;
    clearInterval(probe);
    const t1 = performance.now();
    await debriefs.get(store, "BNCH");
    const cachedMs = performance.now() - t1;
    return {
      teams,
      gameSeconds,
      sliceTicks: REPLAY_SLICE_TICKS,
      buildMs: round(buildMs),
      p99LoopBlockMs: round(gaps.sort((a, b) => a - b)[Math.floor(gaps.length * 0.99)] ?? 0),
      maxLoopBlockMs: round(gaps.at(-1) ?? 0),
      target: 100,
      cachedMs: round(cachedMs, 2),
      jsonBytes: JSON.stringify(d).length,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
