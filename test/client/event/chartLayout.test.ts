/**
 * The competition chart's layout maths: axis ranges and ticks, value/time to pixels, line
 * thinning that keeps dips, chaos labels that never overlap, the legend's wrapping.
 */
import { describe, expect, it } from "vitest";
import {
  chartScale,
  cssColor,
  formatClock,
  groupMarks,
  labelRows,
  legendLayout,
  teamColor,
  thinPoints,
  timeSpan,
  timeTicks,
  valueFloor,
  valueTicks,
  xOf,
  yOf,
  type SeriesPoint,
} from "../../../client/src/event/chartLayout";

const RECT = { x: 100, y: 50, w: 600, h: 300 };

describe("value axis", () => {
  it("starts as high as every value allows", () => {
    expect(valueFloor([])).toBe(0.9);
    expect(valueFloor([1, 0.995, 0.93])).toBe(0.9);
    expect(valueFloor([1, 0.9])).toBe(0.9);
    expect(valueFloor([0.899])).toBe(0.75);
    expect(valueFloor([0.6, 0.99])).toBe(0.5);
    expect(valueFloor([0.1])).toBe(0);
    expect(valueFloor([Number.NaN, 0.95])).toBe(0.9);
  });

  it("puts gridlines from the floor to 100 %, finer on a short axis", () => {
    expect(valueTicks(0.9)).toEqual([0.9, 0.92, 0.94, 0.96, 0.98, 1]);
    expect(valueTicks(0.5)).toEqual([0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(valueTicks(0)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it("maps 100 % to the top, the floor to the bottom, and clamps below it", () => {
    const s = chartScale(RECT, 120, 0.9);
    expect(yOf(s, 1)).toBe(50);
    expect(yOf(s, 0.9)).toBe(350);
    expect(yOf(s, 0.95)).toBeCloseTo(200, 6);
    expect(yOf(s, 0.2)).toBe(350);
    expect(yOf(s, 1.5)).toBe(50);
  });
});

describe("time axis", () => {
  it("spans the match length when known, else what has been played and a tenth more, in whole minutes", () => {
    expect(timeSpan(12, 300)).toBe(300);
    expect(timeSpan(400, 300)).toBe(400);
    expect(timeSpan(12)).toBe(60);
    expect(timeSpan(54)).toBe(60);
    expect(timeSpan(55)).toBe(120);
    expect(timeSpan(95)).toBe(120);
    expect(timeSpan(0)).toBe(60);
  });

  it("picks a round step with at most the asked number of ticks", () => {
    expect(timeTicks(60, 10)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(timeTicks(300, 10)).toEqual([0, 30, 60, 90, 120, 150, 180, 210, 240, 270, 300]);
    expect(timeTicks(600, 6)).toEqual([0, 120, 240, 360, 480, 600]);
    expect(timeTicks(900, 4).length).toBeLessThanOrEqual(5);
  });

  it("maps game seconds across the width, clamped", () => {
    const s = chartScale(RECT, 120, 0.9);
    expect(xOf(s, 0)).toBe(100);
    expect(xOf(s, 60)).toBe(400);
    expect(xOf(s, 120)).toBe(700);
    expect(xOf(s, 500)).toBe(700);
    expect(xOf(s, -3)).toBe(100);
  });

  it("shows the clock as m:ss", () => {
    expect(formatClock(0)).toBe("0:00");
    expect(formatClock(9.7)).toBe("0:09");
    expect(formatClock(125)).toBe("2:05");
    expect(formatClock(-4)).toBe("0:00");
  });
});

describe("lines", () => {
  it("thins points closer than a pixel step but keeps the dips and the last point", () => {
    const s = chartScale({ x: 0, y: 0, w: 100, h: 100 }, 1000, 0.9);
    const pts: SeriesPoint[] = Array.from({ length: 1001 }, (_, t) => ({ t, v: t === 503 ? 0.91 : 1 }));
    const thin = thinPoints(pts, s, 2);
    expect(thin.length).toBeLessThanOrEqual(52);
    expect(thin.length).toBeGreaterThan(40);
    expect(thin.some((p) => p.v === 0.91)).toBe(true);
    expect(thin[thin.length - 1]).toEqual({ t: 1000, v: 1 });
    expect(thin[0]).toEqual({ t: 0, v: 1 });
  });

  it("keeps every point when they are far apart", () => {
    const s = chartScale(RECT, 60, 0.9);
    const pts = [0, 10, 20, 30].map((t) => ({ t, v: 1 - t / 1000 }));
    expect(thinPoints(pts, s)).toEqual(pts);
    expect(thinPoints([], s)).toEqual([]);
  });
});

describe("chaos marks", () => {
  it("merges marks on the same pixel into one label, types once each", () => {
    const s = chartScale(RECT, 600, 0.9);
    const marks = groupMarks(
      [
        { at: 30, label: "pod-kill" },
        { at: 30, label: "pod-kill" },
        { at: 31, label: "node-crash" },
        { at: 200, label: "pod-kill" },
      ],
      s,
    );
    expect(marks).toEqual([
      { at: 30, label: "pod-kill · node-crash" },
      { at: 200, label: "pod-kill" },
    ]);
  });

  it("stacks overlapping labels in rows and leaves out what does not fit", () => {
    const rows = labelRows(
      [
        { x: 0, width: 100 },
        { x: 50, width: 100 },
        { x: 60, width: 100 },
        { x: 120, width: 50 },
        { x: 300, width: 50 },
      ],
      2,
      8,
    );
    expect(rows).toEqual([0, 1, -1, 0, 0]);
  });
});

describe("legend", () => {
  it("wraps entries into rows inside the width", () => {
    expect(legendLayout([100, 100, 100], 250, 30, 20)).toEqual([
      { x: 0, y: 0 },
      { x: 120, y: 0 },
      { x: 0, y: 30 },
    ]);
    expect(legendLayout([400], 250, 30)).toEqual([{ x: 0, y: 0 }]);
  });
});

describe("team colours", () => {
  it("gives twenty teams twenty different colours, then cycles", () => {
    const colours = Array.from({ length: 20 }, (_, i) => teamColor(i));
    expect(new Set(colours).size).toBe(20);
    expect(teamColor(20)).toBe(teamColor(0));
    expect(cssColor(0x009e73)).toBe("#009e73");
  });
});
