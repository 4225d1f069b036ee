/**
 * The board chart's data, pure: each team's availability per game second, and the chaos
 * marks all teams share. The event keeps the series from the teams' reports and sends them
 * to a page that joins (`history`); the page then extends them from the board rows.
 */
import type { World } from "../sim";
import type { BoardTeam } from "./board";
import type { TeamChaos } from "./messages";

/** Decimal places of a per-second availability (enough for a chart, small on the wire). */
const AVAILABILITY_DIGITS = 4;

/** Availability of one game second's `[total, ok]` requests, rounded (1 for a second without requests). */
export function secondAvailability([total, ok]: readonly [number, number]): number {
  const k = 10 ** AVAILABILITY_DIGITS;
  return total === 0 ? 1 : Math.round((ok / total) * k) / k;
}

/**
 * The world's complete game seconds from `from` on, `[from, ⌊time⌋)`, as availabilities: what
 * a team reports since its last report, so the live chart draws the debrief's own figures.
 */
export function completeSeconds(
  world: Pick<World, "traffic" | "time">,
  from: number,
): { secondsFrom: number; seconds: number[] } {
  const done = Math.min(Math.floor(world.time + 1e-6), world.traffic.perSecond.length);
  const start = Math.min(from, done);
  return { secondsFrom: start, seconds: world.traffic.perSecond.slice(start, done).map(secondAvailability) };
}

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

/**
 * Extends a team's chart line from its board row: the row's `second` is the availability of
 * its last complete game second, ⌊time⌋ − 1 (nothing before one second has run).
 */
export function extendLine(series: number[], t: Pick<BoardTeam, "time" | "second">): boolean {
  if (t.second === null || t.second === undefined || t.time < 1) return false;
  return appendBoardSample(series, t.time - 1, t.second);
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
