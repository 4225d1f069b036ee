/**
 * One team's side of the competition clock: it applies the event's moves to the team's
 * match and ticks the match only while the event runs, so a paused team's game clock
 * stands still (see clock.ts). Inputs that arrive during a pause wait in the match's
 * intake and are applied on the first tick after resume, like any input between ticks.
 */
import type { Match, MatchTick } from "../match";
import { clockRuns, moveEvent, type EventMove, type EventPhase } from "./clock";

/** What the team clock needs of a match. */
export type ClockedMatch = Pick<Match, "start" | "end" | "tick" | "phase">;

const IDLE: MatchTick = { deliveries: [], ended: false };

/** The event phase as one team sees it, driving that team's match. */
export class TeamClock {
  phase: EventPhase = "lobby";

  constructor(private readonly match: ClockedMatch) {}

  /** Applies a control move; returns why not when it is not allowed now (nothing changes then). */
  apply(move: EventMove): string | undefined {
    const next = moveEvent(this.phase, move);
    if (!next.ok) return next.reason;
    this.phase = next.phase;
    if (move === "start") this.match.start();
    if (move === "end") this.match.end();
    return undefined;
  }

  /** One server tick: steps the match while running; a paused or waiting match does not move. */
  tick(): MatchTick {
    if (!clockRuns(this.phase)) return IDLE;
    const out = this.match.tick();
    if (out.ended) this.phase = "ended";
    return out;
  }
}
