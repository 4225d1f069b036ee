/**
 * The manual roles are complete: bots playing all three roles through intents reach at
 * least 90 % of the availability autopilot reaches on the same seeds under the default
 * chaos — over a match's default length and over both rounds (every chaos type fires, the
 * crashloop and the bad rollout too) — and over the sim CLI's shorter default (120 s), where
 * four incidents that autopilot repairs on the tick they happen weigh on a bot by its 2–4 s
 * reaction alone, so the margin is thin (0.902 on seeds 1–10). Deterministic — same seed ⇒ same world — so these ratios are no timed figures; `npm run
 * bench -- --only bots` prints them for seeds 1–10, per seed.
 */
import { describe, expect, it } from "vitest";
import { createWorld, ROLES } from "../../shared/sim";
import { parseSimArgs, runMatch } from "../../server/cli/sim-run";
import {
  botsAvailabilityAtPace,
  botsVsAutopilot,
  botsVsAutopilotAtReaction,
  CLI_DEFAULT_SECONDS,
  FULL_SCHEDULE_SECONDS,
  MATCH_DEFAULT_SECONDS,
} from "./bots-vs-autopilot";

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe("bots against autopilot", () => {
  it("reach ≥ 90 % of autopilot's availability over a match's default length, seeds 1–10", () => {
    const run = botsVsAutopilot(SEEDS, MATCH_DEFAULT_SECONDS);
    expect(run.durationSeconds).toBe(180);
    expect(run.seeds).toHaveLength(10);
    for (const s of run.seeds) expect(s.bots).toBeGreaterThan(0.5);
    expect(run.mean.ratio).toBeGreaterThanOrEqual(0.9);
  });

  it("reach ≥ 90 % of autopilot's availability over both rounds on seeds 1–3, and the same again on a rerun", () => {
    const run = botsVsAutopilot([1, 2, 3], FULL_SCHEDULE_SECONDS);
    expect(run.seeds).toHaveLength(3);
    for (const s of run.seeds) {
      expect(s.autopilot).toBeGreaterThan(0.5);
      expect(s.bots).toBeGreaterThan(0.5);
    }
    expect(run.mean.ratio).toBeGreaterThanOrEqual(0.9);
    expect(botsVsAutopilot([2], FULL_SCHEDULE_SECONDS).seeds[0]).toEqual(run.seeds[1]);
  });

  it("reach ≥ 90 % of autopilot's availability at the sim CLI's default length (`npm run sim` as is), seeds 1–10", () => {
    expect(CLI_DEFAULT_SECONDS).toBe(120);
    const run = botsVsAutopilot(SEEDS, CLI_DEFAULT_SECONDS);
    expect(run.seeds).toHaveLength(10);
    for (const s of run.seeds) expect(s.bots).toBeGreaterThan(0.5);
    expect(run.mean.ratio).toBeGreaterThanOrEqual(0.9);
  });

  it("reacting in 2 s (the fastest of their 2–4 s) at the sim CLI's default length, bots do better still", () => {
    const fixed = botsVsAutopilotAtReaction(SEEDS, CLI_DEFAULT_SECONDS, 2);
    expect(fixed.mean.ratio).toBeGreaterThan(botsVsAutopilot(SEEDS, CLI_DEFAULT_SECONDS).mean.ratio);
  });

  it("the fixed-pace runs step bots exactly as a match does: the default pace gives the match's availability", () => {
    const args = ["--seed", "3", "--duration", String(CLI_DEFAULT_SECONDS)];
    for (const role of ROLES) args.push("--bot", role);
    const viaMatch = runMatch(parseSimArgs(args)).report.availability.overall;
    expect(botsAvailabilityAtPace(3, CLI_DEFAULT_SECONDS, {})).toBe(viaMatch);
    expect(
      botsAvailabilityAtPace(3, CLI_DEFAULT_SECONDS, { reactionSeconds: 2, reactionJitter: 0 }),
    ).not.toBe(viaMatch);
  });

  it("pairs each incident of both runs with its repair time and the requests failed until the next", () => {
    const run = botsVsAutopilot([1], CLI_DEFAULT_SECONDS, { incidents: true });
    const incidents = run.seeds[0]!.incidents!;
    expect(incidents.map((i) => i.cause.split(":")[0])).toEqual(
      expect.arrayContaining(["pod-kill", "label-drift", "service-recreate", "node-crash"]),
    );
    for (const i of incidents) expect(i.autopilotSeconds ?? i.botsSeconds).not.toBeNull();
    // Autopilot's endpoints follow a killed pod on the same tick; a bot's only after it notices.
    const podKill = incidents.find((i) => i.cause.startsWith("pod-kill"))!;
    expect(podKill.botsSeconds!).toBeGreaterThan(podKill.autopilotSeconds!);
    expect(podKill.autopilotFailed).toBe(0);
    expect(podKill.botsFailed).toBeGreaterThan(0);
    // Nothing fails before the first chaos, so the windows hold every failed request.
    const perSecond = createWorld({ scenario: "nmt", seed: 1 }).trafficConfig.requestsPerSecond;
    const failed = (availability: number) => Math.round((1 - availability) * perSecond * CLI_DEFAULT_SECONDS);
    expect(incidents.reduce((n, i) => n + i.botsFailed, 0)).toBe(failed(run.seeds[0]!.bots));
  });
});
