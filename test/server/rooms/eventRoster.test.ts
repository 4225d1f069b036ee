/** The event's teams: names held while a team is created, the event's names over the teams' reports, removal. */
import { describe, expect, it } from "vitest";
import { EventTeams } from "../../../server/rooms/eventRoster";
import type { TeamStatus } from "../../../server/rooms/eventTeam";

const status = (teamId: string, name: string, extra: Partial<TeamStatus> = {}): TeamStatus => ({
  teamId,
  name,
  phase: "lobby",
  time: 0,
  tick: 0,
  firstRunningTick: null,
  players: [],
  warnings: [],
  availability: 1,
  secondsFrom: 0,
  seconds: [],
  errorBudgetRemaining: 1,
  mttrSeconds: null,
  openIncidents: 0,
  actions: 0,
  chaos: [],
  ...extra,
});

/** A creation the test finishes by hand, reporting like a team room does as it is created. */
function deferredTeam(teams: EventTeams, teamId: string, name: string) {
  let finish!: () => void;
  const created = new Promise<string>((resolve) => {
    finish = () => {
      teams.onStatus(status(teamId, name));
      resolve(teamId);
    };
  });
  return { created, finish };
}

describe("EventTeams", () => {
  it("holds a name while its team is created: a second ask waits for the same team, the count is right", async () => {
    const teams = new EventTeams();
    const red = deferredTeam(teams, "AAAA", "Red");
    const done = teams.create("Red", () => red.created);
    expect(teams.size).toBe(1);
    expect(teams.creating).toBe(1);
    const waiting = teams.find("RED");
    expect(waiting && "creating" in waiting).toBe(true);
    expect(teams.nameTaken("red")).toBe(true);
    red.finish();
    // Reported but not yet resolved to its creator: still one team.
    expect(teams.size).toBe(1);
    expect(await done).toBe("AAAA");
    expect(await (waiting as { creating: Promise<string> }).creating).toBe("AAAA");
    expect(teams.creating).toBe(0);
    expect(teams.find("red")).toEqual({ teamId: "AAAA" });
  });

  it("keeps holding a created team's name until its first report (presence may deliver it late)", async () => {
    const teams = new EventTeams();
    expect(await teams.create("Red", () => Promise.resolve("AAAA"))).toBe("AAAA");
    expect(teams.size).toBe(1);
    expect(teams.creating).toBe(1);
    expect(teams.nameTaken("RED")).toBe(true);
    teams.onStatus(status("AAAA", "Red"));
    expect(teams.size).toBe(1);
    expect(teams.creating).toBe(0);
    expect(teams.find("red")).toEqual({ teamId: "AAAA" });
  });

  it("frees the name when the creation fails", async () => {
    const teams = new EventTeams();
    await expect(teams.create("Red", () => Promise.reject(new Error("no room")))).rejects.toThrow("no room");
    expect(teams.size).toBe(0);
    expect(teams.find("Red")).toBeUndefined();
  });

  it("keeps the event's name over a team's later reports, and ignores a removed team's", () => {
    const teams = new EventTeams();
    teams.onStatus(status("AAAA", "Team 1"));
    teams.onStatus(status("BBBB", "Team 2"));
    expect(teams.changes()?.teams.map((t) => t.name)).toEqual(["Team 1", "Team 2"]);
    teams.rename("AAAA", "Owls");
    teams.onStatus(status("AAAA", "Team 1", { time: 1 }));
    expect(teams.statuses().map((t) => t.name)).toEqual(["Owls", "Team 2"]);
    expect(teams.nameTaken("owls", "AAAA")).toBe(false);
    expect(teams.nameTaken("owls", "BBBB")).toBe(true);
    // Only the name changed: the entry leaves out the people and warnings the page has.
    expect(teams.changes()).toEqual({
      teams: [{ teamId: "AAAA", name: "Owls", chaos: [], firstRunningTick: null }],
    });
    expect(teams.changes()).toBeUndefined();
    const ada = { name: "Ada", roles: [], connected: true };
    teams.onStatus(status("AAAA", "Team 1", { players: [ada] }));
    expect(teams.changes()).toEqual({ teams: [expect.objectContaining({ teamId: "AAAA", players: [ada] })] });

    teams.remove("BBBB");
    teams.onStatus(status("BBBB", "Team 2", { time: 2 }));
    expect(teams.has("BBBB")).toBe(false);
    expect(teams.roster().teams.map((t) => t.teamId)).toEqual(["AAAA"]);
    expect(teams.changes()).toEqual({ teams: [], removed: ["BBBB"] });
    expect(teams.changes()).toBeUndefined();
  });
});
