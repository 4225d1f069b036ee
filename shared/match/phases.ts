/** Match phases and the moves between them: lobby → running → debrief, and restart → lobby. */
import type { Phase } from "../protocol";

/** Each phase move: the phases it may start from and where it goes. */
export const PHASE_MOVES = {
  start: { from: ["lobby"], to: "running" },
  end: { from: ["running"], to: "debrief" },
  restart: { from: ["lobby", "running", "debrief"], to: "lobby" },
} as const satisfies Record<string, { from: readonly Phase[]; to: Phase }>;

/** One phase move. */
export type PhaseMove = keyof typeof PHASE_MOVES;

/** Whether `move` is allowed from `phase`. */
export function canMove(phase: Phase, move: PhaseMove): boolean {
  return (PHASE_MOVES[move].from as readonly Phase[]).includes(phase);
}

/** Whether intents and injections are accepted in this phase. */
export function acceptsIntents(phase: Phase): boolean {
  return phase === "running";
}
