/**
 * An event's debrief read from a real store: built from the stored event, matches and logs
 * (the same as the pure debriefOf on the same records), the replays sliced so the event
 * loop runs in between, one build for concurrent requests, and the cache dropped when a
 * team's round changes.
 */
import { describe, expect, it } from "vitest";
import { Match, type MatchOptions } from "../../../shared/match";
import { debriefOf, replayForDebrief } from "../../../shared/competition";
import { DebriefReplayer } from "../../../shared/competition/debriefReplay";
import { playersOf, resultOf } from "../../../server/results/records";
import {
  EventDebriefs,
  LIVE_REBUILD_SECONDS,
  REPLAY_SLICE_TICKS,
} from "../../../server/results/eventDebrief";
import { openSqliteStore } from "../../../server/store/sqlite";
import { newMatchId, type ResultsStore } from "../../../server/store";

const OPTIONS: MatchOptions = {
  scenario: "nmt",
  seed: 42,
  clock: "arcade",
  difficulty: "bots",
  durationSeconds: 20,
  chaos: true,
};

function played(): Match {
  const m = new Match(OPTIONS);
  m.join("a", { name: "Ada", role: "" });
  m.start();
  for (let i = 0; m.phase === "running"; i++) {
    if (i === 30) m.inject("facilitator", "dns-outage");
    m.tick();
  }
  return m;
}

/** Stores a round as the recorder does: begun, its log appended, finished. */
async function store(s: ResultsStore, code: string, m: Match): Promise<string> {
  const id = newMatchId();
  await s.beginMatch({ id, code, round: 1, options: OPTIONS, startedAt: 1, players: [] });
  await s.appendLog(id, m.log.ticks, m.world.tick);
  await s.finishMatch(id, {
    endedAt: 2,
    lastTick: m.world.tick,
    stateHash: m.log.end!.stateHash,
    players: playersOf(m.seats.all(), m.world),
    result: resultOf(m.world, OPTIONS.durationSeconds, false),
  });
  return id;
}

async function storedEvent() {
  const s = await openSqliteStore(":memory:");
  const eventId = newMatchId();
  await s.beginEvent({
    id: eventId,
    code: "ACDE",
    name: "Night",
    options: OPTIONS,
    createdAt: 0,
    teams: [
      { teamId: "TAAA", name: "A" },
      { teamId: "TBBB", name: "B" },
    ],
  });
  const m = played();
  await s.linkTeamMatch("ACDE", "TAAA", await store(s, "TAAA", m));
  return { s, m, eventId };
}

describe("EventDebriefs", () => {
  it("builds the debrief of the stored records, as debriefOf does", async () => {
    const { s, m } = await storedEvent();
    const d = (await new EventDebriefs().get(s, "ACDE"))!;
    const stored = (await s.getEvent("ACDE"))!;
    expect(d).toEqual(
      debriefOf({
        entry: stored.entry,
        options: stored.options,
        teams: stored.teams.map((t) => ({ ...t, log: t.match ? m.log : null })),
      }),
    );
    expect(d.teams.map((t) => t.status)).toEqual(["finished", "not started"]);
    expect(d.availability[0]!.perSecond).toHaveLength(20);
    expect(await new EventDebriefs().get(s, "QQQQ")).toBeUndefined();
    await s.close();
  });

  it("gives the event loop back between replay slices", async () => {
    const { s } = await storedEvent();
    let turns = 0;
    const spin = setInterval(() => turns++, 0);
    // 200 ticks in slices of 10: timers run between slices, not only once it is over.
    await new EventDebriefs(10).get(s, "ACDE");
    clearInterval(spin);
    expect(turns).toBeGreaterThan(0);
    await s.close();
  });

  it("builds once for concurrent requests, caches, and rebuilds when a round changes", async () => {
    const { s, m, eventId } = await storedEvent();
    const debriefs = new EventDebriefs();
    const [a, b] = await Promise.all([debriefs.get(s, "ACDE"), debriefs.get(s, eventId)]);
    expect(a).toBe(b);
    expect(await debriefs.get(s, "ACDE")).toBe(a);
    await s.linkTeamMatch("ACDE", "TBBB", await store(s, "TBBB", m));
    const c = (await debriefs.get(s, "ACDE"))!;
    expect(c).not.toBe(a);
    expect(c.teams.map((t) => t.status)).toEqual(["finished", "finished"]);
    await s.close();
  });
});

describe("EventDebriefs of an event still being played", () => {
  it("serves a debrief up to LIVE_REBUILD_SECONDS old while rounds run, and rebuilds at once when they end", async () => {
    const { s, m } = await storedEvent();
    const id = newMatchId();
    await s.beginMatch({ id, code: "TBBB", round: 1, options: OPTIONS, startedAt: 1, players: [] });
    await s.appendLog(id, m.log.ticks.slice(0, 1), 50);
    await s.linkTeamMatch("ACDE", "TBBB", id);
    let now = 0;
    const debriefs = new EventDebriefs(REPLAY_SLICE_TICKS, () => now);
    const first = (await debriefs.get(s, "ACDE"))!;
    expect(first.event.outcome).toBe("in progress");
    expect(first.teams.find((t) => t.teamId === "TBBB")!.time).toBe(5);

    await s.appendLog(id, [], 100); // the round moved on
    now = LIVE_REBUILD_SECONDS * 1000 - 1;
    expect(await debriefs.get(s, "ACDE")).toBe(first);
    now = LIVE_REBUILD_SECONDS * 1000;
    const later = (await debriefs.get(s, "ACDE"))!;
    expect(later).not.toBe(first);
    expect(later.teams.find((t) => t.teamId === "TBBB")!.time).toBe(10);

    await s.finishMatch(id, {
      endedAt: 2,
      lastTick: m.world.tick,
      stateHash: m.log.end!.stateHash,
      players: [],
      result: resultOf(m.world, OPTIONS.durationSeconds, false),
    });
    const done = (await debriefs.get(s, "ACDE"))!;
    expect(done.event.outcome).toBe("finished");
    await s.close();
  });
});

describe("DebriefReplayer", () => {
  it("replays in slices to the same result as in one go", () => {
    const m = played();
    const r = new DebriefReplayer(m.log);
    let slices = 1;
    while (!r.step(37)) slices++;
    expect(slices).toBe(Math.ceil(m.world.tick / 37));
    expect(r.result()).toEqual(replayForDebrief(m.log));
  });
});
