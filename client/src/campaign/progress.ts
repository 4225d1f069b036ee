/** Campaign progress kept in this browser's localStorage: the names of the levels won. */

const KEY = "reconcile.campaign.won";

/** The levels this browser has won. */
export function wonLevels(): Set<string> {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    const list: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(list) ? list.filter((x): x is string => typeof x === "string") : []);
  } catch {
    return new Set();
  }
}

/** Remembers a won level. */
export function markWon(name: string): void {
  const won = wonLevels();
  won.add(name);
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify([...won].sort()));
  } catch {
    // storage full or disabled: the progress lasts for this page only
  }
}
