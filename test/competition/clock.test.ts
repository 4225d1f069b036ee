/** The competition clock: moves allowed only from their phases, and a paused team's game clock stands still. */
import { describe, expect, it } from "vitest";
import { Match } from "../../shared/match";
import { allTeamsEnded, clockRuns, moveEvent, TeamClock } from "../../shared/competition";
import { options } from "../match/fixtures";

function team(): { match: Match; clock: TeamClock } {
  const match = new Match(options({ durationSeconds: 30 }));
  match.join("a", { name: "Ada", role: "" });
  return { match, clock: new TeamClock(match) };
}

describe("event moves", () => {
  it("allows each move only from its phases and says why not", () => {
    expect(moveEvent("lobby", "start")).toEqual({ ok: true, phase: "running" });
    expect(moveEvent("running", "pause")).toEqual({ ok: true, phase: "paused" });
    expect(moveEvent("paused", "resume")).toEqual({ ok: true, phase: "running" });
    expect(moveEvent("paused", "end")).toEqual({ ok: true, phase: "ended" });
    const no = moveEvent("lobby", "pause");
    expect(no.ok).toBe(false);
    expect(!no.ok && no.reason).toMatch(/cannot pause while lobby/);
    expect(moveEvent("ended", "start").ok).toBe(false);
    expect(clockRuns("running")).toBe(true);
    expect(clockRuns("paused")).toBe(false);
  });
});

describe("allTeamsEnded", () => {
  it("ends a started event once every team's game is over, and only then", () => {
    expect(allTeamsEnded("running", ["ended", "ended"])).toBe(true);
    expect(allTeamsEnded("paused", ["ended"])).toBe(true);
    expect(allTeamsEnded("running", ["ended", "running"])).toBe(false);
    // Not before the start, not twice, not with no team at all.
    expect(allTeamsEnded("lobby", ["ended"])).toBe(false);
    expect(allTeamsEnded("ended", ["ended"])).toBe(false);
    expect(allTeamsEnded("running", [])).toBe(false);
  });
});

describe("TeamClock", () => {
  it("does not move the match before start", () => {
    const { match, clock } = team();
    for (let i = 0; i < 10; i++) clock.tick();
    expect(match.world.tick).toBe(0);
    expect(match.phase).toBe("lobby");
  });

  it("freezes the game clock while paused and resumes where it stopped", () => {
    const { match, clock } = team();
    expect(clock.apply("start")).toBeUndefined();
    expect(match.phase).toBe("running");
    for (let i = 0; i < 10; i++) clock.tick();
    const at = match.world.time;
    expect(at).toBeGreaterThan(0);
    expect(clock.apply("pause")).toBeUndefined();
    for (let i = 0; i < 50; i++) clock.tick();
    expect(match.world.time).toBe(at);
    expect(match.phase).toBe("running");
    expect(clock.apply("resume")).toBeUndefined();
    clock.tick();
    expect(match.world.time).toBeGreaterThan(at);
  });

  it("a paused team reaches the same world as one never paused", () => {
    const a = team();
    const b = team();
    a.clock.apply("start");
    b.clock.apply("start");
    for (let i = 0; i < 20; i++) {
      a.clock.tick();
      b.clock.tick();
      if (i === 7) b.clock.apply("pause");
    }
    b.clock.apply("resume");
    while (b.match.world.tick < a.match.world.tick) b.clock.tick();
    expect(b.match.world.time).toBe(a.match.world.time);
    expect(b.match.world.chaos.fired).toEqual(a.match.world.chaos.fired);
  });

  it("refuses a move out of order and changes nothing", () => {
    const { match, clock } = team();
    expect(clock.apply("resume")).toMatch(/cannot resume while lobby/);
    expect(clock.phase).toBe("lobby");
    expect(match.phase).toBe("lobby");
  });

  it("ends the match on end, and becomes ended when the match runs out of time", () => {
    const { match, clock } = team();
    clock.apply("start");
    clock.apply("end");
    expect(match.phase).toBe("debrief");
    const other = team();
    other.clock.apply("start");
    for (let i = 0; i < 10_000 && other.clock.phase !== "ended"; i++) other.clock.tick();
    expect(other.clock.phase).toBe("ended");
    expect(other.match.phase).toBe("debrief");
  });
});
