/**
 * The board chart's memory: each team's availability per game second, from the complete
 * seconds each status report carries (the same figures the stored debrief replays), so a
 * page that (re)loads gets, in its `history`, the chart a page open from the start drew.
 */
import { sharedChaos, type History } from "../../shared/competition";
import type { TeamStatus } from "./eventTeam";

/** Every team's availability series of one event. */
export class EventHistory {
  private readonly series = new Map<string, number[]>();

  /** Records the complete seconds a team's report carries (a new round starts its line again). */
  record(s: Pick<TeamStatus, "teamId" | "secondsFrom" | "seconds">): void {
    let series = this.series.get(s.teamId);
    if (!series) this.series.set(s.teamId, (series = []));
    // A new round reports from second 0 again: its line replaces the old one.
    series.length = Math.min(series.length, s.secondsFrom);
    // A report never skips a second (it carries all since the last), so this leaves no hole.
    while (series.length < s.secondsFrom) series.push(series.at(-1) ?? 1);
    series.push(...s.seconds);
  }

  /** A team's last complete second (the board's `second` column), null before one. */
  last(teamId: string): number | null {
    return this.series.get(teamId)?.at(-1) ?? null;
  }

  /** Forgets a removed team. */
  drop(teamId: string): void {
    this.series.delete(teamId);
  }

  /** The `history` message: the chaos every team shares and each team's series, in `teams` order. */
  message(
    serverTick: number,
    durationSeconds: number,
    teams: readonly Pick<TeamStatus, "teamId" | "chaos">[],
  ): History {
    return {
      serverTick,
      durationSeconds,
      chaos: sharedChaos(teams.map((t) => t.chaos)),
      teams: teams.map((t) => ({ teamId: t.teamId, availability: this.series.get(t.teamId) ?? [] })),
    };
  }
}
