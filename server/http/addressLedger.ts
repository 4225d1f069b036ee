/**
 * What each client address has asked the matchmaker for: requests and room creations per
 * minute (rate-limiter-flexible), the matches and the competitions it created that are still
 * alive (counted apart: an event's team matches are the event's, not the address's), and
 * the seats it reserved that no WebSocket has used yet. The matchmaking route asks it before every
 * request and tells it what was granted.
 */
import { matchMaker } from "@colyseus/core";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { Limits } from "./settings";

/** Why a request is refused, as the client shows it. */
export interface Refusal {
  status: 429;
  message: string;
}

/** What an address creates: a match, or a competition (an event and its teams). */
export type CreatedKind = "match" | "event";

/** How a refusal names each kind, and the limit that bounds it. */
const KINDS = {
  match: { what: "open matches", limit: "roomsPerAddress", created: "new matches" },
  event: { what: "open competitions", limit: "eventsPerAddress", created: "new competitions and matches" },
} as const satisfies Record<CreatedKind, { what: string; limit: keyof Limits; created: string }>;

/** A reserved seat: the room and the session the reservation is for. */
interface Seat {
  roomId: string;
  sessionId: string;
}

/** Per-address bookkeeping of one server. */
export class AddressLedger {
  private readonly requests: RateLimiterMemory;
  private readonly creations: RateLimiterMemory;
  private readonly rooms: Record<CreatedKind, Map<string, Set<string>>> = {
    match: new Map(),
    event: new Map(),
  };
  private readonly seats = new Map<string, Seat[]>();

  constructor(private readonly limits: Limits) {
    this.requests = new RateLimiterMemory({
      keyPrefix: "mm",
      points: limits.matchmakePerMinute,
      duration: 60,
    });
    this.creations = new RateLimiterMemory({
      keyPrefix: "rooms",
      points: limits.roomsPerMinute,
      duration: 60,
    });
  }

  /** Counts a matchmaking request; a refusal when the address is over its rate. */
  async request(key: string): Promise<Refusal | undefined> {
    return consume(this.requests, key, "matchmaking requests");
  }

  /** May `key` reserve another seat? (Seats it reserved and used, or that expired, no longer count.) */
  checkSeat(key: string): Refusal | undefined {
    const pending = this.pendingSeats(key);
    if (pending < this.limits.pendingSeatsPerAddress) return undefined;
    return refuse(
      `${pending} seats reserved from your address are still unused; join with them or wait ` +
        `${this.limits.seatReservationSeconds} s`,
    );
  }

  /** May `key` create a room of `kind`? Counts the creation against its per-minute budget (shared by both kinds). */
  async checkCreate(key: string, kind: CreatedKind = "match"): Promise<Refusal | undefined> {
    const live = this.liveRooms(key, kind);
    const { what, limit, created } = KINDS[kind];
    if (live >= this.limits[limit])
      return refuse(`your address already has ${live} ${what} (the limit is ${this.limits[limit]})`);
    return consume(this.creations, key, created);
  }

  /** A seat was reserved for `key` (and, when `created` says what, its room created). */
  granted(key: string, seat: Seat, created: CreatedKind | false): void {
    this.seats.set(key, [...(this.seats.get(key) ?? []), seat]);
    if (created) {
      const rooms = this.rooms[created];
      rooms.set(key, (rooms.get(key) ?? new Set()).add(seat.roomId));
    }
  }

  /** Seats of `key` reserved and not yet used or expired. */
  pendingSeats(key: string): number {
    const seats = (this.seats.get(key) ?? []).filter(
      (s) => matchMaker.getLocalRoomById(s.roomId)?.hasReservedSeat(s.sessionId) === true,
    );
    if (seats.length) this.seats.set(key, seats);
    else this.seats.delete(key);
    return seats.length;
  }

  /** Rooms of `kind` that `key` created and that still exist. */
  liveRooms(key: string, kind: CreatedKind = "match"): number {
    const byKey = this.rooms[kind];
    const rooms = [...(byKey.get(key) ?? [])].filter((id) => matchMaker.getLocalRoomById(id));
    if (rooms.length) byKey.set(key, new Set(rooms));
    else byKey.delete(key);
    return rooms.length;
  }
}

async function consume(limiter: RateLimiterMemory, key: string, what: string): Promise<Refusal | undefined> {
  try {
    await limiter.consume(key);
    return undefined;
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
    return refuse(
      `too many ${what} from your address (${limiter.points} a minute); try again in ${Math.ceil(e.msBeforeNext / 1000)} s`,
    );
  }
}

function refuse(message: string): Refusal {
  return { status: 429, message: `RATE_LIMITED: ${message}` };
}
