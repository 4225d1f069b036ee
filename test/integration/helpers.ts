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
