/**
 * The booth's API types (`/api/booth/...`), shared by the server and the kiosk / big-screen
 * pages. Plain JSON shapes; times are wall milliseconds since the epoch, days `YYYY-MM-DD`
 * in the booth's time zone (the server computes the day; shared code never reads a clock).
 */
import type { MatchLog } from "../match";
import type { Difficulty } from "../protocol";
import type { Role } from "../sim";

/** The booth offers one role, or lets the player choose (`choice`). */
export const ROLE_CHOICE = "choice";
/** The role a booth round offers: one role, or {@link ROLE_CHOICE}. */
export type RoleOffer = Role | typeof ROLE_CHOICE;

/** What the operator sets (stored: a restart keeps it). */
export interface BoothSettings {
  /** Scenario of every round (default `nmt`). */
  scenario: string;
  /** The role a visitor plays (default `choice`). */
  role: RoleOffer;
  /** Game seconds of a round (default 180; 10..3600). */
  durationSeconds: number;
  /** Who plays the other roles (match difficulties; default `standard`). */
  difficulty: Difficulty;
  /** IANA time zone where the day of the leaderboard begins (default `UTC`). */
  timeZone: string;
  /** Words a nickname may not contain (compared folded: case, lookalikes, spacing). */
  blocklist: string[];
}

/** A change to the settings: any subset of the fields (each validated; nothing changes on a bad one). */
export type BoothSettingsPatch = Partial<BoothSettings>;

/** `GET /api/booth/config` (public): what the kiosk and the big screen need to run a round. */
export interface BoothConfig {
  /** The settings, without the blocklist. */
  settings: Omit<BoothSettings, "blocklist">;
  /** Today in the booth's time zone. */
  day: string;
  /** Rounds stored today (cleared rounds included). */
  roundsToday: number;
  /** `PUBLIC_URL` when set: the address the QR code points to; null means use the page's origin. */
  publicUrl: string | null;
  /** Room code of the round being played on the kiosk now (announced by the kiosk), or null. */
  liveRoom: string | null;
}

/** One round on a leaderboard. */
export interface BoardEntry {
  /** The client-generated round id (idempotency key of a claim or an upload). */
  roundId: string;
  /** The stored match: `#/replay/<matchId>` replays it. */
  matchId: string;
  /** Initials or nickname; "" until entered. */
  name: string;
  /** The role the visitor played. */
  role: Role;
  /** Share of requests served, 0..1 (the server's replayed or recorded score, never a client's claim). */
  availability: number;
  /** Share of the error budget left (≤ 0 blown). */
  errorBudget: number;
  /** Mean time to recovery of the round's closed incidents (game seconds); null when none closed. */
  mttr: number | null;
  /** Incidents the round had. */
  incidents: number;
  teamPoints: number;
  /** The day (booth time zone) the round ended on. */
  day: string;
  /** Wall ms the round was stored. */
  storedAt: number;
  /** Played in the browser while the server was unreachable, uploaded later. */
  offline: boolean;
  /** Place on the board it was listed with (1 = best; equal scores share a place). */
  rank: number;
}

/** Which board: today's (booth time zone) or every day kept. */
export const BOARD_SCOPES = ["day", "all"] as const;
/** One board scope. */
export type BoardScope = (typeof BOARD_SCOPES)[number];

/** `GET /api/booth/board?scope=day|all`: the top 10 and the day's highlights. */
export interface Board {
  scope: BoardScope;
  /** Today (booth time zone). */
  day: string;
  timeZone: string;
  /** Best first, at most {@link BOARD_SIZE}. */
  top: BoardEntry[];
  /** The entry with the highest availability in scope, or null. */
  bestAvailability: BoardEntry | null;
  /** The entry with the shortest MTTR in scope, or null. */
  fastestRecovery: BoardEntry | null;
  /** Rounds stored today. */
  roundsToday: number;
}

/** Entries a board lists. */
export const BOARD_SIZE = 10;

/** `POST /api/booth/rounds`: a round played on the server, claimed at its debrief. */
export interface RoundClaim {
  /** Client-generated id (8–64 of `A-Za-z0-9_-`): the same claim twice stores one entry. */
  roundId: string;
  /** The stored match id the match state shows at the debrief. */
  matchId: string;
}

/** `POST /api/booth/uploads`: a round played offline in the browser; the server replays its log. */
export interface RoundUpload {
  /** Client-generated id: the same upload twice stores one entry. */
  roundId: string;
  /** The round's match log (options must be the booth's; it must have ended). */
  log: MatchLog;
  /** The role the visitor played (the log's people intents must be this role's). */
  role: Role;
  /** Initials entered offline, if any (checked like a name). */
  name?: string;
}

/** Answer to a claim or an upload. */
export interface RoundStored {
  entry: BoardEntry;
  /** Place of the day (1 = best). */
  rankToday: number;
  /** False when this round id was already stored (the stored entry is returned, nothing changes). */
  created: boolean;
}

/** `PUT /api/booth/rounds/:roundId/name`. */
export interface NameRequest {
  /** 1..12 characters after cleaning; refused if it holds a blocked word. */
  name: string;
}

/** Longest nickname, in characters. */
export const MAX_BOOTH_NAME = 12;

/** `POST /api/booth/live` (kiosk): the room code of the round it is playing now ("" when none). */
export interface LiveAnnouncement {
  room: string;
  /** With room "": the round that ended; another kiosk's round on the big screen stays there. */
  ended?: string;
}

/** `GET/PUT /api/booth/settings` (operator key: `Authorization: Bearer <key>`). */
export interface OperatorView {
  settings: BoothSettings;
  day: string;
  roundsToday: number;
}

/** `POST /api/booth/today/clear` (operator key): how many of today's entries left the boards. */
export interface ClearedToday {
  day: string;
  cleared: number;
}

/** Every booth error body: `{ code: <http status>, error: "<CODE>: <sentence>" }`. */
export interface BoothError {
  code: number;
  error: string;
}
