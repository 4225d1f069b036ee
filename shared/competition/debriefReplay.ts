/**
 * What the debrief needs of one team's match log that its stored result does not keep:
 * availability per game second, every accepted intent with its kubectl text and the points
 * the score gave it, and the score of the world the log replays to. The log is replayed
 * through the match's own `runTick` (the same path as the live match, so the same world).
 */
import { runTick, worldFor, type LogTick, type MatchLog } from "../match";
import { INTENT_ROLES, scoreOf, type Intent, type Role, type Score, type World } from "../sim";
import { secondAvailability } from "./history";

/** One accepted intent of the replay. */
export interface ReplayedIntent {
  /** Game seconds at the end of the tick that applied it (when the score booked it). */
  at: number;
  actor: string;
  role: Role;
  intent: Intent;
  kubectl: string;
  /** Points the score gave it; null when not judged yet (too close to the end). */
  points: number | null;
}

/** One team's replayed log, as the debrief reads it. */
export interface TeamReplay {
  /** Availability of each game second (index = second). */
  perSecond: number[];
  /** Accepted intents in the order they were applied. */
  intents: ReplayedIntent[];
  /** The score of the replayed world (over the match's length). */
  score: Score;
  /** The world tick the replay reached. */
  tick: number;
}

/** Availability of game seconds `[total, ok]` buckets, rounded (1 for a second without requests). */
export function availabilityPerSecond(world: Pick<World, "traffic">): number[] {
  return world.traffic.perSecond.map(secondAvailability);
}

/**
 * A team's log being replayed for the debrief, a slice of ticks at a time, so a server can
 * give its rooms the event loop between slices (a long match takes a good part of a second).
 */
export class DebriefReplayer {
  private readonly world: World;
  private readonly last: number;
  private readonly accepted: Omit<ReplayedIntent, "points">[] = [];
  private next = 0;

  /** Replays up to the log's end, or `untilTick` for a round cut short (its last stored tick). */
  constructor(
    private readonly log: MatchLog,
    untilTick?: number,
  ) {
    this.world = worldFor(log.options);
    this.last = log.end ? log.end.tick : (untilTick ?? log.ticks.at(-1)?.tick ?? 0);
  }

  /** Steps at most `maxTicks` ticks; true once the replay is over. */
  step(maxTicks: number): boolean {
    const { world, log } = this;
    for (let n = 0; n < maxTicks && world.tick < this.last; n++) {
      const entry: LogTick =
        log.ticks[this.next]?.tick === world.tick + 1 ? log.ticks[this.next++]! : { tick: world.tick + 1 };
      for (const r of runTick(world, entry).results)
        if (r.ok)
          this.accepted.push({
            at: world.time,
            actor: r.actor,
            role: INTENT_ROLES[r.intent.type],
            intent: r.intent,
            kubectl: r.kubectl,
          });
    }
    return world.tick >= this.last;
  }

  /** What the replay so far comes to. */
  result(): TeamReplay {
    const world = this.world;
    // The score books accepted intents in the same order; it forgets the oldest past its cap.
    const { actions, actionsDropped } = world.score;
    const intents = this.accepted.map((a, i) => ({
      ...a,
      points: actions[i - actionsDropped]?.points ?? null,
    }));
    return {
      perSecond: availabilityPerSecond(world),
      intents,
      score: scoreOf(world, { windowSeconds: this.log.options.durationSeconds }),
      tick: world.tick,
    };
  }
}

/**
 * Replays `log` up to its end (or `untilTick` for a round cut short: its last stored tick)
 * and collects what the debrief shows, in one go.
 */
export function replayForDebrief(log: MatchLog, untilTick?: number): TeamReplay {
  const r = new DebriefReplayer(log, untilTick);
  r.step(Number.POSITIVE_INFINITY);
  return r.result();
}
