/**
 * The board's model of a competition: the history on join draws the past and each board
 * adds a second; a history that arrives after some boards keeps their seconds; teams keep
 * their colour in name order; a one-team injection is labelled with its team; removed teams
 * leave; the stored debrief fills the final board when the room is gone.
 */
import { describe, expect, it } from "vitest";
import { toBoardRow, type BoardTeam } from "../../../shared/competition/board";
import type { EventDebrief } from "../../../shared/competition/debrief";
import type { Board } from "../../../shared/competition/messages";
import { BoardModel, compareTeamNames } from "../../../client/src/event/boardModel";

const team = (
  teamId: string,
  rank: number,
  time: number,
  availability: number,
  more: Partial<BoardTeam> = {},
) =>
  toBoardRow({
    teamId,
    rank,
    phase: "running",
    time,
    availability,
    errorBudgetRemaining: 1,
    mttrSeconds: null,
    openIncidents: 0,
    actions: 0,
    second: availability, // this test's teams: the last second as the running share
    ...more,
  });

const board = (rows: Board["rows"], phase: Board["phase"] = "running"): Board => ({
  code: "ABCD",
  name: "Dojo",
  phase,
  serverTick: 100,
  rows,
});

const roster = [
  { teamId: "T10", name: "Team 10", chaos: [] },
  {
    teamId: "T2",
    name: "Team 2",
    chaos: [{ at: 3, type: "pod-kill", target: "shop/tomcat", source: "injected" }],
  },
];

describe("BoardModel", () => {
  it("draws the past from the history, then adds a second per board", () => {
    const m = new BoardModel("ABCD");
    m.roster(roster);
    m.history({
      teams: [
        { teamId: "T2", availability: [1, 1, 0.9] },
        { teamId: "T10", availability: [1, 1, 1] },
      ],
      chaos: [{ at: 1, type: "node-crash", target: "node-1", source: "schedule" }],
      durationSeconds: 180,
    });
    expect(m.durationSeconds).toBe(180); // the chart spans the round from the start
    // at game time 3 the last complete second is 2, which the history already has
    m.board(board([team("T10", 1, 3, 1), team("T2", 2, 3.0000001, 0.5)]));
    expect(m.line("T2")).toEqual([1, 1, 0.9]);
    m.board(board([team("T10", 1, 4, 1), team("T2", 2, 4.0000001, 0.85)]));
    expect(m.line("T2")).toEqual([1, 1, 0.9, 0.85]);
    expect(m.line("T10")).toEqual([1, 1, 1, 1]);
    m.board(board([team("T10", 1, 6, 1), team("T2", 2, 6, 0.8)]));
    // a skipped second carries the last value
    expect(m.line("T2")).toEqual([1, 1, 0.9, 0.85, 0.85, 0.8]);
    expect(m.clock()).toBe(6);
    expect(m.standings().map((s) => [s.name, s.rank])).toEqual([
      ["Team 10", 1],
      ["Team 2", 2],
    ]);
  });

  it("keeps the seconds boards added before a late history, and takes the history's past", () => {
    const m = new BoardModel("ABCD");
    m.roster(roster);
    m.board(board([team("T2", 1, 5, 0.7)]));
    expect(m.line("T2")).toEqual([0.7, 0.7, 0.7, 0.7, 0.7]);
    m.history({ teams: [{ teamId: "T2", availability: [1, 1, 0.9] }], chaos: [] });
    expect(m.line("T2")).toEqual([1, 1, 0.9, 0.7, 0.7]);
  });

  it("draws nothing for a team whose clock has not run", () => {
    const m = new BoardModel("ABCD");
    m.board(board([team("T2", 1, 0, 1, { phase: "lobby" })], "lobby"));
    expect(m.line("T2")).toEqual([]);
    expect(m.standings()).toHaveLength(1);
  });

  it("orders teams by name counting numbers as numbers, so colours do not depend on arrival", () => {
    const m = new BoardModel("ABCD");
    m.roster(roster);
    expect(m.teamIds()).toEqual(["T2", "T10"]);
    expect(m.indexOf("T2")).toBe(0);
    expect(m.indexOf("T10")).toBe(1);
    expect(compareTeamNames("Team 9", "Team 10")).toBeLessThan(0);
  });

  it("labels shared chaos by type and a one-team injection with its team", () => {
    const m = new BoardModel("ABCD");
    m.roster(roster);
    m.history({ teams: [], chaos: [{ at: 1, type: "node-crash", target: "node-1", source: "schedule" }] });
    expect(m.marks().map((mk) => m.markLabel(mk))).toEqual(["node-crash", "pod-kill → Team 2"]);
  });

  it("drops a removed team with its line and marks", () => {
    const m = new BoardModel("ABCD");
    m.roster(roster);
    m.roster([], ["T2"]);
    expect(m.teamIds()).toEqual(["T10"]);
    expect(m.marks()).toEqual([]);
  });

  it("fills the final board from the stored debrief", () => {
    const d = {
      event: { code: "ABCD", name: "Dojo", phase: "ended", options: { durationSeconds: 120 } },
      teams: [
        {
          teamId: "T10",
          name: "Team 10",
          rank: 1,
          time: 3,
          availability: 1,
          errorBudgetRemaining: 1,
          mttrSeconds: 2,
          openIncidents: 0,
          actions: 4,
        },
        {
          teamId: "T2",
          name: "Team 2",
          rank: null,
          time: 0,
          availability: null,
          errorBudgetRemaining: null,
          mttrSeconds: null,
          openIncidents: 0,
          actions: 0,
        },
      ],
      chaos: [{ at: 1, second: 1, type: "pod-kill", source: "schedule", teams: ["T10"] }],
      incidents: [],
      availability: [
        { teamId: "T10", perSecond: [1, 0.5, 1, 1] },
        { teamId: "T2", perSecond: [] },
      ],
    } as unknown as EventDebrief;
    const m = new BoardModel("ABCD");
    m.stored(d);
    expect(m.source).toBe("stored");
    expect(m.phase).toBe("ended");
    expect(m.standings().map((s) => [s.name, s.rank, s.availability])).toEqual([
      ["Team 10", 1, 1],
      ["Team 2", null, null],
    ]);
    expect(m.line("T10")).toEqual([1, 0.5, 1, 1]);
    expect(m.durationSeconds).toBe(3);
    expect(m.marks().map((mk) => m.markLabel(mk))).toEqual(["pod-kill → Team 10"]);
  });
});
