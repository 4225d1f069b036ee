/**
 * The booth's settings: defaults, and the check of an operator's change. A bad field is
 * refused with a sentence naming it, and nothing changes. Whether a time zone exists is
 * the caller's question (`knownTimeZone`): the server asks Intl, shared code stays pure.
 */
import { SCENARIO_NAMES, ROLES, type Role } from "../sim";
import { DIFFICULTIES, MAX_DURATION_SECONDS, findUnsafe, type Difficulty } from "../protocol";
import { ROLE_CHOICE, type BoothSettings, type RoleOffer } from "./types";

/** Shortest booth round (game seconds): short rounds are for rehearsals and tests. */
export const MIN_ROUND_SECONDS = 10;
/** Most words in a blocklist. */
export const MAX_BLOCKED_WORDS = 500;
/** Longest blocked word, in characters. */
export const MAX_BLOCKED_WORD = 40;

/** Settings before the operator changes any: the DESIGN's 3-minute round, player's choice of role. */
export const DEFAULT_BOOTH_SETTINGS: Readonly<BoothSettings> = {
  scenario: "nmt",
  role: ROLE_CHOICE,
  durationSeconds: 180,
  // Bots fill the roles the visitor does not hold, playing through intents as a person would.
  difficulty: "bots",
  timeZone: "UTC",
  blocklist: ["fuck", "shit", "cunt", "nigger", "faggot", "nazi", "hitler"],
};

/** A field check: the new value, or why it is refused. */
export type BoothCheck<T> = { ok: true; value: T } | { ok: false; error: string };

const FIELDS = ["scenario", "role", "durationSeconds", "difficulty", "timeZone", "blocklist"] as const;

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * `current` with the fields of `patch` changed, when every field is valid; otherwise the
 * first refusal. Unknown fields are refused too (a typo must not pass silently).
 */
export function applySettingsPatch(
  current: BoothSettings,
  patch: unknown,
  knownTimeZone: (tz: string) => boolean,
): BoothCheck<BoothSettings> {
  if (!isObj(patch)) return { ok: false, error: "settings must be a JSON object" };
  const next: BoothSettings = { ...current, blocklist: [...current.blocklist] };
  for (const [key, v] of Object.entries(patch)) {
    switch (key as (typeof FIELDS)[number]) {
      case "scenario":
        if (typeof v !== "string" || !(SCENARIO_NAMES as readonly string[]).includes(v))
          return { ok: false, error: `scenario must be one of ${SCENARIO_NAMES.join(", ")}` };
        next.scenario = v;
        break;
      case "role":
        if (v !== ROLE_CHOICE && !(ROLES as readonly unknown[]).includes(v))
          return { ok: false, error: `role must be ${ROLE_CHOICE} or one of ${ROLES.join(", ")}` };
        next.role = v as RoleOffer;
        break;
      case "durationSeconds":
        if (!Number.isInteger(v) || (v as number) < MIN_ROUND_SECONDS || (v as number) > MAX_DURATION_SECONDS)
          return {
            ok: false,
            error: `durationSeconds must be a whole number from ${MIN_ROUND_SECONDS} to ${MAX_DURATION_SECONDS}`,
          };
        next.durationSeconds = v as number;
        break;
      case "difficulty":
        if (!(DIFFICULTIES as readonly unknown[]).includes(v))
          return { ok: false, error: `difficulty must be one of ${DIFFICULTIES.join(", ")}` };
        next.difficulty = v as Difficulty;
        break;
      case "timeZone":
        if (typeof v !== "string" || v.length > 64 || !knownTimeZone(v))
          return { ok: false, error: `timeZone must be an IANA time zone such as Europe/Berlin or UTC` };
        next.timeZone = v;
        break;
      case "blocklist": {
        const words = checkBlocklist(v);
        if (!words.ok) return words;
        next.blocklist = words.value;
        break;
      }
      default:
        return { ok: false, error: `unknown setting "${key.slice(0, 40)}" (known: ${FIELDS.join(", ")})` };
    }
  }
  return { ok: true, value: next };
}

function checkBlocklist(v: unknown): BoothCheck<string[]> {
  if (!Array.isArray(v) || v.length > MAX_BLOCKED_WORDS)
    return { ok: false, error: `blocklist must be a list of at most ${MAX_BLOCKED_WORDS} words` };
  const out: string[] = [];
  for (const w of v) {
    if (typeof w !== "string" || w.trim() === "" || [...w].length > MAX_BLOCKED_WORD || findUnsafe(w))
      return {
        ok: false,
        error: `blocklist words must be visible text of 1 to ${MAX_BLOCKED_WORD} characters`,
      };
    out.push(w.trim());
  }
  return { ok: true, value: [...new Set(out)] };
}

/** The role a visitor plays: the booth's, or the visitor's pick when the booth offers a choice. */
export function roleFor(settings: Pick<BoothSettings, "role">, pick: Role): Role {
  return settings.role === ROLE_CHOICE ? pick : settings.role;
}
