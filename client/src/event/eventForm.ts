/**
 * The "Run a competition" form, pure: what the facilitator typed and chose, checked and
 * turned into the event room's create options. Each mistake names its field in the
 * player's language; the server validates the same limits again.
 */
import { MAX_DURATION_SECONDS } from "../../../shared/protocol/messages";
import { MAX_EVENT_NAME, TEAM_LIMITS } from "../../../shared/competition";
import type { MessageKey } from "../i18n/en";
import { createOptionsFor, defaultChoices, type MatchChoices } from "../matchOptions";
import type { EventCreateOptions } from "../../../shared/competition/messages";

/** Shortest match a competition may run (seconds; the server's own lower bound). */
export const MIN_DURATION_SECONDS = 10;
/** Highest seed the server accepts. */
export const MAX_SEED = 0xffffffff;

/** The form as typed: text fields are strings, choices are the Menu's. */
export interface EventForm extends MatchChoices {
  name: string;
  /** Number of teams (text as typed); ignored with open sign-up. */
  teams: string;
  /** Open sign-up: no team at first, players create theirs by name. */
  signup: boolean;
  /** Match length in minutes (text as typed; decimals allowed). */
  minutes: string;
  /** The seed, blank for a random one. */
  seed: string;
}

/** A fresh form: the Menu's defaults, four teams, three minutes, a random seed. */
export function defaultEventForm(): EventForm {
  return { ...defaultChoices(), name: "", teams: "4", signup: false, minutes: "3", seed: "" };
}

/** The create options for a form, or which field is wrong (a message key and its parameters). */
export type EventFormResult =
  | { ok: true; value: EventCreateOptions }
  | { ok: false; error: MessageKey; params: Record<string, string | number> };

/** Checks the form and builds the create options. */
export function eventCreateOptions(form: EventForm): EventFormResult {
  const name = form.name.trim();
  if (name.length === 0 || name.length > MAX_EVENT_NAME)
    return { ok: false, error: "event.form.badName", params: { max: MAX_EVENT_NAME } };
  const teams = form.signup ? 0 : Number(form.teams.trim());
  if (
    !form.signup &&
    (!/^\d+$/.test(form.teams.trim()) || teams < TEAM_LIMITS.min || teams > TEAM_LIMITS.max)
  )
    return {
      ok: false,
      error: "event.form.badTeams",
      params: { min: TEAM_LIMITS.min, max: TEAM_LIMITS.max },
    };
  const minutes = Number(form.minutes.trim().replace(",", "."));
  const seconds = Math.round(minutes * 60);
  if (
    form.minutes.trim() === "" ||
    !Number.isFinite(minutes) ||
    seconds < MIN_DURATION_SECONDS ||
    seconds > MAX_DURATION_SECONDS
  )
    return {
      ok: false,
      error: "event.form.badLength",
      params: { min: MIN_DURATION_SECONDS, max: MAX_DURATION_SECONDS / 60 },
    };
  const seedText = form.seed.trim();
  const value: EventCreateOptions = {
    ...createOptionsFor(form),
    name,
    teams,
    durationSeconds: seconds,
  };
  if (seedText !== "") {
    if (!/^\d+$/.test(seedText) || Number(seedText) > MAX_SEED)
      return { ok: false, error: "event.form.badSeed", params: { max: MAX_SEED } };
    value.seed = Number(seedText);
  }
  return { ok: true, value };
}
