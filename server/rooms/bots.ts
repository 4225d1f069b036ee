/**
 * Who plays a role nobody holds. Per difficulty: the sim's autopilot (its built-in control
 * loops) or a bot from the sim (`shared/sim/bots.ts`) that plays the role through intents,
 * with a person's reaction delay. A bot's randomness is its own (never `world.rng`), and its
 * state is plain data seeded from the world's seed and the role: same seed ⇒ same bot.
 */
import { botIntents, createBot as createSimBot } from "../../shared/sim";
import type { BotState, BotStyle, QueuedIntent, Role, World } from "../../shared/sim";
import type { Difficulty, UnheldMode } from "../../shared/protocol";

/** How a bot of each bot difficulty plays (`easy`/`standard` use autopilot, no bot). */
export const BOT_STYLES: Readonly<Record<"bots" | "hard", Partial<BotStyle>>> = {
  // The sim's person-like pace: 2–4 s to notice a problem, an action a second.
  bots: {},
  // Slower: 4–8 s to notice, an action every 2 s — the people must carry more.
  hard: { reactionSeconds: 4, reactionJitter: 4, actionSeconds: 2 },
};

/** Who plays an unheld role at the start of a match of this difficulty. */
export function unheldModeFor(difficulty: Difficulty): UnheldMode {
  return difficulty === "bots" || difficulty === "hard" ? "bot" : "autopilot";
}

/** The bot's id in `players` and its actor in events and the score (`scheduler-bot`). */
export function botActor(role: Role): string {
  return `${role}-bot`;
}

/** Whether `actor` is (or looks like) a bot's actor, so no person may take it as a name. */
export function isBotActor(actor: string): boolean {
  return actor.endsWith("-bot");
}

/** A bot in a room: the sim's bot state plus the id it has in the room's `players`. */
export interface Bot {
  readonly id: string;
  readonly role: Role;
  readonly state: BotState;
  /** The intents it sends this tick (none or one); updates its state. */
  intents(world: World): QueuedIntent[];
}

/**
 * A bot for `role` in `world`, paced for `difficulty` (`bots` pace for difficulties that do
 * not use bots, when the host asks for one with `setMode`).
 */
export function createBot(world: World, role: Role, difficulty: Difficulty): Bot {
  const actor = botActor(role);
  const style = difficulty === "hard" ? BOT_STYLES.hard : BOT_STYLES.bots;
  const state = createSimBot(world, role, { actor, style });
  return { id: actor, role, state, intents: (w) => botIntents(w, state) };
}
