/**
 * The facilitator key of an event, kept in this tab's sessionStorage by event code: the
 * server shows it once, and a reload of the console must keep control. Another tab (or a
 * page opened from the board link) has no key and sees only the public board.
 */

const PREFIX = "reconcile.facilitatorKey.";

/** The stored key of an event, if this tab holds it. */
export function loadFacilitatorKey(code: string): string | undefined {
  try {
    return globalThis.sessionStorage?.getItem(PREFIX + code.toUpperCase()) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Remembers an event's key for this tab. */
export function saveFacilitatorKey(code: string, key: string): void {
  try {
    globalThis.sessionStorage?.setItem(PREFIX + code.toUpperCase(), key);
  } catch {
    // storage blocked: the key is still shown on screen to copy
  }
}

/** Forgets an event's key (the event is gone). */
export function clearFacilitatorKey(code: string): void {
  try {
    globalThis.sessionStorage?.removeItem(PREFIX + code.toUpperCase());
  } catch {
    // nothing stored
  }
}
