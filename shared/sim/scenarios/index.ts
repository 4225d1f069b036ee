/** The scenario registry and `createWorld`. */
import { createWorldFrom, type ScenarioDefinition, type WorldOptions } from "./scenario";
import { nmt, nmtFull, nmtTraditional } from "./nmt";
import type { World } from "../world";

/** Every scenario by name. */
export const SCENARIOS: Record<string, ScenarioDefinition> = {
  [nmt.name]: nmt,
  [nmtTraditional.name]: nmtTraditional,
  [nmtFull.name]: nmtFull,
};

/** The scenario names. */
export const SCENARIO_NAMES = Object.keys(SCENARIOS);

/** A scenario's world, brought up and steady at time 0. */
export function createWorld(opts: WorldOptions): World {
  return createWorldFrom(SCENARIOS, opts);
}
