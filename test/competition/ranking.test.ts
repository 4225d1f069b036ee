/** The competition ranking: availability, then error budget left, then mean MTTR, then fewer actions; ties share a place. */
import { describe, expect, it } from "vitest";
import { comparableMttr, rankTeams, type TeamStanding } from "../../shared/competition";

function team(teamId: string, over: Partial<TeamStanding> = {}): TeamStanding {
  return {
    teamId,
    name: teamId,
    availability: 0.99,
    errorBudgetRemaining: 0.5,
    mttrSeconds: 10,
    openIncidents: 0,
    actions: 5,
    ...over,
  };
}

const order = (teams: TeamStanding[]) => rankTeams(teams).map((t) => `${t.rank}:${t.teamId}`);

describe("rankTeams", () => {
  it("ranks by availability first, whatever the other rules say", () => {
    const a = team("a", { availability: 0.95, errorBudgetRemaining: 1, mttrSeconds: 1, actions: 0 });
    const b = team("b", { availability: 0.97, errorBudgetRemaining: -1, mttrSeconds: 90, actions: 50 });
    expect(order([a, b])).toEqual(["1:b", "2:a"]);
  });

  it("breaks an availability tie by error budget left", () => {
    const a = team("a", { errorBudgetRemaining: 0.2, mttrSeconds: 1 });
    const b = team("b", { errorBudgetRemaining: 0.4, mttrSeconds: 60 });
    expect(order([a, b])).toEqual(["1:b", "2:a"]);
  });

  it("breaks an availability and budget tie by lower mean MTTR", () => {
    const a = team("a", { mttrSeconds: 30, actions: 1 });
    const b = team("b", { mttrSeconds: 12, actions: 40 });
    expect(order([a, b])).toEqual(["1:b", "2:a"]);
  });

  it("breaks a tie on the first three rules by fewer actions", () => {
    expect(order([team("a", { actions: 9 }), team("b", { actions: 3 })])).toEqual(["1:b", "2:a"]);
  });

  it("gives teams tied on every rule the same place, lists them by name, and skips the next place", () => {
    const teams = [
      team("t3", { name: "Zebra" }),
      team("t1", { name: "Alpha", availability: 0.999 }),
      team("t2", { name: "Mango" }),
      team("t4", { name: "Kiwi", availability: 0.5 }),
    ];
    expect(rankTeams(teams).map((t) => [t.rank, t.name])).toEqual([
      [1, "Alpha"],
      [2, "Mango"],
      [2, "Zebra"],
      [4, "Kiwi"],
    ]);
  });

  it("lists the same teams in the same order whatever order they arrive in", () => {
    const teams = [team("x", { name: "Same" }), team("y", { name: "Same" }), team("z", { actions: 1 })];
    const a = order(teams);
    expect(order([...teams].reverse())).toEqual(a);
    expect(a).toEqual(["1:z", "2:x", "2:y"]);
  });

  it("treats availability differing only by float noise as equal", () => {
    const a = team("a", { availability: 0.1 + 0.2, actions: 2 });
    const b = team("b", { availability: 0.3, actions: 1 });
    expect(order([a, b])).toEqual(["1:b", "2:a"]);
  });

  it("ranks a team that never recovered after any recovery, and one with nothing to recover first", () => {
    const never = team("never", { mttrSeconds: null, openIncidents: 1 });
    const slow = team("slow", { mttrSeconds: 500 });
    const clean = team("clean", { mttrSeconds: null, openIncidents: 0 });
    expect(order([never, slow, clean])).toEqual(["1:clean", "2:slow", "3:never"]);
    expect(comparableMttr(never)).toBe(Number.POSITIVE_INFINITY);
    expect(comparableMttr(clean)).toBe(0);
  });

  it("keeps every field of the standing it was given", () => {
    const [first] = rankTeams([{ ...team("a"), players: 3 }]);
    expect(first).toMatchObject({ teamId: "a", players: 3, rank: 1 });
  });
});
