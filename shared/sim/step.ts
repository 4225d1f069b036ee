/**
 * One tick: apply the players' intents, fire due chaos, run every control loop whose role
 * is on autopilot, then send the users' traffic. Nothing here reads the wall clock or an
 * unseeded random source: same world + same intents ⇒ same next world.
 */
import { TICK_SECONDS } from "./clock";
import { CONTROL_LOOPS } from "./controllers";
import { applyIntent, type IntentResult, type QueuedIntent } from "./intents";
import { applyChanges, dispatchWatch, fireTimers, runLoop, type ControlLoop } from "./loop";
import { runChaos } from "./chaos";
import { runTraffic } from "./traffic";
import { updateScore } from "./score";
import { round3, type SimEvent, type World } from "./world";

/** What a tick produced: each intent's result and the events recorded. */
export interface StepResult {
  results: IntentResult[];
  events: SimEvent[];
}

/** Advances the world by `dt` game seconds. */
export function step(
  world: World,
  intents: readonly QueuedIntent[] = [],
  dt: number = TICK_SECONDS,
  /** The loops to run; benchmarks pass a subset to compare costs, a match always runs them all. */
  loops: readonly ControlLoop[] = CONTROL_LOOPS,
): StepResult {
  const seen = world.eventsDropped + world.events.length;
  world.time = round3(world.time + dt);
  world.tick += 1;

  const results: IntentResult[] = [];
  for (const q of intents) {
    const { result, changes, after } = applyIntent(world, q);
    applyChanges(world, changes);
    // A note read from the world the changes made (the next step of a rollout by hand).
    const note = after?.(world);
    results.push(note && result.ok ? { ...result, note } : result);
  }
  runChaos(world);

  fireTimers(world);
  dispatchWatch(world, loops);
  for (const loop of loops) {
    if (loop.role && world.roles[loop.role] === "manual") continue;
    runLoop(world, loop, loops);
  }
  if (world.time > 0) {
    runTraffic(world, dt);
    updateScore(world, results);
  }

  const fresh = world.eventsDropped + world.events.length - seen;
  return { results, events: world.events.slice(Math.max(0, world.events.length - fresh)) };
}
