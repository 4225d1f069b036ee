/**
 * The per-connection budget, in one place: how much one client may send (messages and bytes
 * per second, token buckets), how many lobby actions it may take, how its refusals are
 * answered (coalesced per code), and when it has been over budget long enough to be
 * disconnected. Pure: the caller passes the time (seconds, any monotonic origin), so the
 * same arrivals always get the same verdicts.
 */
import { ClientMessage } from "../protocol";

/** The budget's default numbers (README "Per-connection budget and safe text"). */
export const BUDGET = {
  /** Messages per second a client may send, sustained… */
  messagesPerSecond: 20,
  /** …and at once (a burst after a quiet spell). */
  messageBurst: 40,
  /** Bytes per second a client may send, sustained (frames are at most 4 KiB)… */
  bytesPerSecond: 16 * 1024,
  /** …and at once. */
  byteBurst: 32 * 1024,
  /** A client whose frames keep being refused this long is disconnected (close code OVER_BUDGET). */
  overBudgetSeconds: 3,
  /** A refusal this long after the previous one starts a new over-budget spell. */
  calmSeconds: 1,
  /** Lobby actions (`pickRole`, `setMode`, `start`, `restart`: each is broadcast) per second… */
  lobbyActionsPerSecond: 2,
  /** …and at once; more are refused `RATE_LIMITED`. */
  lobbyActionBurst: 4,
  /** Refusals of one code answered one by one at first (a person's slip gets its own sentence)… */
  replyBurst: 25,
  /** …then one `error` per code per second, carrying the count it stands for. */
  repliesPerSecond: 1,
  /** A client whose unsent output passes this many bytes is dropped (close code SLOW_READER). */
  sendBufferBytes: 512 * 1024,
  /** Log lines about bad input, per kind, per second (the rest are counted into the next line). */
  logLinesPerSecond: 1,
} as const;

/** A budget's numbers: {@link BUDGET} or an operator's own (the server reads some from the environment). */
export type Budget = { readonly [K in keyof typeof BUDGET]: number };

/** A token bucket: `rate` tokens a second up to `burst`, full at the first use. */
export class TokenBucket {
  private tokens: number;
  private at: number | undefined;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** Tokens available at `now`. */
  level(now: number): number {
    this.refill(now);
    return this.tokens;
  }

  /** Takes `n` tokens at `now` if there are that many; false (and takes nothing) otherwise. */
  take(now: number, n = 1): boolean {
    this.refill(now);
    if (this.tokens < n) return false;
    this.tokens -= n;
    return true;
  }

  private refill(now: number): void {
    // Time that runs backwards (a clock adjusted) refills nothing rather than draining.
    if (this.at !== undefined && now > this.at)
      this.tokens = Math.min(this.burst, this.tokens + (now - this.at) * this.rate);
    if (this.at === undefined || now > this.at) this.at = now;
  }
}

/**
 * Events of a key answered at a limited rate: each event is either let through now, standing
 * for itself and every event held back before it, or held back and counted.
 */
export class Coalescer<K> {
  private readonly buckets = new Map<K, TokenBucket>();
  private readonly held = new Map<K, number>();

  constructor(
    private readonly rate: number,
    private readonly burst: number,
  ) {}

  /** One event of `key` at `now`: how many events the answer stands for (≥ 1), or 0 to hold it back. */
  offer(key: K, now: number): number {
    if (!this.bucket(key).take(now)) {
      this.held.set(key, (this.held.get(key) ?? 0) + 1);
      return 0;
    }
    const n = (this.held.get(key) ?? 0) + 1;
    this.held.delete(key);
    return n;
  }

  /** Keys with events held back that may be answered at `now`, with how many each stands for. */
  due(now: number): [K, number][] {
    const out: [K, number][] = [];
    for (const [key, n] of this.held) {
      if (!this.bucket(key).take(now)) continue;
      this.held.delete(key);
      out.push([key, n]);
    }
    return out;
  }

  private bucket(key: K): TokenBucket {
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = new TokenBucket(this.rate, this.burst)));
    return b;
  }
}

/** What to do with one incoming frame: handle it, drop it, or drop it and disconnect the client. */
export type FrameVerdict = "ok" | "refused" | "kick";

/** One connection's budget. */
export class ConnectionBudget {
  private readonly messages: TokenBucket;
  private readonly bytes: TokenBucket;
  private readonly lobby: TokenBucket;
  /** Answers to refusals, by error code. */
  readonly replies: Coalescer<string>;
  private spellStart: number | undefined;
  private lastRefusal = -Infinity;

  constructor(private readonly budget: Budget = BUDGET) {
    this.messages = new TokenBucket(budget.messagesPerSecond, budget.messageBurst);
    this.bytes = new TokenBucket(budget.bytesPerSecond, budget.byteBurst);
    this.lobby = new TokenBucket(budget.lobbyActionsPerSecond, budget.lobbyActionBurst);
    this.replies = new Coalescer<string>(budget.repliesPerSecond, budget.replyBurst);
  }

  /**
   * One frame of `size` bytes at `now`. Refused when either bucket is short; `kick` once
   * refusals have gone on for {@link BUDGET.overBudgetSeconds} with no calm in between.
   */
  admitFrame(now: number, size: number): FrameVerdict {
    if (this.messages.level(now) >= 1 && this.bytes.level(now) >= size) {
      this.messages.take(now);
      this.bytes.take(now, size);
      return "ok";
    }
    if (this.spellStart === undefined || now - this.lastRefusal > this.budget.calmSeconds)
      this.spellStart = now;
    this.lastRefusal = now;
    return now - this.spellStart >= this.budget.overBudgetSeconds ? "kick" : "refused";
  }

  /**
   * Whether a lobby action may be tried at `now` (refuse it `RATE_LIMITED` otherwise). Only
   * actions that took effect are charged ({@link lobbyActionTaken}): a malformed or refused
   * one changes nothing and broadcasts nothing.
   */
  lobbyActionAllowed(now: number): boolean {
    return this.lobby.level(now) >= 1;
  }

  /** Charges a lobby action that took effect at `now`. */
  lobbyActionTaken(now: number): void {
    this.lobby.take(now);
  }
}

/** Message types that change seats, roles or the phase, so each is broadcast: rate-limited per client. */
export const LOBBY_ACTIONS: readonly string[] = [
  ClientMessage.pickRole,
  ClientMessage.setMode,
  ClientMessage.start,
  ClientMessage.restart,
];
