/** The replay's address in the page: `#/replay/<matchId>`, so a replay can be linked and reloaded. */

const ROUTE = /^#\/replay\/([A-Za-z0-9_-]{1,64})$/;

/** The match id a location hash names for replay, if it does. */
export function replayIdOf(hash: string): string | undefined {
  return ROUTE.exec(hash)?.[1];
}

/** The location hash of a match's replay. */
export function replayHash(id: string): string {
  return `#/replay/${id}`;
}
