/** The scenario registry (the built-in scenario files, parsed) and `createWorld`. */
import { BUILTIN_SCENARIO_FILES } from "./builtin.generated";
import { formatScenarioError, parseScenarioYaml } from "./load-yaml";
import {
  createWorldFrom,
  InvalidWorldOptionsError,
  type ScenarioDefinition,
  type WorldOptions,
} from "./scenario";
import type { World } from "../world";

/** The order the built-in scenarios are listed in (others follow by name). */
const BUILTIN_ORDER = ["nmt", "nmt-traditional", "nmt-full"];

/** The built-in scenarios, parsed from their embedded files (a broken one is a build error). */
function builtins(): Record<string, ScenarioDefinition> {
  const parsed: ScenarioDefinition[] = [];
  for (const [file, text] of Object.entries(BUILTIN_SCENARIO_FILES)) {
    const r = parseScenarioYaml(text, file);
    if (!r.ok) throw new Error(`built-in scenario ${r.errors.map(formatScenarioError).join("; ")}`);
    parsed.push(r.scenario);
  }
  const rank = (n: string) => (BUILTIN_ORDER.includes(n) ? BUILTIN_ORDER.indexOf(n) : BUILTIN_ORDER.length);
  parsed.sort((a, b) => rank(a.name) - rank(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return Object.fromEntries(parsed.map((d) => [d.name, d]));
}

/** Every built-in scenario by name. */
export const SCENARIOS: Record<string, ScenarioDefinition> = builtins();

/** The built-in scenario names. */
export const SCENARIO_NAMES = Object.keys(SCENARIOS);

/**
 * A scenario's world, brought up and steady at time 0: a built-in by name, or — when
 * `scenarioFile` is given — the scenario that file describes (an invalid file throws
 * {@link InvalidWorldOptionsError} naming its first errors).
 */
export function createWorld(opts: WorldOptions): World {
  if (opts.scenarioFile === undefined) return createWorldFrom(SCENARIOS, opts);
  const r = parseScenarioYaml(opts.scenarioFile.text, opts.scenarioFile.name);
  if (!r.ok)
    throw new InvalidWorldOptionsError(
      `invalid scenario file: ${r.errors.slice(0, 3).map(formatScenarioError).join("; ")}`,
    );
  return createWorldFrom({ [r.scenario.name]: r.scenario }, { ...opts, scenario: r.scenario.name });
}
