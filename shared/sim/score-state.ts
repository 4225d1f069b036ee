/**
 * The score's bookkeeping as the world keeps it (model layer: no behaviour but the empty
 * state). The rules that fill it live in score.ts, which runs after the control loops.
 */
import type { IntentType } from "./intents/types";
import type { Role } from "./world";

/** One incident: opened by a chaos event, closed when the chain is healthy again. */
export interface Incident {
  start: number;
  /** When the chain was healthy again (game seconds), or null while still open. */
  end: number | null;
  /** `type` or `type:target` of the chaos event. */
  cause: string;
  source: "schedule" | "injected";
}

/** One accepted intent as the score remembers it (refused ones change nothing, so leave no record). */
export interface ActionRecord {
  time: number;
  actor: string;
  role: Role;
  type: IntentType;
  ok: boolean;
  /** Points the intent earned (positive), cost (negative) or 0; null until judged. */
  points: number | null;
}

/** A player's running tally. */
export interface PlayerTally {
  points: number;
  actions: number;
  restored: number;
  broke: number;
}

/** The score bookkeeping kept in the world. */
export interface ScoreState {
  incidents: Incident[];
  /** How many of `world.chaos.fired` have been turned into incidents. */
  firedSeen: number;
  /** Accepted intents waiting for their effect to be judged (indexes into `actions`, by time). */
  pending: { action: number; at: number; before: number }[];
  actions: ActionRecord[];
  /** Intents forgotten from the front of `actions` to bound memory. */
  actionsDropped: number;
  players: Record<string, PlayerTally>;
}

/** Empty bookkeeping (the match clock at zero). */
export function emptyScore(): ScoreState {
  return { incidents: [], firedSeen: 0, pending: [], actions: [], actionsDropped: 0, players: {} };
}
