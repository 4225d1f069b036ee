/** A team's roster entry: players' roles and connection, and the facilitator's warnings. */
import { describe, expect, it } from "vitest";
import { rosterPlayers, teamWarnings } from "../../shared/competition";

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
