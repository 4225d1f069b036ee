/**
 * The competition's clock: one state for every team, moved by the facilitator. Pause
 * semantics: a paused team's game clock does not advance (no tick runs, nothing is
 * judged, no chaos fires), so pausing never costs a team availability or MTTR.
 */

/** Where the event is: waiting for teams, running, paused, or over. */
export type EventPhase = "lobby" | "running" | "paused" | "ended";

/** Each control move and the phases it may start from. */
export const EVENT_MOVES = {
  start: { from: ["lobby"], to: "running" },
  pause: { from: ["running"], to: "paused" },
  resume: { from: ["paused"], to: "running" },
  end: { from: ["running", "paused"], to: "ended" },
} as const satisfies Record<string, { from: readonly EventPhase[]; to: EventPhase }>;

/** One control move. */
export type EventMove = keyof typeof EVENT_MOVES;

/** The control moves, in the order the console shows them. */
export const EVENT_MOVE_NAMES = Object.keys(EVENT_MOVES) as EventMove[];

/** The phase after `move`, or an explanation of why it is not allowed now. */
export function moveEvent(
  phase: EventPhase,
  move: EventMove,
): { ok: true; phase: EventPhase } | { ok: false; reason: string } {
  const m = EVENT_MOVES[move];
  if (!(m.from as readonly EventPhase[]).includes(phase))
    return { ok: false, reason: `cannot ${move} while ${phase} (allowed from: ${m.from.join(", ")})` };
  return { ok: true, phase: m.to };
}

/** Whether a team's game clock advances in this phase (only while running). */
export function clockRuns(phase: EventPhase): boolean {
  return phase === "running";
}

/**
 * Whether the event is over on its own: it was started and every team's game has ended
 * (their clocks ran out without an "end all").
 */
export function allTeamsEnded(phase: EventPhase, teamPhases: readonly string[]): boolean {
  return (
    phase !== "lobby" && phase !== "ended" && teamPhases.length > 0 && teamPhases.every((p) => p === "ended")
  );
}

/** Whether chaos may be injected in this phase (a paused event queues nothing). */
export function acceptsInjections(phase: EventPhase): boolean {
  return phase === "running";
}
