/**
 * The competition's ranking (DESIGN §6): availability first, then the error budget left,
 * then mean MTTR, then fewer actions. Pure and deterministic, so the board, the debrief
 * and the exports rank teams identically.
 */

/** What the ranking needs from one team's score. */
export interface TeamStanding {
  teamId: string;
  name: string;
  /** Share of requests that succeeded, 0..1. */
  availability: number;
  /** Share of the error budget left (may go below 0). */
  errorBudgetRemaining: number;
  /** Mean time to recovery of closed incidents in seconds; null when none closed. */
  mttrSeconds: number | null;
  /** How many of the team's incidents are still open. */
  openIncidents: number;
  /** Accepted intents. */
  actions: number;
}

/** A standing with its place: equal teams share a place ("1, 2, 2, 4"). */
export type RankedTeam<T extends TeamStanding = TeamStanding> = T & { rank: number };

/**
 * Decimal places the shares are compared at: two teams whose availability differs by less
 * than half a millionth are equal, so float noise never decides a place.
 */
export const SHARE_PRECISION = 6;

const roundShare = (x: number) => Math.round(x * 10 ** SHARE_PRECISION);

/**
 * The MTTR a team is compared at. No closed incident with none open means the team had
 * nothing to recover from (0 s); none closed while some are open means it never
 * recovered, which ranks after any recovery (Infinity).
 */
export function comparableMttr(t: Pick<TeamStanding, "mttrSeconds" | "openIncidents">): number {
  if (t.mttrSeconds !== null) return t.mttrSeconds;
  return t.openIncidents > 0 ? Number.POSITIVE_INFINITY : 0;
}

/**
 * Orders two standings by the rules; 0 means tied on every rule. Tie-breaks, in order:
 * higher availability, more error budget left, lower mean MTTR (see {@link comparableMttr}),
 * fewer actions.
 */
export function compareStandings(a: TeamStanding, b: TeamStanding): number {
  return (
    roundShare(b.availability) - roundShare(a.availability) ||
    roundShare(b.errorBudgetRemaining) - roundShare(a.errorBudgetRemaining) ||
    Math.sign(comparableMttr(a) - comparableMttr(b)) ||
    a.actions - b.actions
  );
}

/** Byte-wise string order (locale-independent, so every machine lists ties alike). */
function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Ranks teams. Teams tied on every rule share a place and are listed by name, then by
 * team id, so the listing is stable whatever order the teams arrived in.
 */
export function rankTeams<T extends TeamStanding>(teams: readonly T[]): RankedTeam<T>[] {
  const sorted = [...teams].sort(
    (a, b) => compareStandings(a, b) || byText(a.name, b.name) || byText(a.teamId, b.teamId),
  );
  const out: RankedTeam<T>[] = [];
  sorted.forEach((t, i) => {
    const prev = out[i - 1];
    const rank = prev && compareStandings(prev, t) === 0 ? prev.rank : i + 1;
    out.push({ ...t, rank });
  });
  return out;
}
