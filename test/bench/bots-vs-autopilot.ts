/**
 * Bots against autopilot: the same seeds under the default chaos, once with every role on
 * autopilot and once with a bot in each role (`npm run sim -- --bot scheduler --bot
 * workload-controller --bot service-controller`), through the same match path as the sim
 * CLI. Deterministic — same seed ⇒ same world — so a ratio from it is no timed figure.
 */
import { parseSimArgs, runMatch, type SimReport } from "../../server/cli/sim-run";
import { replayLog } from "../../shared/match";
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

/**
 * One incident of a seed on both sides: how long each took to get the chain healthy again
 * (null: still open at the end, or no such incident), and the requests that failed from its
 * start to the next incident's (or the end) — where the availability went.
 */
export interface IncidentComparison {
  cause: string;
  start: number;
  autopilotSeconds: number | null;
  botsSeconds: number | null;
  autopilotFailed: number;
  botsFailed: number;
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

/** One run of `nmt` with the default chaos: its report and its failed requests per game second. */
function runOf(seed: number, durationSeconds: number, bots: boolean, perSecond = false) {
  const args = ["--seed", String(seed), "--duration", String(durationSeconds)];
  if (bots) for (const role of ROLES) args.push("--bot", role);
  const { report, log } = runMatch(parseSimArgs(args));
  // The log replays to the same world (same stateHash), whose traffic keeps each second's counts.
  const failed = perSecond ? replayLog(log).traffic.perSecond.map(([total, ok]) => total - ok) : [];
  return { report, failed };
}

type Run = ReturnType<typeof runOf>;
type Incident = SimReport["incidents"][number];

/** Pairs the incidents of both runs by cause and start (the chaos schedule is the seed's, so they line up). */
function pairIncidents(autopilot: Run, bots: Run): IncidentComparison[] {
  const took = (i: Incident | undefined) => (i && i.end !== null ? round4(i.end - i.start) : null);
  const id = (i: Incident) => `${i.cause}@${i.start}`;
  const byId = (r: Run) => new Map(r.report.incidents.map((i) => [id(i), i]));
  const a = byId(autopilot);
  const b = byId(bots);
  const all = [...new Map([...a, ...b]).values()].sort((x, y) => x.start - y.start);
  const failedIn = (r: Run, from: number, to: number) =>
    r.failed.slice(Math.floor(from), Math.floor(to)).reduce((n, f) => n + f, 0);
  return all.map((i, n) => {
    const next = all[n + 1]?.start ?? Infinity;
    return {
      cause: i.cause,
      start: i.start,
      autopilotSeconds: took(a.get(id(i))),
      botsSeconds: took(b.get(id(i))),
      autopilotFailed: failedIn(autopilot, i.start, next),
      botsFailed: failedIn(bots, i.start, next),
    };
  });
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
      const a = runOf(seed, durationSeconds, false, opts.incidents);
      const b = runOf(seed, durationSeconds, true, opts.incidents);
      return {
        seed,
        autopilot: a.report.availability.overall,
        bots: b.report.availability.overall,
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
      autopilot: runOf(seed, durationSeconds, false).report.availability.overall,
      bots: botsAvailabilityAtPace(seed, durationSeconds, { reactionSeconds, reactionJitter: 0 }),
    })),
  );
}
