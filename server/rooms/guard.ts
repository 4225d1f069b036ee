/**
 * The room's connection guard: every frame a client sends passes its budget
 * (shared/match/budget.ts) before anything decodes it, then a strict check (./frames.ts) so
 * that Colyseus, which decodes and dispatches it next, never logs or throws on it; then the
 * lobby-action rate, and only then it reaches the match. Refusals are answered
 * coalesced per code; a client over budget for seconds, or one that does not read what it
 * is sent, is disconnected with a close code; log lines about bad input are rate-limited.
 */
import { logger, type Client } from "@colyseus/core";
import {
  BUDGET,
  Coalescer,
  ConnectionBudget,
  LOBBY_ACTIONS,
  type Budget,
  type Refusal,
} from "../../shared/match";
import { CloseCode, ErrorCode, quote, ServerMessage, type ErrorPayload } from "../../shared/protocol";
import { budgetFromEnv } from "./budgetEnv";
import { checkFrame } from "./frames";

/** What the guard needs of a client's socket (a `ws` WebSocket under @colyseus/ws-transport). */
interface Socket {
  bufferedAmount?: number;
  isPaused?: boolean;
  pause?(): void;
  resume?(): void;
  terminate?(): void;
}

/** One connection's budget, the refusals held back for coalescing, and whether it was disconnected. */
interface Connection {
  budget: ConnectionBudget;
  held: Map<string, ErrorPayload>;
  kickedWith?: number;
}

/** How often send buffers are checked and held-back refusals answered. */
const SWEEP_MS = 250;
/** How long a kicked client has to take its close frame before the connection is cut. */
const CLOSE_GRACE_MS = 500;
/**
 * How long the server stops reading a client that went over budget: TCP then holds its flood
 * back at no cost to the process. Shorter than BUDGET.calmSeconds, so a flood that resumes
 * stays one over-budget spell and is disconnected.
 */
const PAUSE_MS = 250;

/** Seconds on a monotonic clock (the budget's time). */
function now(): number {
  return performance.now() / 1000;
}

/** Bad-input log lines, per kind, for the whole process: a flood of bad frames writes one line a second. */
const logLines = new Coalescer<string>(BUDGET.logLinesPerSecond, 1);

/** Logs a line about bad input unless one of its kind went out within the second (then it is counted). */
export function logBadInput(kind: string, line: string): void {
  const n = logLines.offer(kind, now());
  if (n > 0) logger.warn(n > 1 ? `${line} (+${n - 1} like it since the last line)` : line);
}

/** What a guarded room gives its guard: its clients, its clock (cleared on dispose), its `*` handler. */
export interface GuardedRoom {
  readonly roomId: string;
  readonly clients: Iterable<Client>;
  readonly clock: { setInterval(handler: () => void, ms: number): unknown };
  onMessage(type: "*", handler: (client: Client, type: string | number, payload: unknown) => void): unknown;
}

/** Guards one room's connections. */
export class ConnectionGuard {
  private readonly connections = new WeakMap<Client, Connection>();
  /** The budget in force (BUDGET with the environment's overrides). */
  readonly budget: Budget = budgetFromEnv();

  constructor(
    private readonly room: GuardedRoom,
    /** Where an admitted, decoded message goes; what it returns is answered to the sender. */
    private readonly deliver: (client: Client, type: string, payload: unknown) => Refusal | undefined,
    /** Called after a message was accepted (it may have changed seats, roles or the phase). */
    private readonly accepted: () => void,
  ) {
    room.clock.setInterval(() => this.sweep(), SWEEP_MS);
    // Colyseus passes a number when the type was encoded as one; anything else is refused as "".
    room.onMessage("*", (client, type, payload) =>
      this.onMessage(
        client,
        typeof type === "string" ? type : typeof type === "number" ? String(type) : "",
        payload,
      ),
    );
  }

  /** Every frame from a client, before Colyseus decodes it: true when Colyseus may handle it. */
  onFrame(client: Client, frame: Buffer): boolean {
    const c = this.connection(client);
    if (c.kickedWith !== undefined) return false;
    const t = now();
    const verdict = c.budget.admitFrame(t, frame.byteLength);
    if (verdict === "kick") {
      this.kick(client, CloseCode.OVER_BUDGET, `over budget for ${this.budget.overBudgetSeconds} s`);
      return false;
    }
    if (verdict === "refused") {
      this.pauseReading(client);
      const budget = `${this.budget.messagesPerSecond} messages and ${this.budget.bytesPerSecond} bytes per second`;
      this.refuse(client, { code: ErrorCode.RATE_LIMITED, message: `over budget: at most ${budget}` });
      return false;
    }
    const m = checkFrame(frame);
    if (m.ok) return true;
    const line = `[match ${this.room.roomId}] refused a frame from ${client.sessionId}: ${m.error.message}`;
    logBadInput("frame", line);
    this.refuse(client, m.error);
    return false;
  }

  /** A message Colyseus decoded from an admitted frame: the lobby-action rate, then the match. */
  private onMessage(client: Client, type: string, payload: unknown): void {
    const { budget } = this.connection(client);
    const lobby = LOBBY_ACTIONS.includes(type);
    if (lobby && !budget.lobbyActionAllowed(now())) {
      const message = `at most ${this.budget.lobbyActionsPerSecond} lobby actions per second`;
      this.refuse(client, { code: ErrorCode.RATE_LIMITED, message, ref: quote(type) });
      return;
    }
    let refusal: Refusal | undefined;
    try {
      refusal = this.deliver(client, type, payload);
    } catch (e) {
      // A bug must not take the process (and every other room) down with it.
      logBadInput(
        "internal",
        `[match ${this.room.roomId}] "${quote(type)}" from ${client.sessionId} failed: ${String(e)}`,
      );
      this.refuse(client, {
        code: ErrorCode.INTERNAL,
        message: "the server failed to handle this message",
        ref: quote(type),
      });
      return;
    }
    if (!refusal && lobby) budget.lobbyActionTaken(now());
    if (!refusal) this.accepted();
    else if ("error" in refusal) this.refuse(client, refusal.error);
    else client.send(ServerMessage.intentResult, refusal.intentResult);
  }

  /** Sends a refusal, coalesced by code: past a burst, one `error` per code per second with its `count`. */
  refuse(client: Client, error: ErrorPayload): void {
    const c = this.connection(client);
    const n = c.budget.replies.offer(error.code, now());
    if (n === 0) c.held.set(error.code, error);
    else client.send(ServerMessage.error, n > 1 ? { ...error, count: n } : error);
  }

  /** Whether the guard disconnected this client for going over budget (its seat is not kept). */
  overBudget(client: Client): boolean {
    return this.connections.get(client)?.kickedWith === CloseCode.OVER_BUDGET;
  }

  /** Drops clients that do not read; answers refusals held back for coalescing. */
  private sweep(): void {
    const t = now();
    for (const client of this.room.clients) {
      const buffered = (client.ref as unknown as Socket).bufferedAmount ?? 0;
      if (buffered > this.budget.sendBufferBytes) {
        this.kick(client, CloseCode.SLOW_READER, `send buffer over ${this.budget.sendBufferBytes} bytes`);
        continue;
      }
      const c = this.connections.get(client);
      if (!c || c.kickedWith !== undefined) continue;
      for (const [code, count] of c.budget.replies.due(t)) {
        const error = c.held.get(code);
        c.held.delete(code);
        if (error) client.send(ServerMessage.error, count > 1 ? { ...error, count } : error);
      }
    }
  }

  /** Stops reading a client for PAUSE_MS. */
  private pauseReading(client: Client): void {
    const socket = client.ref as unknown as Socket;
    if (!socket.pause || socket.isPaused) return;
    socket.pause();
    setTimeout(() => socket.resume?.(), PAUSE_MS).unref();
  }

  private kick(client: Client, code: number, reason: string): void {
    const c = this.connection(client);
    if (c.kickedWith !== undefined) return;
    c.kickedWith = code;
    logBadInput(
      `kick ${code}`,
      `[match ${this.room.roomId}] disconnected ${client.sessionId} (${code}): ${reason}`,
    );
    client.leave(code, reason);
    const socket = client.ref as unknown as Socket;
    socket.pause?.(); // whatever it still sends stays in TCP's buffers, unread
    // A client that does not read will never take its close frame: cut it now, so its
    // buffer is freed. Any other gets a moment to read the close code first.
    if (code === CloseCode.SLOW_READER) socket.terminate?.();
    else setTimeout(() => socket.terminate?.(), CLOSE_GRACE_MS).unref();
  }

  private connection(client: Client): Connection {
    let c = this.connections.get(client);
    if (!c)
      this.connections.set(client, (c = { budget: new ConnectionBudget(this.budget), held: new Map() }));
    return c;
  }
}
