/** The board chart's data: a series per game second extended from board rows, and the chaos all teams share. */
import { describe, expect, it } from "vitest";
import { appendBoardSample, sharedChaos, type TeamChaos } from "../../shared/competition";

describe("appendBoardSample", () => {
  it("puts each new second's value at its index, filling skipped seconds with the last value", () => {
    const s: number[] = [];
    expect(appendBoardSample(s, 0, 1)).toBe(true);
    expect(appendBoardSample(s, 1.0000000000000002, 0.99)).toBe(true);
    // Game time adds 0.1 s a tick: second 3 may arrive a hair under 3.
    expect(appendBoardSample(s, 2.9999999999999996, 0.9)).toBe(true);
    expect(s).toEqual([1, 0.99, 0.99, 0.9]);
  });

  it("keeps the first value of a second already recorded (a pause, a second report)", () => {
    const s = [1, 0.98];
    expect(appendBoardSample(s, 1.5, 0.5)).toBe(false);
    expect(appendBoardSample(s, 0, 0.5)).toBe(false);
    expect(s).toEqual([1, 0.98]);
  });
});

describe("sharedChaos", () => {
  const kill: TeamChaos = { at: 12.3, type: "pod-kill", target: "shop/mysql", source: "schedule" };
  const inj: TeamChaos = { at: 20, type: "node-drain", source: "injected" };
  const one: TeamChaos = { at: 25, type: "pod-kill", source: "injected" };

  it("keeps the marks every team has, in the first team's order", () => {
    expect(
      sharedChaos([
        [kill, inj, one],
        [kill, inj],
        [inj, kill],
      ]),
    ).toEqual([kill, inj]);
  });

  it("tells marks apart by time, target and source", () => {
    expect(sharedChaos([[kill], [{ ...kill, at: 12.4 }]])).toEqual([]);
    expect(sharedChaos([[kill], [{ ...kill, target: "shop/web" }]])).toEqual([]);
    expect(sharedChaos([[kill], [{ ...kill, source: "injected" }]])).toEqual([]);
  });

  it("is every mark of a single team, and nothing without teams", () => {
    expect(sharedChaos([[kill, one]])).toEqual([kill, one]);
    expect(sharedChaos([])).toEqual([]);
  });
});
