/** Board rows: a team packs into BOARD_COLUMNS order and unpacks to the same team. */
import { describe, expect, it } from "vitest";
import { BOARD_COLUMNS, fromBoardRow, toBoardRow, type BoardTeam } from "../../shared/competition";

describe("board rows", () => {
  it("round-trips a team, null MTTR included, one value per column", () => {
    const t: BoardTeam = {
      teamId: "ACDE",
      rank: 2,
      phase: "paused",
      time: 41.5,
      availability: 0.987654,
      errorBudgetRemaining: -0.25,
      mttrSeconds: null,
      openIncidents: 1,
      actions: 7,
      second: 0.75,
    };
    const row = toBoardRow(t);
    expect(row).toHaveLength(BOARD_COLUMNS.length);
    expect(row[BOARD_COLUMNS.indexOf("availability")]).toBe(0.987654);
    expect(fromBoardRow(row)).toEqual(t);
  });
});
