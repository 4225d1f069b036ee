/** Shared helpers for the match-server integration tests. */
import type { Room as ClientRoom } from "colyseus.js";
import type { ErrorPayload } from "../../shared/protocol";

/** Polls `cond` until it holds or `timeoutMs` passes; throws with `what` on timeout. */
export async function eventually(cond: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
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

/** The room methods the helpers drive (MatchRoom's, structurally: keeps this file import-light). */
interface TickableRoom {
  tickOnce(): void;
}

/** Steps a manual-clock room through `seconds` game seconds (10 ticks each). */
export function tickSeconds(room: TickableRoom, seconds: number): void {
  for (let i = 0; i < Math.round(seconds * 10); i++) room.tickOnce();
}

/**
 * An outage a player fixes: the host kills mysql-0, three seconds later `player` (the
 * workload controller) creates it again, then eight more seconds pass — enough for the
 * pod to be Ready, the incident to close, and the score to judge the createPod (5 s after it).
 */
export async function killAndRestoreMysql(
  room: TickableRoom,
  host: ClientRoom,
  player: ClientRoom,
): Promise<void> {
  const r = room as unknown as { injects: unknown[]; queue: unknown[] };
  host.send("inject", { type: "pod-kill", target: "shop/mysql" });
  await eventually(() => r.injects.length === 1, "the injection to be queued");
  tickSeconds(room, 3);
  player.send("intent", { type: "createPod", owner: "StatefulSet/shop/mysql" });
  await eventually(() => r.queue.length === 1, "createPod to be queued");
  tickSeconds(room, 8);
}
