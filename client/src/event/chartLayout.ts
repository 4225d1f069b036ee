/**
 * The layout maths of the competition's availability chart, pure (no Phaser), so it is
 * unit-tested: the axes' ranges and ticks, where a value and a game second land, how chaos
 * labels avoid each other, how the legend wraps, and how a long series is thinned to what
 * the pixels can show.
 */

/** A rectangle in design pixels. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One point of a team's line: availability `v` (0..1) at game second `t`. */
export interface SeriesPoint {
  t: number;
  v: number;
}

/** A chaos mark on the time axis. */
export interface ChartMark {
  /** Game second it fired. */
  at: number;
  /** Its label (the chaos type). */
  label: string;
}

/** Where the chart draws: value and time to pixels, and the ticks of both axes. */
export interface ChartScale {
  rect: Rect;
  /** The lowest availability on the axis (the top is always 100 %). */
  lo: number;
  /** Game seconds the time axis spans (from 0). */
  span: number;
  /** Availability gridlines, from `lo` up to 1. */
  valueTicks: number[];
  /** Time gridlines (game seconds). */
  timeTicks: number[];
}

/**
 * Candidate bottoms of the value axis, highest first. A competition's teams sit near the
 * top, so the axis starts as high as every value allows: differences of a percent stay
 * visible from the back of a room.
 */
export const VALUE_FLOORS = [0.9, 0.75, 0.5, 0.25, 0] as const;

/** The bottom of the value axis: the highest floor at or under every value (0.9 with no values). */
export function valueFloor(values: Iterable<number>): number {
  let min = 1;
  for (const v of values) if (Number.isFinite(v)) min = Math.min(min, v);
  return VALUE_FLOORS.find((f) => f <= min) ?? 0;
}

/** Gridlines of the value axis: every step from `lo` to 1 (finer when the axis is short). */
export function valueTicks(lo: number): number[] {
  const step = lo >= 0.9 ? 0.02 : lo >= 0.75 ? 0.05 : lo >= 0.5 ? 0.1 : 0.25;
  const out: number[] = [];
  for (let i = 0; lo + i * step <= 1 + 1e-9; i++) out.push(Math.round((lo + i * step) * 1000) / 1000);
  return out;
}

/**
 * The time the axis spans: the match length when known; else what has been played with a
 * tenth more, rounded up to whole minutes (at least one), so the line does not sit on the
 * right edge and the axis changes once a minute, not every second.
 */
export function timeSpan(lastTime: number, durationSeconds?: number): number {
  if (durationSeconds !== undefined && durationSeconds > 0) return Math.max(durationSeconds, lastTime);
  return Math.max(60, Math.ceil((lastTime * 1.1) / 60) * 60);
}

/** Steps of the time axis (seconds), smallest first: a tick step is the first giving at most `maxTicks` ticks. */
const TIME_STEPS = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600] as const;

/** Time gridlines from 0 to `span` with at most `maxTicks` steps. */
export function timeTicks(span: number, maxTicks: number): number[] {
  const step = TIME_STEPS.find((s) => span / s <= maxTicks) ?? Math.ceil(span / maxTicks);
  const out: number[] = [];
  for (let t = 0; t <= span + 1e-9; t += step) out.push(t);
  return out;
}

/** Game seconds as the clock shows them: `m:ss`. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** The chart's scale for a rectangle, the time span and the lowest value drawn. */
export function chartScale(rect: Rect, span: number, lo: number, maxTimeTicks = 10): ChartScale {
  return { rect, lo, span, valueTicks: valueTicks(lo), timeTicks: timeTicks(span, maxTimeTicks) };
}

/** The x of a game second (clamped to the chart). */
export function xOf(s: ChartScale, t: number): number {
  const f = Math.min(Math.max(t / s.span, 0), 1);
  return s.rect.x + f * s.rect.w;
}

/** The y of an availability (values under the axis sit on its bottom edge). */
export function yOf(s: ChartScale, v: number): number {
  const f = (Math.min(Math.max(v, s.lo), 1) - s.lo) / (1 - s.lo || 1);
  return s.rect.y + s.rect.h - f * s.rect.h;
}

/**
 * Thins a line to what the pixels can show: consecutive points closer than `minDx` pixels
 * are merged into the lowest of them (a dip is what the room must see), and the last point
 * is always kept so the line reaches "now".
 */
export function thinPoints(points: readonly SeriesPoint[], s: ChartScale, minDx = 2): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  let bucketX = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    const x = xOf(s, p.t);
    const last = out[out.length - 1];
    if (last && x - bucketX < minDx) {
      if (p.v < last.v) out[out.length - 1] = p;
    } else {
      out.push(p);
      bucketX = x;
    }
  }
  const end = points[points.length - 1];
  if (end && out[out.length - 1] !== end) out.push(end);
  return out;
}

/** Chaos marks at the same pixel (within `mergePx`), merged into one label ("pod-kill · node-crash"). */
export function groupMarks(marks: readonly ChartMark[], s: ChartScale, mergePx = 3): ChartMark[] {
  const sorted = [...marks].sort(
    (a, b) => a.at - b.at || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
  );
  const out: ChartMark[] = [];
  for (const m of sorted) {
    const last = out[out.length - 1];
    if (last && xOf(s, m.at) - xOf(s, last.at) <= mergePx) {
      if (!last.label.split(" · ").includes(m.label)) last.label = `${last.label} · ${m.label}`;
    } else out.push({ ...m });
  }
  return out;
}

/**
 * Rows for labels laid along a line: each label (its left `x` and `width`) goes into the
 * first row where it does not overlap the row's last label by `gap`; -1 when every one of
 * the `rows` rows is taken there (the label is left out; its mark line still shows).
 */
export function labelRows(labels: readonly { x: number; width: number }[], rows: number, gap = 8): number[] {
  const ends: number[] = Array.from({ length: rows }, () => Number.NEGATIVE_INFINITY);
  return labels.map((l) => {
    const row = ends.findIndex((end) => l.x >= end + gap);
    if (row >= 0) ends[row] = l.x + l.width;
    return row;
  });
}

/**
 * Positions of legend entries (given their widths) in rows inside `maxWidth`: left to
 * right, wrapping to a new row of height `rowH` when the next entry would not fit.
 */
export function legendLayout(
  widths: readonly number[],
  maxWidth: number,
  rowH: number,
  gap = 24,
): { x: number; y: number }[] {
  let x = 0;
  let y = 0;
  return widths.map((w) => {
    if (x > 0 && x + w > maxWidth) {
      x = 0;
      y += rowH;
    }
    const at = { x, y };
    x += w + gap;
    return at;
  });
}

/**
 * One colour per team, in team order: the Okabe–Ito palette first (safe for the common
 * colour-vision deficiencies; the legend and the table name every line anyway), then
 * lighter and darker shades for events with more than eight teams.
 */
export const TEAM_COLORS = [
  0xe69f00, 0x56b4e9, 0x009e73, 0xf0e442, 0x0072b2, 0xd55e00, 0xcc79a7, 0xffffff, 0xffc870, 0xa6dcff,
  0x7be0bf, 0xb8ad2e, 0x6aa8ff, 0xff9d6b, 0xf0b3db, 0xa0a0a0, 0xb36b00, 0x2e8fc7, 0x00705a, 0x9c4f7c,
] as const;

/** The colour of the team at `index` (cycling past the palette). */
export function teamColor(index: number): number {
  return TEAM_COLORS[((index % TEAM_COLORS.length) + TEAM_COLORS.length) % TEAM_COLORS.length]!;
}

/** A colour as CSS (`#rrggbb`), for Text. */
export function cssColor(color: number): string {
  return `#${color.toString(16).padStart(6, "0")}`;
}
