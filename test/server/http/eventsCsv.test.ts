/**
 * The event CSV as a spreadsheet reads it: one header, the same columns on every row, rows
 * by kind in order, kubectl text with quotes and commas intact, and a cell that would start
 * a formula escaped.
 */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { EventDebrief } from "../../../shared/competition";
import { EVENT_CSV_COLUMNS, EVENT_CSV_KINDS, eventCsv } from "../../../server/http/eventsCsv";

const KUBECTL = `kubectl -n kube-system create -f - <<< '{"kind":"Binding","metadata":{"name":"coredns-1"}}'`;

const DEBRIEF: EventDebrief = {
  event: {
    id: "abcdefghijkl",
    code: "ACDE",
    name: "Night, part 2",
    scenario: "nmt",
    createdAt: Date.UTC(2026, 0, 2),
    startedAt: null,
    endedAt: null,
    teams: 2,
    phase: "ended",
    outcome: "finished",
    options: {
      scenario: "nmt",
      seed: 9,
      clock: "arcade",
      difficulty: "standard",
      durationSeconds: 2,
      chaos: true,
    },
  },
  teams: [
    {
      teamId: "TAAA",
      name: "=SUM(A1)",
      rank: 1,
      matchId: "m1",
      status: "finished",
      time: 2,
      availability: 0.5,
      errorBudgetRemaining: -3,
      mttrSeconds: 1,
      openIncidents: 0,
      actions: 2,
      teamPoints: 4999,
      players: [
        { name: "Ada", actor: "Ada", role: "scheduler", isBot: false, points: 50, restored: 1, broke: 0 },
      ],
    },
    {
      teamId: "TBBB",
      name: "Slow",
      rank: 2,
      matchId: "m2",
      status: "finished",
      time: 2,
      availability: 0.25,
      errorBudgetRemaining: -5,
      mttrSeconds: null,
      openIncidents: 1,
      actions: 0,
      teamPoints: 2400,
      players: [],
    },
  ],
  chaos: [{ at: 0.5, second: 0, type: "dns-outage", source: "injected", teams: ["TAAA", "TBBB"] }],
  incidents: [
    {
      at: 0.5,
      second: 0,
      type: "dns-outage",
      source: "injected",
      teams: ["TAAA", "TBBB"],
      index: 1,
      cause: "dns-outage",
      rows: [
        { teamId: "TAAA", outcome: "recovered", recoveredAfter: 1 },
        { teamId: "TBBB", outcome: "not recovered", recoveredAfter: null },
      ],
      best: {
        teamId: "TAAA",
        teamName: "=SUM(A1)",
        recoveredAfter: 1,
        move: {
          at: 0.7,
          player: "Ada",
          actor: "Ada",
          role: "scheduler",
          intent: { type: "bindPod", pod: "kube-system/coredns-1", node: "node-1" },
          kubectl: KUBECTL,
          points: 50,
        },
      },
    },
  ],
  availability: [
    { teamId: "TAAA", perSecond: [0, 1] },
    { teamId: "TBBB", perSecond: [0, 0.5] },
  ],
};

describe("eventCsv", () => {
  const rows = parse(eventCsv(DEBRIEF), { columns: true }) as Record<string, string>[];

  it("has one header and the same columns on every row, kinds in order", () => {
    expect(Object.keys(rows[0]!)).toEqual([...EVENT_CSV_COLUMNS]);
    const kinds = rows.map((r) => r.kind!);
    expect(kinds).toEqual([
      "event",
      "team",
      "team",
      "player",
      "incident",
      "incident",
      ...Array(4).fill("availability"),
    ]);
    expect([...new Set(kinds)]).toEqual([...EVENT_CSV_KINDS]);
    expect(rows.every((r) => r.event_code === "ACDE")).toBe(true);
  });

  it("keeps commas and quotes, and escapes a cell that would start a formula", () => {
    expect(rows[0]).toMatchObject({ team_name: "Night, part 2" });
    expect(rows[0]!.detail).toContain("seed 9; clock arcade");
    expect(rows[1]!.team_name).toBe("'=SUM(A1)");
    const fastest = rows.find((r) => r.kind === "incident" && r.fastest === "1")!;
    expect(fastest).toMatchObject({
      team_code: "TAAA",
      outcome: "recovered",
      recovered_after_s: "1",
      player: "Ada",
      role: "scheduler",
      points: "50",
      ending_intent: KUBECTL,
    });
    const slow = rows.find((r) => r.kind === "incident" && r.team_code === "TBBB")!;
    expect(slow).toMatchObject({
      outcome: "not recovered",
      recovered_after_s: "",
      fastest: "0",
      ending_intent: "",
    });
  });

  it("gives a row per team and game second of availability", () => {
    expect(
      rows.filter((r) => r.kind === "availability").map((r) => [r.team_code, r.game_second, r.availability]),
    ).toEqual([
      ["TAAA", "0", "0"],
      ["TAAA", "1", "1"],
      ["TBBB", "0", "0"],
      ["TBBB", "1", "0.5"],
    ]);
  });
});
