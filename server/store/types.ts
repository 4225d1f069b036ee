/**
 * What the results store keeps and how callers use it. Callers (the room's recorder, crash
 * recovery, the HTTP API) see only this interface and these records, never SQL: a second
 * dialect (PostgreSQL) implements the same interface without touching them.
 */
import type { LogTick, MatchLog, MatchOptions } from "../../shared/match";
import type { EventListEntry, EventPhase } from "../../shared/competition";

/** A stored match's status. */
export const MATCH_STATUSES = ["running", "finished", "interrupted"] as const;
/** `running` (being played or cut off by a crash not yet recovered), `finished`, or `interrupted`. */
export type MatchStatus = (typeof MATCH_STATUSES)[number];

/** A round as it starts. */
export interface MatchStart {
  /** The store's id for the round (a room's Play again is a new stored match). */
  id: string;
  /** The room's join code. */
  code: string;
  round: number;
  options: MatchOptions;
  /** Wall time (ms since the epoch) the round started running. */
  startedAt: number;
  players: PlayerRecord[];
}

/** One seat of a match as stored, with its points. */
export interface PlayerRecord {
  /** Join order in the match (bots after people). */
  seat: number;
  name: string;
  actor: string;
  /** The role held ("" when watching). */
  role: string;
  isBot: boolean;
  points: number;
  restored: number;
  broke: number;
}

/** One incident of a result: chaos → chain healthy again; `end`/`mttr` null while open. */
export interface IncidentRecord {
  cause: string;
  source: string;
  start: number;
  end: number | null;
  mttr: number | null;
}

/** A match's score, final or (for an interrupted one) partial. */
export interface ResultRecord {
  /** Whether it was computed from a round cut short (replayed to its last stored tick). */
  partial: boolean;
  /** Game seconds the score covers. */
  time: number;
  availability: { overall: number; nginx: number; tomcat: number; mysql: number };
  /** Share of the SLO's error budget left (1 untouched, ≤ 0 blown). */
  errorBudget: number;
  sloMet: boolean;
  teamPoints: number;
  /** Mean seconds to recover of closed incidents; null when none closed. */
  mttr: number | null;
  requests: number;
  ok: number;
  incidents: IncidentRecord[];
}

/** How a round ended (the debrief started). */
export interface MatchEnd {
  endedAt: number;
  lastTick: number;
  stateHash: string;
  players: PlayerRecord[];
  result: ResultRecord;
}

/** How a round cut short is closed: where it stopped and its partial score. */
export interface MatchInterruption {
  lastTick: number;
  players: PlayerRecord[];
  result: ResultRecord;
}

/** A page of the match list. */
export interface MatchPage {
  total: number;
  matches: MatchSummary[];
}

/** One row of the match list. */
export interface MatchSummary {
  id: string;
  code: string;
  round: number;
  scenario: string;
  seed: number;
  clock: string;
  difficulty: string;
  durationSeconds: number;
  startedAt: number;
  endedAt: number | null;
  /** The furthest phase the round reached: `running` or `debrief`. */
  phase: string;
  status: MatchStatus;
  /** The last tick stored (for an interrupted match: where it stopped). */
  lastTick: number;
  stateHash: string | null;
  /** Null while running (before recovery). */
  result: ResultRecord | null;
  players: PlayerRecord[];
}

/** A stored match in full: the summary with its options. */
export interface StoredMatch extends MatchSummary {
  options: MatchOptions;
}

/** A round still marked running: cut off by a crash (at start-up, before any room runs). */
export interface RunningMatch {
  id: string;
  lastTick: number;
  players: PlayerRecord[];
}

/** One team of an event as stored: its code and name, in the event's team order. */
export interface EventTeamRecord {
  teamId: string;
  name: string;
}

/** A competition as it is created. */
export interface EventStart {
  /** The store's id of the event (an event code may be reused later; the id never is). */
  id: string;
  code: string;
  name: string;
  /** The match options every team plays (seed included). */
  options: MatchOptions;
  /** Wall time (ms since the epoch) it was created. */
  createdAt: number;
  teams: EventTeamRecord[];
}

/** A stored event in full: its list entry, options, and per team its stored match (null before its first tick). */
export interface StoredEventRecord {
  entry: EventListEntry;
  options: MatchOptions;
  teams: (EventTeamRecord & { match: StoredMatch | null })[];
}

/** A page of the event list. */
export interface EventPage {
  total: number;
  events: EventListEntry[];
}

/**
 * The results store. Writes resolve once the data is durable; the SQLite store writes
 * synchronously inside the call (better-sqlite3), so it is on disk when the call returns.
 */
export interface ResultsStore {
  /** Records a round that started running. */
  beginMatch(start: MatchStart): Promise<void>;
  /**
   * Appends log entries (possibly none) and moves the round's last stored tick, in one
   * transaction; `players` replaces the seats when they changed.
   */
  appendLog(id: string, ticks: readonly LogTick[], lastTick: number, players?: PlayerRecord[]): Promise<void>;
  /** Closes a round that reached its debrief, with its result. */
  finishMatch(id: string, end: MatchEnd): Promise<void>;
  /** Closes a round cut short, with its partial score. */
  interruptMatch(id: string, stop: MatchInterruption): Promise<void>;
  /** Rounds still marked running. */
  runningMatches(): Promise<RunningMatch[]>;
  /** Newest first. */
  listMatches(page: { limit: number; offset: number }): Promise<MatchPage>;
  getMatch(id: string): Promise<StoredMatch | undefined>;
  /** The round's match log, as `npm run sim -- --replay` reads it. */
  getLog(id: string): Promise<MatchLog | undefined>;
  /** Records a competition that was created, with its teams. */
  beginEvent(start: EventStart): Promise<void>;
  /** Replaces an event's teams (renamed, added or removed before the start); teams kept keep their match. */
  setEventTeams(eventId: string, teams: readonly EventTeamRecord[]): Promise<void>;
  /** Records the facilitator's clock move: the phase, and the wall time of the start or the end. */
  moveEvent(eventId: string, phase: EventPhase, at: number): Promise<void>;
  /**
   * Links a team's stored match to the newest event with that code (a team knows its event
   * by code only); false when no such event or team is stored.
   */
  linkTeamMatch(eventCode: string, teamId: string, matchId: string): Promise<boolean>;
  /** Newest first. */
  listEvents(page: { limit: number; offset: number }): Promise<EventPage>;
  /** The event with this id, or the newest with this code. */
  getEvent(codeOrId: string): Promise<StoredEventRecord | undefined>;
  /** Deletes every match that started, and every event created, before `beforeMs` (wall ms); returns how many matches. */
  prune(beforeMs: number): Promise<number>;
  close(): Promise<void>;
}
