/**
 * The board chart's memory: a team's reports carry its complete game seconds, the history
 * keeps exactly those (no second skipped, none counted twice), a new round starts the line
 * again, and the figures are the stored debrief's own (availabilityPerSecond).
 */
import { describe, expect, it } from "vitest";
import { EventHistory } from "../../../server/rooms/eventHistory";
import { availabilityPerSecond, completeSeconds } from "../../../shared/competition";

/** A world of `perSecond` buckets at game time `time`. */
const world = (time: number, perSecond: [number, number][]) => ({ time, traffic: { perSecond } }) as never;

describe("complete seconds", () => {
  it("are the seconds before ⌊time⌋ from `from` on, as the debrief computes them", () => {
    const buckets: [number, number][] = [
      [10, 10],
      [10, 5],
      [0, 0],
      [3, 1],
    ];
    // 2.9999999999999996 is game time 3 with float noise: seconds 0–2 are complete, 3 is not
    expect(completeSeconds(world(2.9999999999999996, buckets), 0)).toEqual({
      secondsFrom: 0,
      seconds: [1, 0.5, 1],
    });
    expect(completeSeconds(world(3.5, buckets), 1)).toEqual({ secondsFrom: 1, seconds: [0.5, 1] });
    expect(completeSeconds(world(4, buckets), 4)).toEqual({ secondsFrom: 4, seconds: [] });
    expect(completeSeconds(world(4, buckets), 0).seconds).toEqual(availabilityPerSecond(world(4, buckets)));
  });
});

describe("EventHistory", () => {
  it("appends each report's seconds, fills nothing twice, and starts again on a new round", () => {
    const h = new EventHistory();
    h.record({ teamId: "T1", secondsFrom: 0, seconds: [1, 0.5] });
    h.record({ teamId: "T1", secondsFrom: 2, seconds: [] });
    h.record({ teamId: "T1", secondsFrom: 2, seconds: [0.25, 1] });
    expect(h.message(0, 180, [{ teamId: "T1", chaos: [] }]).teams).toEqual([
      { teamId: "T1", availability: [1, 0.5, 0.25, 1] },
    ]);
    expect(h.last("T1")).toBe(1);
    h.record({ teamId: "T1", secondsFrom: 0, seconds: [0.9] });
    expect(h.message(0, 180, [{ teamId: "T1", chaos: [] }]).teams[0]!.availability).toEqual([0.9]);
    expect(h.last("T2")).toBeNull();
  });
});
