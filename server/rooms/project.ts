/**
 * Projects a match into the room's schema state, one concern per module (projection/):
 * the match around the world (seats), the cluster, the score and traffic, the events, the
 * debrief. Only changed fields are assigned, and unchanged parts are skipped, so a quiet
 * tick costs (and sends) almost nothing.
 */
import { scoreOf, stateHash, type Score, type World } from "../../shared/sim";
import type { Match } from "../../shared/match";
import type { MatchState } from "./schema/MatchState";
import type { RecordedMatch } from "./recorder";
import { ClusterProjection } from "./projection/cluster";
import { clearDebrief, projectDebrief } from "./projection/debrief";
import { EventsProjection } from "./projection/events";
import { projectScore, TrafficWindow } from "./projection/score";
import { projectSeats } from "./projection/seats";
import { set } from "./projection/sync";

/** Options of a projection. */
export interface ProjectOptions {
  /** Put the world's stateHash in the state (≈2 ms). */
  hash: boolean;
  /** The match length (game s): the error budget is the SLO's allowance over it. */
  windowSeconds?: number;
}

/** What the projector remembers between calls to skip unchanged work. */
export class Projector {
  private readonly cluster = new ClusterProjection();
  private readonly events = new EventsProjection();
  private readonly traffic = new TrafficWindow();
  private world: World | undefined;
  private worldTick = NaN;
  private matchVersion = -1;
  private debriefRound = 0;

  /** Records the outcomes of the tick that just ran (call once per tick). */
  recordTraffic(world: World): void {
    this.traffic.record(world);
  }

  /** Copies the world and its score into `state`, assigning only what changed; returns the score. */
  project(state: MatchState, world: World, opts: ProjectOptions): Score {
    if (world !== this.world) {
      // A new round's world: start every concern afresh.
      this.world = world;
      this.cluster.reset();
      this.events.reset();
      this.traffic.reset();
    }
    set(state, "time", Math.fround(Math.round(world.time * 1000) / 1000));
    const score = scoreOf(world, { windowSeconds: opts.windowSeconds });
    projectScore(state, world, score);
    this.traffic.project(state);
    this.cluster.project(state, world);
    this.events.project(state, world);
    // The hash covers everything (traffic, rng, timers), so it is recomputed on every projection.
    if (opts.hash) set(state, "stateHash", stateHash(world));
    this.worldTick = world.tick;
    return score;
  }

  /**
   * Projects a whole match: seats and phase when they changed, the world when it stepped
   * (or is new), and the debrief once when a round ends.
   */
  projectMatch(state: MatchState, match: Match, opts: { hash: boolean }): void {
    const newWorld = match.world !== this.world;
    set(state, "matchId", storedIdOf(match));
    if (match.version !== this.matchVersion || newWorld) {
      projectSeats(state, match);
      this.matchVersion = match.version;
    }
    if (newWorld || match.world.tick !== this.worldTick) {
      const score = this.project(state, match.world, {
        ...opts,
        windowSeconds: match.options.durationSeconds,
      });
      // Seat points come from the score; a new seat needs them too, which projectScore wrote.
      if (match.phase === "debrief" && this.debriefRound !== match.round) {
        projectDebrief(state, match.world, score);
        this.debriefRound = match.round;
      }
    } else if (match.phase === "debrief" && this.debriefRound !== match.round) {
      projectDebrief(
        state,
        match.world,
        scoreOf(match.world, { windowSeconds: match.options.durationSeconds }),
      );
      this.debriefRound = match.round;
    }
    if (match.phase !== "debrief" && this.debriefRound !== 0 && this.debriefRound !== match.round) {
      clearDebrief(state);
      this.debriefRound = 0;
    }
  }
}

/** The stored round's id of a recorded match ("" for a plain match or before its round runs). */
function storedIdOf(match: Match): string {
  return (match as Partial<RecordedMatch>).recorder?.matchId ?? "";
}
