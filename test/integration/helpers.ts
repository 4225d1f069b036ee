/**
 * Shared helpers for the match-server integration tests. A test drives the room's clock by
 * hand (`room.tickOnce()`) and judges the match only by what a colyseus.js client decodes
 * (`clientRoom.state`) or receives (messages): never by the room's state or world.
 */
import type {} from "@colyseus/testing"; // its Room augmentations (waitForNextPatch, waitForNextMessage)
import type { Room as ClientRoom } from "colyseus.js";
import type { ErrorPayload } from "../../shared/protocol";
import type { MatchRoom } from "../../server/rooms/MatchRoom";
import type { MatchState } from "../../server/rooms/schema/MatchState";

/** A client's room, decoding the match state. */
export type Client = ClientRoom<MatchState>;

/** Polls `cond` until it holds or `timeoutMs` passes; throws with `what` on timeout. */
export async function eventually(cond: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Like {@link eventually} for a condition that needs a round trip (e.g. asking the lobby). */
export async function eventuallyAsync(
  cond: () => Promise<boolean>,
  what: string,
  timeoutMs = 3000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Collects every message of `type` a client room receives, in order. */
export function collect<T = unknown>(room: ClientRoom, type: string): T[] {
  const out: T[] = [];
  room.onMessage(type, (m: T) => out.push(m));
  return out;
}

/** Collects `error` messages. */
export function collectErrors(room: ClientRoom): ErrorPayload[] {
  return collect<ErrorPayload>(room, "error");
}

/** Steps a manual-clock room through `seconds` game seconds (10 ticks each). */
export function tickSeconds(room: Pick<MatchRoom, "tickOnce">, seconds: number): void {
  for (let i = 0; i < Math.round(seconds * 10); i++) room.tickOnce();
}

/**
 * Sends a message and waits until the server has handled it. Messages are handled as they
 * arrive (an intent is queued for the next tick), so after this a `tickOnce()` applies it.
 */
export async function sent(
  room: MatchRoom,
  client: ClientRoom,
  type: string,
  payload?: unknown,
): Promise<void> {
  const handled = room.waitForNextMessage();
  client.send(type, payload);
  await withTimeout(handled, 3000, `the server to handle "${type}"`);
}

/** A message only the sync barrier uses. */
const SYNC = "__test_sync";
const lastSync = new WeakMap<ClientRoom, number>();
let syncSeq = 0;

/**
 * Waits for the server's next patch and until every client has decoded it. Patches and
 * messages share one ordered socket, so a marker sent to each client right after the patch
 * arrives after it: once a client has the marker, its state is the patch's. (The client-side
 * `waitForNextPatch()` of @colyseus/testing never resolves with colyseus.js 0.16.)
 */
export async function synced(room: MatchRoom, ...clients: ClientRoom[]): Promise<void> {
  await withTimeout(room.waitForNextPatch(), 3000, "the next patch");
  const n = ++syncSeq;
  for (const c of clients) {
    if (!lastSync.has(c)) {
      lastSync.set(c, 0);
      c.onMessage(SYNC, (k: number) => lastSync.set(c, k));
    }
    room.clients.getById(c.sessionId)?.send(SYNC, n);
  }
  await eventually(() => clients.every((c) => (lastSync.get(c) ?? 0) >= n), "clients to decode the patch");
}

/** An event as the client state carries it. */
export interface SeenEvent {
  seq: number;
  time: number;
  message: string;
  severity: string;
}

/**
 * Every event a client has shown, by seq. The state keeps only the last 30: call
 * {@link EventTrail.record} after each sync; it throws if events scrolled by unseen.
 */
export class EventTrail {
  readonly bySeq = new Map<number, SeenEvent>();
  private last = -1;

  constructor(private readonly client: Client) {}

  /** Adds the events the client shows now. */
  record(): this {
    const events = [...this.client.state.events];
    const first = events[0];
    if (first && this.last >= 0 && events.length >= 30 && first.seq > this.last + 1)
      throw new Error(`events ${this.last + 1}…${first.seq - 1} scrolled by between two syncs`);
    for (const e of events) {
      this.bySeq.set(e.seq, { seq: e.seq, time: e.time, message: e.message, severity: e.severity });
      this.last = Math.max(this.last, e.seq);
    }
    return this;
  }

  /** The events seen, in order. */
  all(): SeenEvent[] {
    return [...this.bySeq.values()].sort((x, y) => x.seq - y.seq);
  }

  /** The first seen event whose message starts with `prefix`. */
  find(prefix: string): SeenEvent | undefined {
    return this.all().find((e) => e.message.startsWith(prefix));
  }
}

/**
 * An outage a player fixes: the host kills mysql-0, three seconds later `player` (the
 * workload controller) creates it again, then eight more seconds pass — enough for the
 * pod to be Ready, the incident to close, and the score to judge the createPod (5 s after it).
 */
export async function killAndRestoreMysql(
  room: MatchRoom,
  host: ClientRoom,
  player: ClientRoom,
): Promise<void> {
  await sent(room, host, "inject", { type: "pod-kill", target: "shop/mysql" });
  tickSeconds(room, 3);
  await sent(room, player, "intent", { type: "createPod", owner: "StatefulSet/shop/mysql" });
  tickSeconds(room, 8);
}

/** The match state as plain JSON with every map's keys sorted (map order is insertion order). */
export function sortedJson(state: { toJSON(): unknown }): unknown {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === "object")
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  return sort(state.toJSON());
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
