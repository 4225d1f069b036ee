/**
 * Who plays a role nobody holds. Today: the sim's built-in autopilot loops. Issue 3 brings
 * bots that play a role "the way a person would" through intents; they plug in here.
 */
import type { QueuedIntent, Role, World } from "../../shared/sim";
import type { Difficulty } from "../../shared/protocol";

/** A bot: each tick, the intents it sends for its role (after its own reaction delay). */
export interface Bot {
  readonly role: Role;
  intents(world: World): QueuedIntent[];
}

/**
 * The bot for an unheld role at a difficulty, or null to leave the role to the sim's
 * autopilot. No bots exist yet, so every difficulty uses autopilot.
 */
export function createBot(_role: Role, _difficulty: Difficulty): Bot | null {
  return null;
}
