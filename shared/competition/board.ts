/**
 * The board's wire shape: standings as rows of columns (the column names once per
 * message, not once per team), so a 20-team board stays near 1 KB a second.
 */
import type { EventPhase } from "./clock";
import type { TeamStanding } from "./ranking";

/** The columns of a board row, in order. */
export const BOARD_COLUMNS = [
  "teamId",
  "rank",
  "phase",
  "time",
  "availability",
  "errorBudgetRemaining",
  "mttrSeconds",
  "openIncidents",
  "actions",
  "second",
] as const;

/** One team on the board. */
export interface BoardTeam extends Omit<TeamStanding, "name"> {
  rank: number;
  phase: EventPhase;
  /** The team's game clock (seconds). */
  time: number;
  /**
   * Availability of the team's last complete game second (what the chart draws, the same
   * per-second figure the stored debrief has), null before one second has run.
   */
  second: number | null;
}

/** One board row: the values of {@link BOARD_COLUMNS} in order. */
export type BoardRow = (string | number | null)[];

/** Packs a team into a row. */
export function toBoardRow(t: BoardTeam): BoardRow {
  return BOARD_COLUMNS.map((c) => t[c]);
}

/** Unpacks a row (a board from this version of the server). */
export function fromBoardRow(row: readonly unknown[]): BoardTeam {
  const out: Record<string, unknown> = {};
  BOARD_COLUMNS.forEach((c, i) => (out[c] = row[i]));
  return out as unknown as BoardTeam;
}
