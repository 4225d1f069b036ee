/**
 * The manual roles are complete: bots playing all three roles through intents reach at
 * least 90 % of the availability autopilot reaches on the same seeds under the default
 * chaos (both rounds, so every chaos type fires, the crashloop and the bad rollout too).
 * Deterministic — same seed ⇒ same world — so this ratio is no timed figure; `npm run
 * bench` prints it for seeds 1–10.
 */
import { describe, expect, it } from "vitest";
import { botsVsAutopilot, FULL_SCHEDULE_SECONDS } from "./bots-vs-autopilot";

describe("bots against autopilot", () => {
  it("reach ≥ 90 % of autopilot's availability over seeds 1–3, and the same again on a rerun", () => {
    const run = botsVsAutopilot([1, 2, 3], FULL_SCHEDULE_SECONDS);
    expect(run.seeds).toHaveLength(3);
    for (const s of run.seeds) {
      expect(s.autopilot).toBeGreaterThan(0.5);
      expect(s.bots).toBeGreaterThan(0.5);
    }
    expect(run.mean.ratio).toBeGreaterThanOrEqual(0.9);
    expect(botsVsAutopilot([2], FULL_SCHEDULE_SECONDS).seeds[0]).toEqual(run.seeds[1]);
  });
});
