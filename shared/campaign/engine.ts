/**
 * The level engine: which step the player is on, when it is done, which hint to show and
 * what chaos a new step starts with. Pure and level-based like the sim's loops — it reads
 * the world and returns the next state plus the injections to make; the caller (the page's
 * match) applies them, so they land in the match log like any facilitator's injection.
 */
import type { ChaosSpec } from "../sim/chaos";
import type { World } from "../sim/world";
import { holds, rememberWorld, type WorldMemory } from "./checks";
import type { Level, LevelText } from "./level";

/** Where a player is in a level. */
export interface LevelState {
  /** The current step's index (`steps.length` once the level is won). */
  step: number;
  /** Game time the current step began. */
  enteredAt: number;
  level: WorldMemory;
  stepMemory: WorldMemory;
  won: boolean;
  /** Whether the current step's question was answered correctly. */
  answered: boolean;
  /** The last refused move on this step (cleared when the step changes). */
  wrongMove?: { reason: string; at: number };
}

/** A state and what to inject now. */
export interface LevelAdvance {
  state: LevelState;
  inject: ChaosSpec[];
  /** Whether the step changed in this call. */
  stepped: boolean;
}

function enter(level: Level, index: number, world: World, levelMemory: WorldMemory): LevelAdvance {
  const won = index >= level.spec.steps.length;
  const state: LevelState = {
    step: index,
    enteredAt: world.time,
    level: levelMemory,
    stepMemory: rememberWorld(world),
    won,
    answered: false,
  };
  const inject = won ? [] : level.spec.steps[index]!.enter.map((c) => ({ ...c }));
  return { state, inject, stepped: true };
}

/** The level begins: the world is remembered and the first step's chaos is asked for. */
export function startLevel(level: Level, world: World): LevelAdvance {
  return enter(level, 0, world, rememberWorld(world));
}

/** Whether every check of the current step holds (once its settle time has passed). */
export function stepDone(level: Level, state: LevelState, world: World): boolean {
  const step = level.spec.steps[state.step];
  if (!step || state.won) return false;
  if (world.time < state.enteredAt + step.settle) return false;
  const ctx = { level: state.level, step: state.stepMemory };
  return (!step.ask || state.answered) && step.done.every((c) => holds(c, world, ctx));
}

/** The player picked choice `index` of the current step's question: right, or a wrong move saying why. */
export function answerQuestion(level: Level, state: LevelState, index: number, time: number): LevelState {
  const ask = level.spec.steps[state.step]?.ask;
  const choice = ask?.choices[index];
  if (!ask || !choice || state.won) return state;
  if (choice.correct) {
    const { wrongMove: _gone, ...rest } = state;
    return { ...rest, answered: true };
  }
  return { ...state, wrongMove: { reason: ask.why.en, at: time } };
}

/**
 * One look at the world: a done step gives way to the next (whose chaos is returned), the
 * last one wins the level. At most one step per call, so each step's chaos lands before the
 * next is judged.
 */
export function advanceLevel(level: Level, state: LevelState, world: World): LevelAdvance {
  if (!stepDone(level, state, world)) return { state, inject: [], stepped: false };
  return enter(level, state.step + 1, world, state.level);
}

/** What the hint panel shows: the first nudge whose checks hold, else the step's hint. */
export function currentHint(
  level: Level,
  state: LevelState,
  world: World,
): { text: LevelText; nudge: boolean } | undefined {
  const step = level.spec.steps[state.step];
  if (!step) return undefined;
  const ctx = { level: state.level, step: state.stepMemory };
  const nudge = step.nudges.find(
    (n) => n.when.every((c) => holds(c, world, ctx)) && !n.unless.some((c) => holds(c, world, ctx)),
  );
  return nudge ? { text: nudge.hint, nudge: true } : { text: step.hint, nudge: false };
}

/** A move of the player was refused: remembered so the hint says so. */
export function noteWrongMove(state: LevelState, reason: string, time: number): LevelState {
  if (state.won) return state;
  return { ...state, wrongMove: { reason: reason.slice(0, 300), at: time } };
}
