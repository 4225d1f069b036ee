/**
 * The board chart's memory: each team's availability per game second, taken from the same
 * status reports the board rows come from (appendBoardSample), so a page that (re)loads
 * gets, in its `history`, the chart a page open from the start would have drawn.
 */
import { appendBoardSample, sharedChaos, type History } from "../../shared/competition";
import type { TeamStatus } from "./eventTeam";

/** Every team's availability series of one event. */
export class EventHistory {
  private readonly series = new Map<string, number[]>();

  /** Records a team's report at its game second (a second already recorded keeps its value). */
  record(s: Pick<TeamStatus, "teamId" | "time" | "availability">): void {
    let series = this.series.get(s.teamId);
    if (!series) this.series.set(s.teamId, (series = []));
    appendBoardSample(series, s.time, s.availability);
  }

  /** Forgets a removed team. */
  drop(teamId: string): void {
    this.series.delete(teamId);
  }

  /** The `history` message: the chaos every team shares and each team's series, in `teams` order. */
  message(serverTick: number, teams: readonly Pick<TeamStatus, "teamId" | "chaos">[]): History {
    return {
      serverTick,
      chaos: sharedChaos(teams.map((t) => t.chaos)),
      teams: teams.map((t) => ({ teamId: t.teamId, availability: this.series.get(t.teamId) ?? [] })),
    };
  }
}
