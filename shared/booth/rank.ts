/**
 * The booth's ranking, after the competition's (DESIGN §6): availability first, then the
 * error budget left, then mean MTTR (a round that never recovered from an incident ranks
 * after any that did). Shares compare at SHARE_PRECISION decimals so float noise never
 * decides a place. The keys are whole numbers so the store can order by them in SQL and
 * get the same order as {@link compareKeys}.
 */
import { SHARE_PRECISION } from "../competition";

/** MTTR key of a round whose incidents all stayed open: after any recovery. */
export const NEVER_RECOVERED = 1e12;

/** What a round is ranked on, as whole numbers (higher availability and budget better, lower MTTR better). */
export interface RankKeys {
  availability: number;
  budget: number;
  /** Mean MTTR in milliseconds of game time; 0 with no incident; {@link NEVER_RECOVERED} when none closed. */
  mttr: number;
}

/** The keys of a round's score. */
export function rankKeys(r: {
  availability: number;
  errorBudget: number;
  mttr: number | null;
  incidents: number;
}): RankKeys {
  const share = (x: number) => Math.round(x * 10 ** SHARE_PRECISION);
  return {
    availability: share(r.availability),
    budget: share(r.errorBudget),
    mttr: r.mttr !== null ? Math.round(r.mttr * 1000) : r.incidents > 0 ? NEVER_RECOVERED : 0,
  };
}

/** Negative when `a` ranks before `b`; 0 when they share a place. */
export function compareKeys(a: RankKeys, b: RankKeys): number {
  return b.availability - a.availability || b.budget - a.budget || Math.sign(a.mttr - b.mttr);
}
