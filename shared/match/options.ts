/** A match's options: validated once, with defaults, and kept for every round (same seed ⇒ same chaos). */
import { formatScenarioError, parseScenarioYaml, SCENARIO_NAMES, type ClockName } from "../sim";
import {
  DEFAULT_CLOCK,
  DEFAULT_DIFFICULTY,
  DEFAULT_DURATION_SECONDS,
  DEFAULT_SCENARIO,
  ErrorCode,
  validateRoomOptions,
  type Difficulty,
  type ScenarioFileOption,
  type Validation,
} from "../protocol";

/** The options a match runs with, after validation and defaults. */
export interface MatchOptions {
  scenario: string;
  seed: number;
  clock: ClockName;
  difficulty: Difficulty;
  /** Game seconds of the running phase. */
  durationSeconds: number;
  /** Whether the scenario's seeded chaos schedule runs (injections always do). */
  chaos: boolean;
  /** An uploaded scenario file the match runs (then `scenario` is its header's name); kept in the match log so replays rebuild it. */
  scenarioFile?: ScenarioFileOption;
}

/**
 * Validates create options and fills defaults. `pickSeed` supplies the seed when none was
 * asked for: randomness comes from the caller, so this module stays deterministic.
 */
export function resolveMatchOptions(raw: unknown, pickSeed: () => number): Validation<MatchOptions> {
  const v = validateRoomOptions(raw);
  if (!v.ok) return v;
  const o = v.value;
  if (o.scenarioFile) {
    // Never trust the uploader's page: the file is parsed again here, on the server.
    const parsed = parseScenarioYaml(o.scenarioFile.text, o.scenarioFile.name);
    if (!parsed.ok) {
      const shown = parsed.errors.slice(0, 5).map(formatScenarioError);
      const more = parsed.errors.length > 5 ? ` (and ${parsed.errors.length - 5} more)` : "";
      return { ok: false, error: { code: ErrorCode.INVALID_SCENARIO, message: shown.join("\n") + more } };
    }
    return {
      ok: true,
      value: {
        scenario: parsed.scenario.name,
        seed: o.seed ?? pickSeed() >>> 0,
        clock: o.clock ?? parsed.scenario.clock ?? DEFAULT_CLOCK,
        difficulty: o.difficulty ?? DEFAULT_DIFFICULTY,
        durationSeconds: o.durationSeconds ?? DEFAULT_DURATION_SECONDS,
        chaos: o.chaos ?? true,
        scenarioFile: o.scenarioFile,
      },
    };
  }
  const scenario = o.scenario ?? DEFAULT_SCENARIO;
  if (!(SCENARIO_NAMES as readonly string[]).includes(scenario)) {
    return {
      ok: false,
      error: {
        code: ErrorCode.UNKNOWN_SCENARIO,
        message: `unknown scenario "${scenario}" (known: ${SCENARIO_NAMES.join(", ")})`,
      },
    };
  }
  return {
    ok: true,
    value: {
      scenario,
      seed: o.seed ?? pickSeed() >>> 0,
      clock: o.clock ?? DEFAULT_CLOCK,
      difficulty: o.difficulty ?? DEFAULT_DIFFICULTY,
      durationSeconds: o.durationSeconds ?? DEFAULT_DURATION_SECONDS,
      chaos: o.chaos ?? true,
    },
  };
}
