/** The campaign: the built-in level files (campaign/*.yaml, embedded), their engine and checks. */
import type { MatchOptions } from "../match/options";
import { SCENARIO_NAMES } from "../sim/scenarios";
import { formatLevelError, parseLevelYaml, type Level } from "./level";
import { BUILTIN_LEVEL_FILES } from "./levels.generated";

export * from "./level";
export * from "./engine";
export {
  CHECK_NAMES,
  changesSince,
  holds,
  rememberWorld,
  type WorldChanges,
  type Check,
  type CheckContext,
  type WorldMemory,
} from "./checks";

/** The built-in levels in play order (a broken file is a build error: the campaign test parses them all). */
export const LEVELS: readonly Level[] = Object.entries(BUILTIN_LEVEL_FILES)
  .map(([file, text]) => {
    const r = parseLevelYaml(text, file, SCENARIO_NAMES);
    if (!r.ok) throw new Error(`built-in level ${r.errors.map(formatLevelError).join("; ")}`);
    return r.level;
  })
  .sort((a, b) => a.spec.order - b.spec.order || (a.metadata.name < b.metadata.name ? -1 : 1));

/** A level by name. */
export function levelNamed(name: string): Level | undefined {
  return LEVELS.find((l) => l.metadata.name === name);
}

/** The match a level runs: its scenario and seed, the scheduled chaos only when the level asks for it (the steps bring their own), its time limit. */
export function levelMatchOptions(level: Level): MatchOptions {
  return {
    scenario: level.spec.scenario,
    seed: level.spec.seed,
    clock: level.spec.clock,
    difficulty: level.spec.others === "bots" ? "bots" : "standard",
    durationSeconds: Math.round(level.spec.minutes * 60),
    chaos: level.spec.chaos,
  };
}
