/**
 * Bots against autopilot: the same seeds under the default chaos, once with every role on
 * autopilot and once with a bot in each role (`npm run sim -- --bot scheduler --bot
 * workload-controller --bot service-controller`), through the same match path as the sim
 * CLI. Deterministic — same seed ⇒ same world — so a ratio from it is no timed figure.
 */
import { parseSimArgs, runMatch } from "../../server/cli/sim-run";
import { ROLES } from "../../shared/sim";

/** One seed's availability on autopilot and with bots, and bots ÷ autopilot. */
export interface SeedComparison {
  seed: number;
  autopilot: number;
  bots: number;
  ratio: number;
}

/** Every seed's comparison and the means (the ratio of the mean availabilities). */
export interface BotsVsAutopilot {
  durationSeconds: number;
  seeds: SeedComparison[];
  mean: { autopilot: number; bots: number; ratio: number };
}

/** The default chaos schedule's length: two rounds of five minutes, each with every kind of trouble. */
export const FULL_SCHEDULE_SECONDS = 600;

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Overall availability of one run of `nmt` with the default chaos. */
function availabilityOf(seed: number, durationSeconds: number, bots: boolean): number {
  const args = ["--seed", String(seed), "--duration", String(durationSeconds)];
  if (bots) for (const role of ROLES) args.push("--bot", role);
  return runMatch(parseSimArgs(args)).report.availability.overall;
}

/** Compares bots with autopilot on each seed. */
export function botsVsAutopilot(
  seeds: readonly number[],
  durationSeconds = FULL_SCHEDULE_SECONDS,
): BotsVsAutopilot {
  const raw = seeds.map((seed) => ({
    seed,
    autopilot: availabilityOf(seed, durationSeconds, false),
    bots: availabilityOf(seed, durationSeconds, true),
  }));
  const autopilot = raw.reduce((n, r) => n + r.autopilot, 0) / raw.length;
  const bots = raw.reduce((n, r) => n + r.bots, 0) / raw.length;
  return {
    durationSeconds,
    seeds: raw.map((r) => ({
      seed: r.seed,
      autopilot: round4(r.autopilot),
      bots: round4(r.bots),
      ratio: round4(r.bots / r.autopilot),
    })),
    mean: { autopilot: round4(autopilot), bots: round4(bots), ratio: round4(bots / autopilot) },
  };
}
