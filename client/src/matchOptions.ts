/**
 * What the Menu lets a facilitator choose when creating a match: the scenario, the game
 * clock, and who plays the empty roles (the difficulty). Pure data; the server validates
 * the same names (`validateRoomOptions`, `SCENARIO_NAMES`) and a unit test keeps them in step.
 */
import type { ClockName } from "../../shared/sim/clock";
import type { CreateOptions, Difficulty, ScenarioFileOption } from "../../shared/protocol/messages";

/** Scenarios offered by the Menu, first = the server's default. */
export const SCENARIO_CHOICES = ["nmt", "nmt-traditional", "nmt-full"] as const;
/** Clocks offered by the Menu, first = the server's default. */
export const CLOCK_CHOICES = ["arcade", "realistic"] as const satisfies readonly ClockName[];
/** Difficulties offered by the Menu (who plays empty roles), first = the server's default. */
export const DIFFICULTY_CHOICES = ["standard", "bots", "hard"] as const satisfies readonly Difficulty[];
/** Chaos settings offered by the Menu: the scenario's seeded schedule, or a practice round (injections only). */
export const CHAOS_CHOICES = ["scheduled", "off"] as const;

/** The facilitator's choices for a new match. */
export interface MatchChoices {
  scenario: (typeof SCENARIO_CHOICES)[number];
  clock: (typeof CLOCK_CHOICES)[number];
  difficulty: (typeof DIFFICULTY_CHOICES)[number];
  chaos: (typeof CHAOS_CHOICES)[number];
  /** A scenario file the facilitator loaded (scenarioUpload.ts): played instead of `scenario` while set. */
  scenarioFile?: LoadedScenarioFile;
}

/** A scenario file that passed the loader in the page (the server checks it again). */
export interface LoadedScenarioFile {
  /** What travels to the server. */
  file: ScenarioFileOption;
  /** The scenario's name and description, from its header. */
  scenario: string;
  description: string;
  /** The fields the game ignores (`file:line: Kind ns/name: field`). */
  ignored: string[];
}

/** The defaults: the same match the server creates without options. */
export function defaultChoices(): MatchChoices {
  return {
    scenario: SCENARIO_CHOICES[0],
    clock: CLOCK_CHOICES[0],
    difficulty: DIFFICULTY_CHOICES[0],
    chaos: CHAOS_CHOICES[0],
  };
}

/** The create options for the choices. */
export function createOptionsFor(c: MatchChoices): CreateOptions {
  const played = c.scenarioFile ? { scenarioFile: { ...c.scenarioFile.file } } : { scenario: c.scenario };
  return { ...played, clock: c.clock, difficulty: c.difficulty, chaos: c.chaos === "scheduled" };
}

/** The next (dir 1) or previous (dir -1) value of a choice list, wrapping around. */
export function cycle<T>(list: readonly T[], current: T, dir: 1 | -1): T {
  const i = list.indexOf(current);
  return list[((((i < 0 ? 0 : i) + dir) % list.length) + list.length) % list.length]!;
}

/**
 * Create options a page's URL adds: `?duration=` (game seconds of the running phase) and
 * `?seed=` (the same chaos for every team of a competition). The server validates both.
 */
export function urlCreateOptions(search: string): Pick<CreateOptions, "durationSeconds" | "seed"> {
  const params = new URLSearchParams(search);
  const out: Pick<CreateOptions, "durationSeconds" | "seed"> = {};
  const int = (name: string) => {
    const raw = params.get(name);
    return raw !== null && /^\d+$/.test(raw) ? Number(raw) : undefined;
  };
  const duration = int("duration");
  const seed = int("seed");
  if (duration !== undefined) out.durationSeconds = duration;
  if (seed !== undefined) out.seed = seed;
  return out;
}
