/**
 * Every message of a competition, as the pages see them: what a page in the event room
 * (`client.joinById(eventCode)`) receives and sends, the answers it gets, and the notice a
 * team page gets when its team or event goes away. The event room is the server side
 * (server/rooms/EventRoom.ts); these are the types the console, board and join screens use.
 *
 * A page that (re)loads gets, on joining the event room: `roster` (every team), `board` and
 * `history` (the chart so far); the creator's page first gets `facilitator` (the key, shown
 * once). Then once a second a `board`, preceded by a `roster` of only the teams whose entry
 * changed (mergeRoster: merge by `teamId`, drop the ids in `removed`). The chart keeps
 * growing from the board rows: see {@link History}.
 */
import type { CreateOptions, UnheldMode } from "../protocol";
import type { Role } from "../sim";
import type { BoardRow } from "./board";
import type { EventPhase } from "./clock";
import type { EventMove } from "./clock";

/** The event room's message types. */
export const EventMessage = {
  /** Server → the creator's page, once: {@link FacilitatorKey}. */
  facilitator: "facilitator",
  /** Server → every page: {@link Roster} (all teams on join, then the teams that changed). */
  roster: "roster",
  /** Server → every page, once a second: {@link Board}. */
  board: "board",
  /** Server → a page that joins: {@link History}. */
  history: "history",
  /** Page → server: a {@link ControlMessage} (needs the facilitator key). */
  control: "control",
  /** Page → server: a {@link FindTeam} (a player looking for, or signing up, a team). */
  findTeam: "findTeam",
  /** Server → the page that sent `findTeam`: {@link TeamFound}. */
  team: "team",
  /** Server → the sender of a refused message: an ErrorPayload whose `ref` is the refused type. */
  error: "error",
} as const;
/** One event room message type. */
export type EventMessageType = (typeof EventMessage)[keyof typeof EventMessage];

/** Error codes of the event room besides the protocol's (BAD_PAYLOAD, TOO_LONG, WRONG_PHASE…). */
export const EventErrorCode = {
  /** A control message without the right facilitator key. */
  NOT_FACILITATOR: "NOT_FACILITATOR",
  /** No team of that name (or code), and sign-up is closed. */
  NO_SUCH_TEAM: "NO_SUCH_TEAM",
  /** Another team already has that name (compared ignoring case and lookalike letters). */
  NAME_TAKEN: "NAME_TAKEN",
  /** The event already has TEAM_LIMITS.max teams. */
  EVENT_FULL: "EVENT_FULL",
} as const;

/** Options of `client.create("event", …)`: the match options every team shares, plus the event's own. */
export interface EventCreateOptions extends CreateOptions {
  /** The event's name (1–MAX_EVENT_NAME characters; default "Competition"). */
  name?: string;
  /**
   * How many teams the event creates (`Team 1`…`Team N`, TEAM_LIMITS), or 0 for **open
   * sign-up**: no team at first, players create theirs by name with `findTeam`.
   */
  teams?: number;
}

/** `facilitator`: the facilitator key (shown once, to the page that created the event) and the event code. */
export interface FacilitatorKey {
  key: string;
  code: string;
}

/** The board everyone in the event room receives once a second (`board` message): standings only, to stay small. */
export interface Board {
  code: string;
  name: string;
  phase: EventPhase;
  serverTick: number;
  /** Ranked rows of {@link BOARD_COLUMNS} (fromBoardRow unpacks one). */
  rows: BoardRow[];
}

/** One person in a team: the roles they hold and whether they are connected (reconnecting counts as not). */
export interface RosterPlayer {
  name: string;
  roles: Role[];
  connected: boolean;
}

/** Codes of a team's warnings. */
export const TeamWarningCode = {
  /** Nobody in the team is connected (or nobody joined yet). */
  NOBODY_CONNECTED: "NOBODY_CONNECTED",
  /** No person holds this role: it is played by `playedBy` (`manual` = by nobody). */
  ROLE_UNHELD: "ROLE_UNHELD",
} as const;

/** Something the facilitator should look at in a team. */
export type TeamWarning =
  | { code: typeof TeamWarningCode.NOBODY_CONNECTED }
  | { code: typeof TeamWarningCode.ROLE_UNHELD; role: Role; playedBy: UnheldMode };

/** A chaos event as it fired in one team: game second, type, target, and whether scheduled or injected. */
export interface TeamChaos {
  at: number;
  type: string;
  target?: string;
  /** `schedule` (the seeded chaos) or `injected`. */
  source: string;
}

/** One team's roster entry: its code and name, people, chaos seen, first running tick and warnings. */
export interface RosterTeam {
  /** The team's code: players join it with `client.joinById(teamId, { name })`. */
  teamId: string;
  name: string;
  players: RosterPlayer[];
  chaos: TeamChaos[];
  /** The server tick of the team's first running tick, null before it. */
  firstRunningTick: number | null;
  warnings: TeamWarning[];
}

/**
 * A team's roster entry as a `roster` message carries it: `players` and `warnings` are left
 * out when unchanged since the last roster (keep the ones you have), so chaos landing in
 * every team does not resend every team's people. A team's first entry is always whole.
 */
export type RosterTeamUpdate = Omit<RosterTeam, "players" | "warnings"> &
  Partial<Pick<RosterTeam, "players" | "warnings">>;

/**
 * Who is in each team (`roster` message): every team, whole, to a page that joins, then only
 * the teams whose entry changed and the codes of teams removed since (mergeRoster applies one).
 */
export interface Roster {
  teams: RosterTeamUpdate[];
  removed?: string[];
}

/** One team's availability over time: `availability[s]` is its availability (as on the board) at game second `s`. */
export interface TeamSeries {
  teamId: string;
  availability: number[];
}

/**
 * The chart so far (`history`, sent to a page when it joins): the chaos marks every team
 * shares (the seeded chaos and injections into all; a one-team injection is in that team's
 * roster `chaos`), and each team's availability per game second (the stored debrief's own
 * figures). To keep the chart growing, put each board row's `second` at second
 * `floor(time) − 1` of its team's series (extendLine does it, filling a skipped second
 * with the last value).
 */
export interface History {
  serverTick: number;
  /** A round's length in game seconds: the chart's time axis. */
  durationSeconds: number;
  chaos: TeamChaos[];
  teams: TeamSeries[];
}

/** A facilitator's control action: a clock move, chaos into every team or one, or (in the lobby) a team change. */
export type Control =
  | { kind: "move"; move: EventMove }
  | { kind: "inject"; type: string; target?: string; team?: string }
  | { kind: "addTeam"; name: string }
  | { kind: "renameTeam"; team: string; name: string }
  | { kind: "removeTeam"; team: string };

/** What a page sends as `control`: an action with the facilitator key. */
export type ControlMessage = Control & { key: string };

/**
 * `findTeam`: a player looking for a team by name (ignoring case and lookalike letters); with
 * open sign-up and the event in its lobby, an unknown name creates the team.
 */
export interface FindTeam {
  name: string;
}

/** `team`: the answer to `findTeam` — join with `client.joinById(teamId, { name: playerName })`. */
export interface TeamFound {
  teamId: string;
  name: string;
  /** Whether this request created the team (open sign-up). */
  created: boolean;
}

/** The message a team page receives right before its room closes because of the event. */
export const EVENT_NOTICE = "eventNotice";

/** Close codes of a team room closed by its event (4000–4999 are the application's). */
export const EventCloseCode = {
  /** The facilitator removed the team before the start. */
  TEAM_REMOVED: 4410,
  /** The event closed (abandoned, or the server shut it). */
  EVENT_CLOSED: 4411,
} as const;

/** `eventNotice`: why the team's room is closing (sent just before the close code). */
export interface EventNotice {
  code: keyof typeof EventCloseCode;
  message: string;
}
