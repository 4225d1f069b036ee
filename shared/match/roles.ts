/**
 * Role policy: who plays each role. A role a person holds is manual (the person does the
 * loop's work). An unheld role is played as the difficulty says — the sim's autopilot, a bot
 * through intents, or nobody — until the host changes it with `setMode`.
 */
import { ROLES, type BotStyle, type Role, type RoleMode } from "../sim";
import type { Difficulty, UnheldMode } from "../protocol";

/** How a bot of each bot difficulty plays (`easy` / `standard` use the autopilot, no bot). */
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

/** The bot pace for a difficulty (`bots` pace when the host asks for a bot in an autopilot match). */
export function botStyleFor(difficulty: Difficulty): Partial<BotStyle> {
  return difficulty === "hard" ? BOT_STYLES.hard : BOT_STYLES.bots;
}

/** Holders and unheld modes of the three roles. */
export class RolePolicy {
  private readonly holders: Record<Role, string> = {
    scheduler: "",
    "workload-controller": "",
    "service-controller": "",
  };
  private readonly unheld: Record<Role, UnheldMode>;

  constructor(difficulty: Difficulty) {
    const m = unheldModeFor(difficulty);
    this.unheld = { scheduler: m, "workload-controller": m, "service-controller": m };
  }

  /** The seat id holding a role, or "". */
  holderOf(role: Role): string {
    return this.holders[role];
  }

  /** Roles no person holds, in role order. */
  free(): Role[] {
    return ROLES.filter((r) => !this.holders[r]);
  }

  /** Gives a free role to a seat. */
  take(role: Role, seatId: string): void {
    this.holders[role] = seatId;
  }

  /** Frees whatever role a seat holds. */
  release(seatId: string): void {
    for (const r of ROLES) if (this.holders[r] === seatId) this.holders[r] = "";
  }

  /** How an unheld role is played. */
  unheldMode(role: Role): UnheldMode {
    return this.unheld[role];
  }

  /** The host's choice for an unheld role. */
  setUnheld(role: Role, mode: UnheldMode): void {
    this.unheld[role] = mode;
  }

  /** What the world runs for the role: its loops (`autopilot`) or intents only (`manual`). */
  worldMode(role: Role): RoleMode {
    return this.holders[role] || this.unheld[role] !== "autopilot" ? "manual" : "autopilot";
  }

  /** Whether a bot should be playing the role now. */
  wantsBot(role: Role): boolean {
    return !this.holders[role] && this.unheld[role] === "bot";
  }
}
