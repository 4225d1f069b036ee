/**
 * How the competition screens write numbers (pure): shares as percents, the error budget
 * left, a mean time to recover, and a value a team does not have yet.
 */

/** What a screen shows for a value a team does not have (never played, nothing closed). */
export const NONE = "—";

/** A share (0..1) as a percent with `digits` decimals; null shows {@link NONE}. */
export function percent(x: number | null | undefined, digits = 2): string {
  return x === null || x === undefined || !Number.isFinite(x) ? NONE : `${(x * 100).toFixed(digits)}%`;
}

/** Seconds with one decimal ("12.3 s"); null shows {@link NONE}. */
export function seconds(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? NONE : `${x.toFixed(1)} s`;
}

/** Whether a text has Chinese characters (a heading of them may wrap anywhere; Latin words wrap at spaces only). */
export function hasCjk(s: string): boolean {
  return /[\u2e80-\u9fff]/.test(s);
}
