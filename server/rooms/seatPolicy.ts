/**
 * Seats of a match room. A reservation (`POST /matchmake/...`) is checked when it is made:
 * its options are validated there, before any WebSocket (Colyseus calls a room's static
 * `onAuth` at reservation; the instance `onAuth` only at WebSocket time). A room is full
 * when MAX_PLAYERS people hold seats (connected, or within their reconnection window):
 * reservations nobody uses never keep a player out, and they expire after
 * SEAT_RESERVATION_SECONDS.
 */
import { ServerError } from "@colyseus/core";
import type { JoinRequest, Match } from "../../shared/match";
import { CloseCode, validateRoomOptions, type CreateOptions, type JoinOptions } from "../../shared/protocol";
import { readHttpSettings } from "../http/settings";

/** What a reservation carries to `onJoin`: the options, validated. */
export interface SeatAuth {
  options: CreateOptions & JoinOptions;
}

/** Validates a reservation's options (static `onAuth`); throws the reason as a matchmaking error. */
export function authorizeSeat(options: unknown): SeatAuth {
  const v = validateRoomOptions(options);
  if (!v.ok) throw new ServerError(CloseCode.JOIN_REFUSED, `${v.error.code}: ${v.error.message}`);
  return { options: v.value };
}

/**
 * Whether the match has no seat left: people seated, not reservations pending. (Colyseus'
 * own count adds every pending reservation, so 12 unused ones lock a 12-seat room.)
 */
export function seatsFull(match: Match | undefined, maxClients: number): boolean {
  return (match?.seats.peopleCount ?? 0) >= maxClients;
}

/**
 * The match's join request for a reservation being used; throws when the seats filled up
 * since it was granted (more people reserved at once than there were seats).
 */
export function takeSeat(match: Match, maxClients: number, auth: SeatAuth): JoinRequest {
  if (seatsFull(match, maxClients))
    throw new ServerError(CloseCode.JOIN_REFUSED, `ROOM_FULL: all ${maxClients} seats are taken`);
  const o = auth.options;
  return { ...(o.name ? { name: o.name } : {}), ...(o.role !== undefined ? { role: o.role } : {}) };
}

/** Seconds a reserved seat waits for its WebSocket (`SEAT_RESERVATION_SECONDS`). */
export function seatReservationSeconds(): number {
  return readHttpSettings().limits.seatReservationSeconds;
}
