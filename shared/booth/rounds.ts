/**
 * A booth round: a solo match with the booth's options (the visitor holds one role, the
 * difficulty decides who plays the others), and the check that a round's log is one — the
 * same check for a round played on the server (read from the store) and a round played
 * offline in the browser (uploaded). The server then replays the log with the shared sim
 * for the score: a client's claimed score is never read.
 */
import { botActor, looksLikeBot, unheldModeFor, type MatchLog, type MatchOptions } from "../match";
import { checkIntentRole, ROLES, TICK_SECONDS, type Role, type RoleMode } from "../sim";
import { MAX_INTENTS_PER_TICK } from "../protocol";
import type { BoothCheck } from "./settings";
import type { BoothSettings } from "./types";

/** The game clock of booth rounds (DESIGN: arcade shows every effect in minutes). */
export const BOOTH_CLOCK = "arcade";

/** The options of a booth round with `seed` (chaos on: the scenario's seeded schedule runs). */
export function boothMatchOptions(settings: BoothSettings, seed: number): MatchOptions {
  return {
    scenario: settings.scenario,
    seed: seed >>> 0,
    clock: BOOTH_CLOCK,
    difficulty: settings.difficulty,
    durationSeconds: settings.durationSeconds,
    chaos: true,
  };
}

/** The tick a round of `durationSeconds` ends on. */
export function lastTickOf(durationSeconds: number): number {
  return Math.round(durationSeconds / TICK_SECONDS);
}

/** The world mode of each role while a visitor holds `role`: theirs manual, the others as the difficulty says. */
export function boothModes(settings: Pick<BoothSettings, "difficulty">, role: Role): Record<Role, RoleMode> {
  const unheld: RoleMode = unheldModeFor(settings.difficulty) === "autopilot" ? "autopilot" : "manual";
  const out = {} as Record<Role, RoleMode>;
  for (const r of ROLES) out[r] = r === role ? "manual" : unheld;
  return out;
}

const ok = <T>(value: T): BoothCheck<T> => ({ ok: true, value });
const no = <T>(error: string): BoothCheck<T> => ({ ok: false, error });

/**
 * Whether `log` is a whole booth round under `settings` in which the visitor held `role`:
 * the booth's options (any seed), played to its last tick, no chaos injected by hand, the
 * role modes the booth sets from the first tick on and never changed, bots acting only for
 * roles a bot plays, and every other intent from one visitor in `role`. `initialModes` is
 * the world's modes before the first tick (the scenario's). Returns the visitor's actor
 * ("" when they did nothing).
 */
export function checkBoothLog(
  log: MatchLog,
  settings: BoothSettings,
  role: Role,
  initialModes: Readonly<Record<Role, RoleMode>>,
): BoothCheck<string> {
  const want = boothMatchOptions(settings, log.options.seed);
  for (const key of Object.keys(want) as (keyof MatchOptions)[])
    if (key !== "seed" && log.options[key] !== want[key])
      return no(`the round's ${key} is ${String(log.options[key])}, the booth's is ${String(want[key])}`);
  const last = lastTickOf(settings.durationSeconds);
  if (!log.end || log.end.tick !== last) return no(`the round did not run to its end (tick ${last})`);
  const modes = boothModes(settings, role);
  const changes: Partial<Record<Role, RoleMode>> = {};
  for (const r of ROLES) if (modes[r] !== initialModes[r]) changes[r] = modes[r];
  const bots = new Set(
    unheldModeFor(settings.difficulty) === "bot" ? ROLES.filter((r) => r !== role).map(botActor) : [],
  );
  let visitor = "";
  for (const t of log.ticks) {
    if (t.tick > last) return no(`the log runs past the round's end (tick ${t.tick})`);
    if (t.injections?.length) return no(`chaos was injected by hand at tick ${t.tick}`);
    if (t.modes && (t.tick !== 1 || !sameModes(t.modes, changes)))
      return no(`role modes changed at tick ${t.tick}: a booth round keeps the booth's`);
    if (t.tick === 1 && !t.modes && Object.keys(changes).length > 0)
      return no("the round did not start with the booth's role modes");
    let mine = 0;
    for (const q of t.intents ?? []) {
      if (bots.has(q.actor)) {
        if (q.actor !== botActor(q.role)) return no(`${q.actor} acted for ${q.role}`);
        continue;
      }
      if (q.role !== role) return no(`an intent for ${q.role} at tick ${t.tick}: the visitor played ${role}`);
      if (looksLikeBot(q.actor)) return no(`${q.actor.slice(0, 40)} is not a bot of this round`);
      if (visitor && q.actor !== visitor) return no("more than one person acted in the round");
      const why = checkIntentRole(q.intent, role);
      if (why) return no(why);
      // A person's intake takes MAX_INTENTS_PER_TICK a tick; a log with more was not played by hand.
      if (++mine > MAX_INTENTS_PER_TICK)
        return no(`more than ${MAX_INTENTS_PER_TICK} intents at tick ${t.tick}`);
      visitor = q.actor;
    }
  }
  if (log.ticks.length === 0 && Object.keys(changes).length > 0)
    return no("the round did not start with the booth's role modes");
  return ok(visitor);
}

function sameModes(a: Partial<Record<Role, RoleMode>>, b: Partial<Record<Role, RoleMode>>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k as Role] === b[k as Role]);
}
