/** Shared set-up for the match tests: a short nmt match with fixed options. */
import { Match, type MatchOptions } from "../../shared/match";

/** Options of a short, seeded nmt match. */
export function options(over: Partial<MatchOptions> = {}): MatchOptions {
  return {
    scenario: "nmt",
    seed: 42,
    clock: "arcade",
    difficulty: "standard",
    durationSeconds: 20,
    chaos: true,
    ...over,
  };
}

/** A match with Ada (host) and Bob seated as watchers. */
export function twoWatchers(over: Partial<MatchOptions> = {}): Match {
  const m = new Match(options(over));
  m.join("a", { name: "Ada", role: "" });
  m.join("b", { name: "Bob", role: "" });
  return m;
}

/** Ticks a match `n` times. */
export function ticks(m: Match, n: number): void {
  for (let i = 0; i < n; i++) m.tick();
}
