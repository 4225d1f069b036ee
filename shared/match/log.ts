/**
 * The match log: everything that enters a match — its options, and for each tick the role
 * modes that changed, the chaos injected and every intent (people's and bots') with its
 * actor. Append-only and plain JSON: replaying it through `runTick` rebuilds the match bit
 * for bit, which replays, crash recovery and fair competitions rest on.
 */
import { CHAOS_TYPES, ROLES, type QueuedIntent, type Role, type RoleMode } from "../sim";
import { validateIntent, type Validation } from "../protocol";
import type { MatchOptions } from "./options";
import { resolveMatchOptions } from "./options";

/** The log format's version; a reader refuses any other. */
export const MATCH_LOG_FORMAT = 1;

/** A chaos injection as it entered a tick. */
export interface LoggedInjection {
  actor: string;
  type: string;
  target?: string;
}

/** The inputs of one tick (only ticks with inputs are logged). */
export interface LogTick {
  /** The world's tick number this entry produced (1 = the first running tick). */
  tick: number;
  /** Roles whose world mode changed before this tick. */
  modes?: Partial<Record<Role, RoleMode>>;
  injections?: LoggedInjection[];
  /** Every intent `step` received this tick, in order: bots' first, then people's. */
  intents?: QueuedIntent[];
}

/** A whole round of a match. */
export interface MatchLog {
  format: typeof MATCH_LOG_FORMAT;
  options: MatchOptions;
  /** 1 for the first round, +1 per restart. */
  round: number;
  ticks: LogTick[];
  /** Set when the round ended: its last tick and the world's stateHash then. */
  end?: { tick: number; stateHash: string };
}

/** A new, empty log for a round. */
export function newMatchLog(options: MatchOptions, round: number): MatchLog {
  return { format: MATCH_LOG_FORMAT, options: { ...options }, round, ticks: [] };
}

/** Whether a tick entry carries any input worth logging. */
export function hasInputs(t: LogTick): boolean {
  return !!(t.modes && Object.keys(t.modes).length) || !!t.injections?.length || !!t.intents?.length;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const bad = (message: string): Validation<MatchLog> => ({
  ok: false,
  error: { code: "BAD_PAYLOAD", message: `match log: ${message}` },
});

/** Checks a log read from a file or a store before it is replayed: shape, options, every intent. */
export function validateMatchLog(raw: unknown): Validation<MatchLog> {
  if (!isObj(raw)) return bad("expected a JSON object");
  if (raw.format !== MATCH_LOG_FORMAT) return bad(`format must be ${MATCH_LOG_FORMAT}`);
  const opts = resolveMatchOptions(raw.options, () => 0);
  if (!opts.ok) return bad(`options: ${opts.error.message}`);
  if (!isObj(raw.options) || typeof raw.options.seed !== "number") return bad("options.seed is missing");
  if (!Number.isInteger(raw.round) || (raw.round as number) < 1)
    return bad("round must be a positive integer");
  if (!Array.isArray(raw.ticks)) return bad("ticks must be an array");
  const ticks: LogTick[] = [];
  let last = 0;
  for (const [i, t] of raw.ticks.entries()) {
    if (!isObj(t) || !Number.isInteger(t.tick) || (t.tick as number) <= last)
      return bad(`ticks[${i}].tick must be an integer above the previous one`);
    last = t.tick as number;
    const entry: LogTick = { tick: last };
    if (t.modes !== undefined) {
      if (!isObj(t.modes)) return bad(`ticks[${i}].modes must be an object`);
      const modes: Partial<Record<Role, RoleMode>> = {};
      for (const [role, mode] of Object.entries(t.modes)) {
        if (!(ROLES as readonly string[]).includes(role) || (mode !== "autopilot" && mode !== "manual"))
          return bad(`ticks[${i}].modes: ${role}=${String(mode)} is not a role mode`);
        modes[role as Role] = mode;
      }
      entry.modes = modes;
    }
    if (t.injections !== undefined) {
      if (!Array.isArray(t.injections)) return bad(`ticks[${i}].injections must be an array`);
      entry.injections = [];
      for (const inj of t.injections) {
        if (!isObj(inj) || typeof inj.actor !== "string" || typeof inj.type !== "string")
          return bad(`ticks[${i}].injections: each needs an actor and a type`);
        if (!(CHAOS_TYPES as readonly string[]).includes(inj.type))
          return bad(`ticks[${i}].injections: unknown chaos type "${inj.type.slice(0, 40)}"`);
        if (inj.target !== undefined && typeof inj.target !== "string")
          return bad(`ticks[${i}].injections: target must be a string`);
        entry.injections.push({
          actor: inj.actor,
          type: inj.type,
          ...(inj.target !== undefined ? { target: inj.target as string } : {}),
        });
      }
    }
    if (t.intents !== undefined) {
      if (!Array.isArray(t.intents)) return bad(`ticks[${i}].intents must be an array`);
      entry.intents = [];
      for (const q of t.intents) {
        if (
          !isObj(q) ||
          typeof q.actor !== "string" ||
          !(ROLES as readonly string[]).includes(q.role as string)
        )
          return bad(`ticks[${i}].intents: each needs an actor and a role`);
        const v = validateIntent(q.intent);
        if (!v.ok) return bad(`ticks[${i}].intents: ${v.error.message}`);
        entry.intents.push({ actor: q.actor, role: q.role as Role, intent: v.value });
      }
    }
    ticks.push(entry);
  }
  const log: MatchLog = { format: MATCH_LOG_FORMAT, options: opts.value, round: raw.round as number, ticks };
  if (raw.end !== undefined) {
    if (!isObj(raw.end) || !Number.isInteger(raw.end.tick) || typeof raw.end.stateHash !== "string")
      return bad("end must be { tick, stateHash }");
    if ((raw.end.tick as number) < last) return bad("end.tick is before the last logged tick");
    log.end = { tick: raw.end.tick as number, stateHash: raw.end.stateHash };
  }
  return { ok: true, value: log };
}
