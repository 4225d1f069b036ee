/**
 * The cross-team debrief of a competition, as `GET /api/events/:code` returns it and the
 * debrief screen, the board's fallback and the exports read it. Everything here is
 * computed from what the results store keeps (the event, each team's stored match and its
 * match log) by pure functions (debriefOf.ts), so a debrief reads the same before and
 * after a server restart.
 */
import type { MatchOptions } from "../match";
import type { Intent, Role } from "../sim";
import type { EventPhase } from "./clock";

/**
 * Where a stored event's games stand, from its teams' stored matches: no team started yet,
 * some still running, every one finished, or at least one cut short (a restart, the room
 * closed mid-round).
 */
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];

/** The outcomes, in the order above. */
export const EVENT_OUTCOMES = ["not started", "in progress", "finished", "interrupted"] as const;

/** One row of `GET /api/events` (newest first). */
export interface EventListEntry {
  /** The store's id of the event (12 URL-safe characters); `GET /api/events/:id` takes it too. */
  id: string;
  /** The event code (the event room's id); codes may be reused later, the newest event wins. */
  code: string;
  name: string;
  scenario: string;
  /** Wall time (ms since the epoch) the event was created, started (start all) and ended (end all), null until then. */
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  /** How many teams the event has. */
  teams: number;
  /** The facilitator's last clock move as stored (`lobby` until start all). */
  phase: EventPhase;
  /** Where its teams' games stand (see {@link EventOutcome}). */
  outcome: EventOutcome;
}

/** A page of `GET /api/events`. */
export interface EventListPage {
  total: number;
  limit: number;
  offset: number;
  events: EventListEntry[];
}

/** The event as the debrief shows it: its list entry and the match options every team played with (seed included). */
export interface DebriefEvent extends EventListEntry {
  options: MatchOptions;
}

/** A stored team match's status, or `not started` when the team never ran a tick. */
export type TeamMatchStatus = "not started" | "running" | "finished" | "interrupted";

/** One player of a team with the points the score gave them. */
export interface DebriefPlayer {
  name: string;
  /** The stable actor id the match log names (a seat, or `bot:<role>`). */
  actor: string;
  /** The role held at the end ("" when watching). */
  role: string;
  isBot: boolean;
  points: number;
  /** Intents judged to have restored availability, and to have hurt it. */
  restored: number;
  broke: number;
}

/** One team, ranked by the competition's rules (ranking.ts) on its stored result. */
export interface DebriefTeam {
  /** The team code (its match room's id). */
  teamId: string;
  name: string;
  /** Its place (tied teams share one); null for a team that never played (listed last). */
  rank: number | null;
  /** The stored match of this team, null when it never ran a tick. */
  matchId: string | null;
  status: TeamMatchStatus;
  /** Game seconds its score covers. */
  time: number;
  /** Share of requests that succeeded (0..1), null when it never played. */
  availability: number | null;
  /** Share of the error budget left (1 untouched, ≤ 0 blown), null when it never played. */
  errorBudgetRemaining: number | null;
  /** Mean seconds to recover of its closed incidents, null when none closed. */
  mttrSeconds: number | null;
  openIncidents: number;
  /** Accepted intents (people's and bots'). */
  actions: number;
  teamPoints: number;
  /** People first, each group by points (most first). */
  players: DebriefPlayer[];
}

/** A chaos event on the shared timeline: every team whose game it hit, at one game time. */
export interface ChaosMark {
  /** Game seconds it fired at, and the whole game second that contains it. */
  at: number;
  second: number;
  type: string;
  target?: string;
  /** `schedule` (the seeded chaos every team gets) or `injected` (the facilitator's). */
  source: string;
  /** The codes of the teams it hit (every team, unless injected into one). */
  teams: string[];
}

/** How one team came out of one incident. */
export interface IncidentTeamRow {
  teamId: string;
  /** `recovered` after `recoveredAfter` seconds, `not recovered` by the end of its game, or `not affected` (the chaos never hit it). */
  outcome: "recovered" | "not recovered" | "not affected";
  recoveredAfter: number | null;
}

/** The intent that ended an incident, as the match log has it. */
export interface EndingIntent {
  /** Game seconds it was applied at. */
  at: number;
  /** The player's name (or the bot's actor), their actor id and the role that sent it. */
  player: string;
  actor: string;
  role: Role;
  intent: Intent;
  /** What a person would type for it (the intent registry's kubectl text; "" when only a controller does it). */
  kubectl: string;
  /** Points the score gave it. */
  points: number;
}

/**
 * What the fastest team did about one incident: the first of its intents, from the chaos
 * to the recovery, that the score judged to have restored availability. `move` is null
 * when none did (the control loops on autopilot healed it).
 */
export interface BestTeamMove {
  teamId: string;
  teamName: string;
  recoveredAfter: number;
  move: EndingIntent | null;
}

/** One incident (one chaos event) across the teams. */
export interface DebriefIncident extends ChaosMark {
  /** 1-based, in game-time order. */
  index: number;
  /** `type` or `type:target`, as a team's score names the incident. */
  cause: string;
  /** A row per team, in the teams' ranked order. */
  rows: IncidentTeamRow[];
  /** What the fastest team to recover did; null when no team recovered. */
  best: BestTeamMove | null;
}

/** One team's availability per game second (index = second; 0..1, 4 decimals; 1 in a second without requests). */
export interface TeamAvailability {
  teamId: string;
  perSecond: number[];
}

/** The whole cross-team debrief of an event (`GET /api/events/:code`, and `?format=json` as a download). */
export interface EventDebrief {
  event: DebriefEvent;
  /** Ranked, best first. */
  teams: DebriefTeam[];
  /** Every chaos event on the shared timeline, by game time. */
  chaos: ChaosMark[];
  /** Per chaos event: each team's recovery and what the best team did. */
  incidents: DebriefIncident[];
  /** Per team (in ranked order): availability per game second, for the chart. */
  availability: TeamAvailability[];
}
