/**
 * The cross-team debrief from stored results and match logs: two teams on one seed hit by
 * the same DNS outage — one binds the new CoreDNS pods by hand and recovers, the other does
 * nothing — plus a team that never played and a chaos injected into one team only.
 */
import { describe, expect, it } from "vitest";
import { Match, type MatchOptions } from "../../shared/match";
import {
  debriefOf,
  eventOutcome,
  replayForDebrief,
  type EventListEntry,
  type StoredEvent,
  type StoredTeam,
} from "../../shared/competition";
import { playersOf, resultOf } from "../../server/results/records";

const OPTIONS: MatchOptions = {
  scenario: "nmt",
  seed: 42,
  clock: "arcade",
  difficulty: "standard",
  durationSeconds: 30,
  chaos: false,
};

/**
 * One team's game: Ada holds the scheduler; the DNS outage lands at tick 30 (game second 3);
 * `binds` makes Ada cordon the last node at tick 32 (right after the chaos, so the drop is not blamed on it: 0 points) and
 * bind every pending pod from tick 60 on; `extra` injects more chaos at tick 100.
 */
function play(opts: { binds: boolean; extra?: string }): Match {
  const m = new Match(OPTIONS);
  m.join("a", { name: "Ada", role: "scheduler" });
  m.start();
  for (let i = 0; m.phase === "running"; i++) {
    if (i === 30) m.inject("facilitator", "dns-outage");
    if (i === 100 && opts.extra) m.inject("facilitator", opts.extra);
    if (opts.binds && i === 32)
      m.receive("a", "intent", { type: "cordon", node: m.world.store.list("Node").at(-1)!.metadata.name });
    if (opts.binds && i >= 60 && i % 10 === 0) {
      const node = m.world.store.list("Node").find((n) => !n.spec.unschedulable)!.metadata.name;
      for (const p of m.world.store.list("Pod").filter((p) => !p.spec.nodeName))
        m.receive("a", "intent", {
          type: "bindPod",
          pod: `${p.metadata.namespace}/${p.metadata.name}`,
          node,
        });
    }
    m.tick();
  }
  return m;
}

/** A team as the store hands it over (the recorder's records of the finished match). */
function stored(teamId: string, name: string, m: Match, withLog = true): StoredTeam {
  return {
    teamId,
    name,
    match: {
      id: `match-${teamId}`,
      status: "finished",
      lastTick: m.world.tick,
      result: resultOf(m.world, OPTIONS.durationSeconds, false),
      players: playersOf(m.seats.all(), m.world),
    },
    log: withLog ? m.log : null,
  };
}

const ENTRY: EventListEntry = {
  id: "evt-000000001",
  code: "ACDE",
  name: "Meetup",
  scenario: "nmt",
  createdAt: 1000,
  startedAt: 2000,
  endedAt: 5000,
  teams: 3,
  phase: "ended",
  outcome: "finished",
};

const fixer = play({ binds: true });
const idle = play({ binds: false, extra: "traffic-spike" });

const EVENT: StoredEvent = {
  entry: ENTRY,
  options: OPTIONS,
  teams: [
    stored("TTTT", "Team Idle", idle),
    { teamId: "NNNN", name: "Team Never", match: null, log: null },
    stored("FFFF", "Team Fix", fixer),
  ],
};

describe("debriefOf", () => {
  const d = debriefOf(EVENT);

  it("ranks teams by the stored results; a team that never played comes last without a rank", () => {
    expect(d.teams.map((t) => [t.teamId, t.rank, t.status])).toEqual([
      ["FFFF", 1, "finished"],
      ["TTTT", 2, "finished"],
      ["NNNN", null, "not started"],
    ]);
    const fix = d.teams[0]!;
    const result = resultOf(fixer.world, OPTIONS.durationSeconds, false);
    expect(fix.availability).toBe(result.availability.overall);
    expect(fix.errorBudgetRemaining).toBe(result.errorBudget);
    expect(fix.mttrSeconds).toBe(7);
    expect(fix.openIncidents).toBe(0);
    expect(fix.actions).toBeGreaterThan(0);
    expect(d.teams[1]!.openIncidents).toBe(2);
    expect(d.teams[2]).toMatchObject({ availability: null, matchId: null, players: [] });
  });

  it("gives each team's players their points and roles", () => {
    const ada = d.teams[0]!.players.find((p) => !p.isBot)!;
    expect(ada).toMatchObject({ name: "Ada", role: "scheduler" });
    expect(ada.points).toBeGreaterThan(0);
    expect(ada.restored).toBeGreaterThan(0);
    expect(d.teams[0]!.players[0]!.isBot).toBe(false); // people first
  });

  it("marks each chaos event once, with the teams it hit", () => {
    expect(d.chaos).toEqual([
      { at: 3, second: 3, type: "dns-outage", source: "injected", teams: ["FFFF", "TTTT"] },
      { at: 10, second: 10, type: "traffic-spike", source: "injected", teams: ["TTTT"] },
    ]);
  });

  it("has a row per team per incident: recovered after N s, not recovered, not affected", () => {
    expect(d.incidents.map((i) => [i.index, i.cause, i.rows])).toEqual([
      [
        1,
        "dns-outage",
        [
          { teamId: "FFFF", outcome: "recovered", recoveredAfter: 7 },
          { teamId: "TTTT", outcome: "not recovered", recoveredAfter: null },
          { teamId: "NNNN", outcome: "not affected", recoveredAfter: null },
        ],
      ],
      [
        2,
        "traffic-spike",
        [
          { teamId: "FFFF", outcome: "not affected", recoveredAfter: null },
          { teamId: "TTTT", outcome: "not recovered", recoveredAfter: null },
          { teamId: "NNNN", outcome: "not affected", recoveredAfter: null },
        ],
      ],
    ]);
  });

  it("says what the best team did: its first intent that restored availability, with the kubectl text", () => {
    const best = d.incidents[0]!.best!;
    const firstBind = fixer.log.ticks.find((t) => t.intents?.some((q) => q.intent.type === "bindPod"))!;
    expect(fixer.log.ticks.find((t) => t.intents?.length)!.intents![0]!.intent.type).toBe("cordon");
    expect(best).toMatchObject({ teamId: "FFFF", teamName: "Team Fix", recoveredAfter: 7 });
    expect(best.move).toMatchObject({
      player: "Ada",
      actor: "Ada",
      role: "scheduler",
      intent: firstBind.intents![0]!.intent,
      at: firstBind.tick / 10,
    });
    expect(best.move!.points).toBeGreaterThan(0);
    expect(best.move!.kubectl).toMatch(/^kubectl -n kube-system create -f - <<< .*"kind":"Binding"/);
    expect(d.incidents[1]!.best).toBeNull(); // nobody recovered from the spike
  });

  it("breaks a tie on recovery time by rank, and says so when no intent ended it", () => {
    const a = play({ binds: true });
    const twin = debriefOf({
      ...EVENT,
      teams: [stored("BBBB", "B", a, false), stored("AAAA", "A", a, false)],
    });
    expect(twin.teams.map((t) => [t.name, t.rank])).toEqual([
      ["A", 1],
      ["B", 1],
    ]);
    // Without logs there is nothing to replay: the line names the team, not a move.
    expect(twin.incidents[0]!.best).toEqual({ teamId: "AAAA", teamName: "A", recoveredAfter: 7, move: null });
    expect(twin.availability).toEqual([
      { teamId: "AAAA", perSecond: [] },
      { teamId: "BBBB", perSecond: [] },
    ]);
  });

  it("gives availability per game second from the replayed log", () => {
    const idleLine = d.availability.find((a) => a.teamId === "TTTT")!.perSecond;
    const fixLine = d.availability.find((a) => a.teamId === "FFFF")!.perSecond;
    expect(fixLine).toHaveLength(30);
    expect(fixLine.slice(0, 3)).toEqual([1, 1, 1]);
    expect(fixLine[4]).toBe(0);
    expect(fixLine.slice(10)).toEqual(Array(20).fill(1));
    expect(idleLine.slice(4)).toEqual(Array(26).fill(0));
  });

  it("is deterministic and carries the event's options", () => {
    expect(debriefOf(EVENT)).toEqual(d);
    expect(d.event).toEqual({ ...ENTRY, options: OPTIONS });
  });
});

describe("replayForDebrief", () => {
  it("replays to the live match's world and books each accepted intent with its points", () => {
    const r = replayForDebrief(fixer.log);
    expect(r.tick).toBe(fixer.world.tick);
    expect(r.intents.length).toBe(fixer.world.score.actions.length);
    expect(r.intents.map((i) => i.points)).toEqual(fixer.world.score.actions.map((a) => a.points));
  });

  it("stops a round cut short at its last stored tick", () => {
    const r = replayForDebrief({ ...idle.log, end: undefined }, 55);
    expect(r.tick).toBe(55);
    expect(r.perSecond).toHaveLength(6); // 5.5 game seconds: the last one partial
  });
});

describe("eventOutcome", () => {
  it("reads the teams' match statuses", () => {
    expect(eventOutcome([])).toBe("not started");
    expect(eventOutcome(["not started", "not started"])).toBe("not started");
    expect(eventOutcome(["finished", "running"])).toBe("in progress");
    expect(eventOutcome(["finished", "interrupted"])).toBe("interrupted");
    expect(eventOutcome(["finished", "finished", "not started"])).toBe("finished");
  });
});
