/**
 * The kiosk's current round, from the how-to to the next visitor: which role, its
 * client-generated round id (the idempotency key of its claim or upload), whether it runs
 * in this browser, and what the server answered when it was stored.
 */
import { DEFAULT_BOOTH_SETTINGS, type BoothConfig, type RoundStored } from "../../../shared/booth";
import { DEFAULT_DIFFICULTY, DEFAULT_SCENARIO, type CreateOptions } from "../../../shared/protocol/messages";
import type { Role } from "../../../shared/sim";
import { Connection } from "../net/connection";
import { newRoundId } from "./api";
import { LocalConnection, localOptions } from "./localConnection";

/** One visitor's round. */
export interface BoothRound {
  roundId: string;
  role: Role;
  /** Played in this browser (the server could not be reached). */
  offline: boolean;
  conn: Connection;
  /** The server's answer once the round is stored. */
  stored?: RoundStored;
  /** The initials or nickname saved for it. */
  name?: string;
}

/** Settings a round needs when no config was ever fetched (the server's defaults). */
const FALLBACK = DEFAULT_BOOTH_SETTINGS;

/** The kiosk's round in progress or at its debrief (cleared when the attract loop returns). */
export const booth: { round: BoothRound | undefined } = { round: undefined };

const ROUND_KEY = "reconcile.booth.round";

/** Sets the kiosk's round, remembered in this tab so a reload mid-round can still claim it. */
export function setBoothRound(round: BoothRound | undefined): void {
  booth.round = round;
  try {
    if (round && !round.offline)
      globalThis.sessionStorage?.setItem(
        ROUND_KEY,
        JSON.stringify({ roundId: round.roundId, role: round.role }),
      );
    else globalThis.sessionStorage?.removeItem(ROUND_KEY);
  } catch {
    // no storage: a reload loses the round's claim, nothing else
  }
}

/** The kiosk's round after a reload took this tab back into its match (a server round only). */
export function recallBoothRound(conn: Connection): BoothRound | undefined {
  try {
    const saved = JSON.parse(globalThis.sessionStorage?.getItem(ROUND_KEY) ?? "null") as {
      roundId?: unknown;
      role?: unknown;
    } | null;
    if (!saved || typeof saved.roundId !== "string" || typeof saved.role !== "string") return undefined;
    return (booth.round = { roundId: saved.roundId, role: saved.role as Role, offline: false, conn });
  } catch {
    return undefined;
  }
}

/** Create options of a booth round from the booth's config. */
export function boothCreateOptions(config: BoothConfig | undefined): CreateOptions {
  const s = config?.settings ?? FALLBACK;
  return { scenario: s.scenario, difficulty: s.difficulty, durationSeconds: s.durationSeconds, chaos: true };
}

/** The name the visitor's seat joins with, before they enter initials. */
export const VISITOR = "Visitor";

/**
 * Prepares a round on the server (created, not started: the how-to is still on screen);
 * when the server cannot be reached, a round in this browser with the booth's last known
 * settings instead.
 */
export async function prepareRound(role: Role, config: BoothConfig | undefined): Promise<BoothRound> {
  const roundId = newRoundId();
  const options = boothCreateOptions(config);
  const conn = new Connection();
  try {
    await conn.create({ ...options, name: VISITOR, role });
    return { roundId, role, offline: false, conn };
  } catch {
    await conn.leave().catch(() => undefined);
    const local = new LocalConnection({
      options: localOptions({
        scenario: options.scenario ?? DEFAULT_SCENARIO,
        difficulty: options.difficulty ?? DEFAULT_DIFFICULTY,
        durationSeconds: options.durationSeconds ?? FALLBACK.durationSeconds,
        // The browser's CSPRNG picks the offline round's chaos (the server replays it from the log).
        seed: crypto.getRandomValues(new Uint32Array(1))[0]! >>> 1,
      }),
      seat: { name: VISITOR, role },
      code: "OFFLINE",
    });
    return { roundId, role, offline: true, conn: local };
  }
}
