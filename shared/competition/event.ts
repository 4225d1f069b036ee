/**
 * A competition's options and the facilitator's control messages, validated (pure). Bad
 * input gets a sentence and changes nothing; the match options themselves are the match's
 * (validateRoomOptions), shared by every team so they all play the same seeded chaos.
 */
import { ErrorCode, isSafeText, validateInject, validateRoomOptions, type Validation } from "../protocol";
import { foldKey } from "../match/actors";
import { EVENT_MOVE_NAMES, type EventMove } from "./clock";
import { EventErrorCode, type Control } from "./messages";

export type { Control } from "./messages";

/** Fewest and most teams an event may start with. */
export const TEAM_LIMITS = { min: 2, max: 20 } as const;
/** Longest event and team name (characters). */
export const MAX_EVENT_NAME = 40;

/** What the facilitator asks for when creating an event (match options are passed through). */
export interface EventOptions {
  name: string;
  /** Teams created with the event (0 with open sign-up). */
  teams: number;
  /** Open sign-up (`teams: 0`): players create teams by name, up to TEAM_LIMITS.max. */
  signup: boolean;
}

/** Error code of a control message from a page without the facilitator key. */
export const NOT_FACILITATOR = EventErrorCode.NOT_FACILITATOR;

const fail = <T>(message: string): Validation<T> => ({
  ok: false,
  error: { code: ErrorCode.BAD_PAYLOAD, message },
});

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Validates the event's own options (`name`, `teams`) and the match options every team shares. */
export function validateEventOptions(raw: unknown): Validation<EventOptions> {
  if (!isObject(raw)) return fail("event options: expected an object");
  const { name, teams, ...match } = raw;
  const m = validateRoomOptions(match);
  if (!m.ok) return m as Validation<EventOptions>;
  const n = name ?? "Competition";
  if (typeof n !== "string" || n.trim() === "" || n.length > MAX_EVENT_NAME || !isSafeText(n))
    return fail(`"name" must be 1–${MAX_EVENT_NAME} plain characters`);
  const t = teams ?? TEAM_LIMITS.min;
  if (
    typeof t !== "number" ||
    !Number.isInteger(t) ||
    (t !== 0 && (t < TEAM_LIMITS.min || t > TEAM_LIMITS.max))
  )
    return fail(
      `"teams" must be a whole number from ${TEAM_LIMITS.min} to ${TEAM_LIMITS.max}, or 0 for open sign-up`,
    );
  return { ok: true, value: { name: n.trim(), teams: t, signup: t === 0 } };
}

/** Validates a team name: 1–{@link MAX_EVENT_NAME} plain characters; returns it trimmed. */
export function validateTeamName(raw: unknown): Validation<string> {
  if (typeof raw !== "string") return fail(`"name" must be a team name`);
  const name = raw.trim();
  if (name === "" || !isSafeText(name)) return fail(`"name" must be 1–${MAX_EVENT_NAME} plain characters`);
  if ([...name].length > MAX_EVENT_NAME)
    return {
      ok: false,
      error: { code: ErrorCode.TOO_LONG, message: `"name" is over ${MAX_EVENT_NAME} characters` },
    };
  return { ok: true, value: name };
}

/** Whether two team names are the same team's (ignoring case and lookalike letters, as player names are). */
export function sameTeamName(a: string, b: string): boolean {
  return foldKey(a.trim()) === foldKey(b.trim());
}

/** A team code as a control message names it. */
function teamCode(raw: unknown): raw is string {
  return typeof raw === "string" && raw.length > 0 && raw.length <= 16;
}

/** Validates a control message's payload after the key was checked (`key` itself is not part of it). */
export function validateControl(raw: unknown): Validation<Control> {
  if (!isObject(raw)) return fail("control: expected an object");
  if (raw.kind === "move") {
    if (!(EVENT_MOVE_NAMES as unknown[]).includes(raw.move))
      return fail(`"move" must be one of ${EVENT_MOVE_NAMES.join(", ")}`);
    return { ok: true, value: { kind: "move", move: raw.move as EventMove } };
  }
  if (raw.kind === "inject") {
    const inj = validateInject({
      type: raw.type,
      ...(raw.target !== undefined ? { target: raw.target } : {}),
    });
    if (!inj.ok) return inj as Validation<Control>;
    if (raw.team !== undefined && !teamCode(raw.team)) return fail(`"team" must be a team code`);
    return {
      ok: true,
      value: {
        kind: "inject",
        ...inj.value,
        ...(raw.team !== undefined ? { team: raw.team as string } : {}),
      },
    };
  }
  if (raw.kind === "addTeam" || raw.kind === "renameTeam") {
    const name = validateTeamName(raw.name);
    if (!name.ok) return name as Validation<Control>;
    if (raw.kind === "addTeam") return { ok: true, value: { kind: "addTeam", name: name.value } };
    if (!teamCode(raw.team)) return fail(`"team" must be a team code`);
    return { ok: true, value: { kind: "renameTeam", team: raw.team, name: name.value } };
  }
  if (raw.kind === "removeTeam") {
    if (!teamCode(raw.team)) return fail(`"team" must be a team code`);
    return { ok: true, value: { kind: "removeTeam", team: raw.team } };
  }
  return fail(`"kind" must be one of move, inject, addTeam, renameTeam, removeTeam`);
}
