/**
 * One tick of a match, shared by the live match and its replay so they cannot drift apart:
 * role modes, then chaos injections, then the intents, all through the sim's `step`.
 */
import {
  createWorld,
  injectChaos,
  setRoleMode,
  stateHash,
  step,
  TICK_SECONDS,
  type ChaosType,
  type IntentResult,
  type QueuedIntent,
  type World,
} from "../sim";
import type { LogTick, MatchLog } from "./log";
import type { MatchOptions } from "./options";

/** What a chaos injection came to. */
export interface InjectionResult {
  actor: string;
  type: string;
  target?: string;
  ok: boolean;
  message: string;
}

/** What one tick produced. */
export interface TickOutput {
  injections: InjectionResult[];
  results: IntentResult[];
}

/** A match's world at its start (before the first running tick). */
export function worldFor(options: MatchOptions): World {
  return createWorld({
    scenario: options.scenario,
    seed: options.seed,
    clock: options.clock,
    chaos: options.chaos,
    ...(options.scenarioFile ? { scenarioFile: options.scenarioFile } : {}),
  });
}

/**
 * Applies one tick's inputs and steps the world. `addIntents`, when given, is called after
 * the injections (the live match's bots read the world then) and its intents are written
 * into `entry.intents`, so the entry is exactly what a replay needs.
 */
export function runTick(
  world: World,
  entry: LogTick,
  addIntents?: (world: World) => QueuedIntent[],
): TickOutput {
  for (const [role, mode] of Object.entries(entry.modes ?? {}))
    setRoleMode(world, role as keyof World["roles"], mode);
  const injections: InjectionResult[] = [];
  for (const inj of entry.injections ?? []) {
    let r: { ok: true } | { ok: false; error: string };
    try {
      r = injectChaos(world, { type: inj.type as ChaosType, ...(inj.target ? { target: inj.target } : {}) });
    } catch (e) {
      r = { ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    injections.push({ ...inj, ok: r.ok, message: r.ok ? "injected" : r.error });
  }
  if (addIntents) {
    const more = addIntents(world);
    if (more.length > 0) entry.intents = more;
    else delete entry.intents;
  }
  const { results } = step(world, entry.intents ?? [], TICK_SECONDS);
  return { injections, results };
}

/**
 * A log being replayed, one tick at a time: the world a match had at each of its ticks.
 * Ticks without inputs are not logged, so the cursor steps them with no inputs. It only
 * moves forward; `seek` to an earlier tick rebuilds the world from the options.
 */
export class LogCursor {
  /** The world at the cursor's tick. */
  world: World;
  /** The tick the replay ends on: `log.end.tick`, else `untilTick`, else the last logged tick. */
  readonly lastTick: number;
  private next = 0;

  constructor(
    readonly log: MatchLog,
    untilTick?: number,
  ) {
    this.world = worldFor(log.options);
    const logged = log.ticks.at(-1)?.tick ?? 0;
    // A round cut short has no end: its last tick may lie past its last logged input.
    this.lastTick = log.end ? Math.min(untilTick ?? Infinity, log.end.tick) : (untilTick ?? logged);
  }

  /** Steps one tick; false when the replay is over. */
  advance(): boolean {
    if (this.world.tick >= this.lastTick) return false;
    const logged = this.log.ticks[this.next];
    const entry: LogTick =
      logged && logged.tick === this.world.tick + 1
        ? this.log.ticks[this.next++]!
        : { tick: this.world.tick + 1 };
    runTick(this.world, entry);
    return true;
  }

  /** Moves to `tick` (clamped to 0…lastTick), from the start again when it lies behind. */
  seek(tick: number, onTick?: (world: World) => void): World {
    const target = Math.max(0, Math.min(Math.floor(tick), this.lastTick));
    if (target < this.world.tick) {
      this.world = worldFor(this.log.options);
      this.next = 0;
    }
    while (this.world.tick < target && this.advance()) onTick?.(this.world);
    return this.world;
  }
}

/**
 * Replays a log from its options: the world at every tick the match had, ending at
 * `log.end.tick` (or `untilTick`, or the last logged tick). `onTick` sees the world after each tick.
 */
export function replayLog(log: MatchLog, onTick?: (world: World) => void, untilTick?: number): World {
  const cursor = new LogCursor(log, untilTick);
  return cursor.seek(cursor.lastTick, onTick);
}

/** Whether a finished log's replay reaches the stateHash the live match recorded. */
export function verifyLog(log: MatchLog): { ok: boolean; expected?: string; actual: string } {
  const actual = stateHash(replayLog(log));
  return log.end
    ? { ok: actual === log.end.stateHash, expected: log.end.stateHash, actual }
    : { ok: false, actual };
}
