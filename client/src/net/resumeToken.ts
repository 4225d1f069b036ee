/**
 * The seat to come back to after a reload: colyseus.js' `room.reconnectionToken`, kept in
 * this tab's sessionStorage (another tab is another player) while the player is seated,
 * and forgotten when they leave on purpose.
 */

const KEY = "reconcile.reconnectionToken";

/** The stored token, if any. */
export function loadResumeToken(): string | undefined {
  try {
    return globalThis.sessionStorage?.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the current seat's token (after every join and reconnection). */
export function saveResumeToken(token: string): void {
  try {
    globalThis.sessionStorage?.setItem(KEY, token);
  } catch {
    // storage blocked: a reload then starts from the Menu
  }
}

/** Forgets the seat (a consented leave, or a seat the server no longer keeps). */
export function clearResumeToken(): void {
  try {
    globalThis.sessionStorage?.removeItem(KEY);
  } catch {
    // nothing stored
  }
}
