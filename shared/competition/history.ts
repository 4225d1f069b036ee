/**
 * The board chart's data, pure: each team's availability per game second, and the chaos
 * marks all teams share. The event keeps the series from the teams' reports and sends them
 * to a page that joins (`history`); the page then extends them from the board rows.
 */
import type { TeamChaos } from "./messages";

/**
 * Puts `availability` at game second `floor(time)` of `series` (in place) when that second
 * is new, filling any skipped second with the last value; an older second changes nothing.
 * Returns whether the series grew.
 */
export function appendBoardSample(series: number[], time: number, availability: number): boolean {
  // Game time adds 0.1 s a tick: 3 could arrive as 2.9999999999999996.
  const second = Math.floor(time + 1e-6);
  if (second < series.length) return false;
  const fill = series.at(-1) ?? availability;
  while (series.length < second) series.push(fill);
  series.push(availability);
  return true;
}

/** The same mark in another team: same game time, type, target and source. */
const markKey = (m: TeamChaos) => `${m.at}|${m.type}|${m.target ?? ""}|${m.source}`;

/**
 * The chaos marks every team has (the seeded chaos and injections into all land on the same
 * game second in every team), in the first team's order; none without teams.
 */
export function sharedChaos(teams: readonly (readonly TeamChaos[])[]): TeamChaos[] {
  const [first, ...rest] = teams;
  if (!first) return [];
  const others = rest.map((t) => new Set(t.map(markKey)));
  return first.filter((m) => others.every((o) => o.has(markKey(m))));
}
