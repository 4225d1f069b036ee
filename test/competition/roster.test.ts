/** A team's roster entry: players' roles and connection, and the facilitator's warnings. */
import { describe, expect, it } from "vitest";
import { mergeRoster, rosterPlayers, teamWarnings } from "../../shared/competition";

const autopilot = () => "autopilot" as const;

describe("rosterPlayers", () => {
  it("lists each person's roles (none for a watcher) and whether connected", () => {
    expect(
      rosterPlayers([
        { name: "Ada", role: "scheduler", connected: true },
        { name: "Bo", role: "", connected: false },
      ]),
    ).toEqual([
      { name: "Ada", roles: ["scheduler"], connected: true },
      { name: "Bo", roles: [], connected: false },
    ]);
  });
});

describe("teamWarnings", () => {
  it("warns of a team nobody joined, and of every role nobody holds with who plays it", () => {
    expect(teamWarnings([], autopilot)).toEqual([
      { code: "NOBODY_CONNECTED" },
      { code: "ROLE_UNHELD", role: "scheduler", playedBy: "autopilot" },
      { code: "ROLE_UNHELD", role: "workload-controller", playedBy: "autopilot" },
      { code: "ROLE_UNHELD", role: "service-controller", playedBy: "autopilot" },
    ]);
  });

  it("counts a reconnecting player as not connected, and says which unheld role is a bot's or nobody's", () => {
    const players = rosterPlayers([
      { name: "Ada", role: "scheduler", connected: false },
      { name: "Bo", role: "workload-controller", connected: false },
    ]);
    const mode = (r: string) => (r === "service-controller" ? ("manual" as const) : ("bot" as const));
    expect(teamWarnings(players, mode)).toEqual([
      { code: "NOBODY_CONNECTED" },
      { code: "ROLE_UNHELD", role: "service-controller", playedBy: "manual" },
    ]);
  });

  it("has nothing to say of a connected team holding every role", () => {
    const players = rosterPlayers([
      { name: "Ada", role: "scheduler", connected: true },
      { name: "Bo", role: "workload-controller", connected: false },
      { name: "Cy", role: "service-controller", connected: false },
    ]);
    expect(teamWarnings(players, autopilot)).toEqual([]);
  });
});

describe("mergeRoster", () => {
  const team = (teamId: string, name: string) => ({
    teamId,
    name,
    players: [{ name: "Ada", roles: [], connected: true }],
    chaos: [],
    firstRunningTick: null,
    warnings: [{ code: "NOBODY_CONNECTED" as const }],
  });

  it("merges a changed entry over the one held, keeping people and warnings it leaves out", () => {
    const held = [team("A", "Owls"), team("B", "Foxes")];
    const chaos = [{ at: 3, type: "pod-kill", source: "injected" }];
    const next = mergeRoster(held, { teams: [{ teamId: "B", name: "Foxes", chaos, firstRunningTick: 7 }] });
    expect(next).toEqual([held[0], { ...held[1], chaos, firstRunningTick: 7 }]);
    expect(held[1]!.chaos).toEqual([]);
  });

  it("appends new teams and drops removed ones, in order of arrival", () => {
    const next = mergeRoster([team("A", "Owls"), team("B", "Foxes")], {
      teams: [team("C", "Herons")],
      removed: ["A"],
    });
    expect(next.map((t) => t.teamId)).toEqual(["B", "C"]);
  });
});
