/**
 * Bots against autopilot: the same seeds under the default chaos, once with every role on
 * autopilot and once with a bot in each role (`npm run sim -- --bot scheduler --bot
 * workload-controller --bot service-controller`), through the same match path as the sim
 * CLI. Deterministic — same seed ⇒ same world — so a ratio from it is no timed figure.
 */
import { parseSimArgs, runMatch, type SimReport } from "../../server/cli/sim-run";
import { DEFAULT_DURATION_SECONDS } from "../../shared/protocol";
import {
  botIntents,
  createBot,
  createWorld,
  ROLES,
  setRoleMode,
  step,
  TICKS_PER_SECOND,
  type BotStyle,
} from "../../shared/sim";

/** One incident of a seed on both sides: how long each took to get the chain healthy again (null: still open at the end). */
export interface IncidentComparison {
  cause: string;
  start: number;
  autopilotSeconds: number | null;
  botsSeconds: number | null;
}

/** One seed's availability on autopilot and with bots, and bots ÷ autopilot. */
export interface SeedComparison {
  seed: number;
  autopilot: number;
  bots: number;
  ratio: number;
  /** Each chaos incident's time to repair on both sides (when asked for). */
  incidents?: IncidentComparison[];
}

/** Every seed's comparison and the means (the ratio of the mean availabilities). */
export interface BotsVsAutopilot {
  durationSeconds: number;
  seeds: SeedComparison[];
  mean: { autopilot: number; bots: number; ratio: number };
}

/** The sim CLI's default duration (`npm run sim` without `--duration`). */
export const CLI_DEFAULT_SECONDS = parseSimArgs([]).duration;

/** A match's default duration (a room created without one). */
export const MATCH_DEFAULT_SECONDS = DEFAULT_DURATION_SECONDS;

/** The default chaos schedule's length: two rounds of five minutes, each with every kind of trouble. */
export const FULL_SCHEDULE_SECONDS = 600;

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** The report of one run of `nmt` with the default chaos. */
function reportOf(seed: number, durationSeconds: number, bots: boolean): SimReport {
  const args = ["--seed", String(seed), "--duration", String(durationSeconds)];
  if (bots) for (const role of ROLES) args.push("--bot", role);
  return runMatch(parseSimArgs(args)).report;
}

/** Pairs the incidents of both runs by cause and start (the chaos schedule is the seed's, so they line up). */
function pairIncidents(autopilot: SimReport, bots: SimReport): IncidentComparison[] {
  const took = (i: SimReport["incidents"][number]) => (i.end === null ? null : round4(i.end - i.start));
  const id = (i: SimReport["incidents"][number]) => `${i.cause}@${i.start}`;
  const botsById = new Map(bots.incidents.map((i) => [id(i), i]));
  const out = autopilot.incidents.map((a) => {
    const b = botsById.get(id(a));
    botsById.delete(id(a));
    return { cause: a.cause, start: a.start, autopilotSeconds: took(a), botsSeconds: b ? took(b) : null };
  });
  for (const b of botsById.values())
    out.push({ cause: b.cause, start: b.start, autopilotSeconds: null, botsSeconds: took(b) });
  return out.sort((x, y) => x.start - y.start);
}

/** Means and rounding of per-seed availabilities. */
function summarize(
  durationSeconds: number,
  raw: { seed: number; autopilot: number; bots: number; incidents?: IncidentComparison[] }[],
): BotsVsAutopilot {
  const autopilot = raw.reduce((n, r) => n + r.autopilot, 0) / raw.length;
  const bots = raw.reduce((n, r) => n + r.bots, 0) / raw.length;
  return {
    durationSeconds,
    seeds: raw.map((r) => ({
      seed: r.seed,
      autopilot: round4(r.autopilot),
      bots: round4(r.bots),
      ratio: round4(r.bots / r.autopilot),
      ...(r.incidents ? { incidents: r.incidents } : {}),
    })),
    mean: { autopilot: round4(autopilot), bots: round4(bots), ratio: round4(bots / autopilot) },
  };
}

/** Compares bots with autopilot on each seed (with each incident's repair time when `incidents`). */
export function botsVsAutopilot(
  seeds: readonly number[],
  durationSeconds = FULL_SCHEDULE_SECONDS,
  opts: { incidents?: boolean } = {},
): BotsVsAutopilot {
  return summarize(
    durationSeconds,
    seeds.map((seed) => {
      const a = reportOf(seed, durationSeconds, false);
      const b = reportOf(seed, durationSeconds, true);
      return {
        seed,
        autopilot: a.availability.overall,
        bots: b.availability.overall,
        ...(opts.incidents ? { incidents: pairIncidents(a, b) } : {}),
      };
    }),
  );
}

/**
 * Availability with a bot in every role playing at a fixed pace (`style` over the default),
 * stepped like a match with nobody seated. With the default style it equals the match
 * path's; a fixed reaction (no jitter) shows what the bots' pace alone allows.
 */
export function botsAvailabilityAtPace(
  seed: number,
  durationSeconds: number,
  style: Partial<BotStyle>,
): number {
  const world = createWorld({ scenario: "nmt", seed, clock: "arcade", chaos: true });
  for (const role of ROLES) setRoleMode(world, role, "manual");
  const bots = ROLES.map((role) => createBot(world, role, { style }));
  for (let i = 0; i < durationSeconds * TICKS_PER_SECOND; i++)
    step(
      world,
      bots.flatMap((bot) => botIntents(world, bot)),
    );
  return world.traffic.total === 0 ? 1 : world.traffic.ok / world.traffic.total;
}

/** Bots at a fixed reaction of `reactionSeconds` (no jitter) against autopilot on each seed. */
export function botsVsAutopilotAtReaction(
  seeds: readonly number[],
  durationSeconds: number,
  reactionSeconds: number,
): BotsVsAutopilot {
  return summarize(
    durationSeconds,
    seeds.map((seed) => ({
      seed,
      autopilot: reportOf(seed, durationSeconds, false).availability.overall,
      bots: botsAvailabilityAtPace(seed, durationSeconds, { reactionSeconds, reactionJitter: 0 }),
    })),
  );
}
