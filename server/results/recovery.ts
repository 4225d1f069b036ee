/**
 * Crash recovery at start-up: a round still marked running was cut off when the server
 * died. It is not resumed (its players' connections died with the process); it is closed
 * as interrupted at its last stored tick, with the partial score its stored log replays
 * to — the same world, bit for bit, the live round had at that tick.
 */
import { LogCursor, validateMatchLog } from "../../shared/match";
import type { ResultsStore, RunningMatch } from "../store";
import { playersOf, resultOf } from "./records";

/** What recovery did to one round. */
export interface Recovered {
  id: string;
  lastTick: number;
  /** Game seconds the round reached. */
  time: number;
  teamPoints: number;
}

/** Closes every round still marked running as interrupted, with its partial score. */
export async function recoverInterrupted(store: ResultsStore): Promise<Recovered[]> {
  const out: Recovered[] = [];
  for (const running of await store.runningMatches()) out.push(await recoverOne(store, running));
  return out;
}

async function recoverOne(store: ResultsStore, running: RunningMatch): Promise<Recovered> {
  const raw = await store.getLog(running.id);
  const v = validateMatchLog(raw);
  if (!v.ok) throw new Error(`results store: match ${running.id} has an unreadable log: ${v.error.message}`);
  const cursor = new LogCursor(v.value, running.lastTick);
  const world = cursor.seek(cursor.lastTick);
  const result = resultOf(world, v.value.options.durationSeconds, true);
  await store.interruptMatch(running.id, {
    lastTick: world.tick,
    players: playersOf(running.players, world),
    result,
  });
  return { id: running.id, lastTick: world.tick, time: result.time, teamPoints: result.teamPoints };
}
