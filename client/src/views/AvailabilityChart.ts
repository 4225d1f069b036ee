/**
 * The competition's availability chart, drawn in Phaser: every team's line in its colour,
 * the SLO line, the shared chaos marks as dashed vertical lines labelled by type, and a
 * legend. The maths (axes, ticks, label rows, thinning) is chartLayout.ts; this draws it.
 * Redrawn in place (one Graphics, a pool of Texts), so the board can call it every second.
 */
import Phaser from "phaser";
import {
  chartScale,
  cssColor,
  formatClock,
  groupMarks,
  labelRows,
  legendLayout,
  thinPoints,
  valueFloor,
  xOf,
  yOf,
  type ChartMark,
  type Rect,
  type SeriesPoint,
} from "../event/chartLayout";
import { COLORS } from "../theme";
import { TextPool } from "../ui/TextPool";

/** One team's line. */
export interface ChartLine {
  name: string;
  color: number;
  points: readonly SeriesPoint[];
}

/** What the chart draws. */
export interface ChartData {
  lines: readonly ChartLine[];
  marks: readonly ChartMark[];
  /** Game seconds the time axis spans. */
  span: number;
}

/** What was drawn last (the test hook reads it). */
export interface ChartDrawn {
  lines: { name: string; points: number }[];
  marks: string[];
  lo: number;
  span: number;
}

/** The SLO availability drawn as a line. */
const SLO = 0.99;
/** Rows of chaos labels above the plot. */
const LABEL_ROWS = 3;
const MARK_COLOR = 0xdfe3f5;

/** A chart in a rectangle, with its font size (the board uses large type). */
export class AvailabilityChart {
  private readonly g: Phaser.GameObjects.Graphics;
  private readonly texts: TextPool;
  private last: ChartDrawn = { lines: [], marks: [], lo: 0, span: 0 };

  constructor(
    scene: Phaser.Scene,
    private readonly rect: Rect,
    private readonly size = 16,
    private readonly container?: Phaser.GameObjects.Container,
  ) {
    this.g = scene.add.graphics();
    container?.add(this.g);
    this.texts = new TextPool(scene, container);
  }

  /** What the last draw showed. */
  drawn(): ChartDrawn {
    return this.last;
  }

  /** Redraws the whole chart. */
  draw(data: ChartData): void {
    this.texts.begin();
    const g = this.g.clear();
    const { x, y, w, h } = this.rect;
    const s = this.size;
    const legendH = this.legendHeight(data.lines);
    const plot: Rect = {
      x: x + s * 3.6,
      y: y + LABEL_ROWS * (s + 6) + 8,
      w: w - s * 3.6 - 12,
      h: h - LABEL_ROWS * (s + 6) - 8 - (s + 12) - legendH,
    };
    const lo = valueFloor(data.lines.flatMap((l) => l.points.map((p) => p.v)));
    const scale = chartScale(plot, data.span, lo, Math.max(4, Math.floor(plot.w / (s * 5))));
    g.fillStyle(COLORS.panel, 1).fillRect(plot.x, plot.y, plot.w, plot.h);

    for (const v of scale.valueTicks) {
      g.lineStyle(1, COLORS.panelEdge, 1).lineBetween(plot.x, yOf(scale, v), plot.x + plot.w, yOf(scale, v));
      this.text(plot.x - 8, yOf(scale, v), `${Math.round(v * 100)}%`, s * 0.85, COLORS.dim).setOrigin(1, 0.5);
    }
    for (const t of scale.timeTicks) {
      const px = xOf(scale, t);
      g.lineStyle(1, COLORS.panelEdge, 0.6).lineBetween(px, plot.y, px, plot.y + plot.h);
      this.text(px, plot.y + plot.h + 4, formatClock(t), s * 0.85, COLORS.dim).setOrigin(0.5, 0);
    }
    if (lo < SLO) {
      g.lineStyle(2, COLORS.highlight, 0.7).lineBetween(
        plot.x,
        yOf(scale, SLO),
        plot.x + plot.w,
        yOf(scale, SLO),
      );
      this.text(plot.x + plot.w - 6, yOf(scale, SLO) + 2, "SLO 99%", s * 0.75, COLORS.warnS).setOrigin(1, 0);
    }

    const marks = groupMarks(data.marks, scale);
    const labels = marks.map((m) => {
      const txt = this.text(xOf(scale, m.at), 0, `▼ ${m.label}`, s * 0.8, cssColor(MARK_COLOR));
      return { txt, x: xOf(scale, m.at) - txt.width / 2, width: txt.width };
    });
    const rows = labelRows(labels, LABEL_ROWS);
    labels.forEach(({ txt, x: lx, width }, i) => {
      const row = rows[i]!;
      // keep a label inside the chart's rectangle; one with no free row shows as its line only
      txt.setVisible(row >= 0).setOrigin(0, 0);
      txt.setPosition(Math.min(Math.max(lx, x), x + w - width), y + row * (s + 6));
    });
    for (const m of marks) {
      const px = xOf(scale, m.at);
      g.lineStyle(2, MARK_COLOR, 0.75);
      for (let yy = plot.y; yy < plot.y + plot.h; yy += 12)
        g.lineBetween(px, yy, px, Math.min(yy + 7, plot.y + plot.h));
    }

    for (const line of data.lines) {
      const pts = thinPoints(line.points, scale);
      if (pts.length === 0) continue;
      g.lineStyle(Math.max(3, s / 5), line.color, 1).beginPath();
      pts.forEach((p, i) =>
        i === 0 ? g.moveTo(xOf(scale, p.t), yOf(scale, p.v)) : g.lineTo(xOf(scale, p.t), yOf(scale, p.v)),
      );
      g.strokePath();
      const end = pts[pts.length - 1]!;
      g.fillStyle(line.color, 1).fillCircle(xOf(scale, end.t), yOf(scale, end.v), Math.max(4, s / 4));
    }

    this.legend(data.lines, { x: plot.x, y: y + h - legendH, w: plot.w, h: legendH });
    this.texts.end();
    this.last = {
      lines: data.lines.map((l) => ({ name: l.name, points: l.points.length })),
      marks: marks.map((m) => m.label),
      lo,
      span: data.span,
    };
  }

  /** Frees the chart's objects. */
  destroy(): void {
    this.g.destroy();
    this.texts.destroy();
  }

  private legendRowH(): number {
    return this.size + 10;
  }

  /** Height the legend takes (measured with the same wrapping the drawing uses). */
  private legendHeight(lines: readonly ChartLine[]): number {
    if (lines.length === 0) return 0;
    const widths = lines.map((l) => this.legendWidth(l.name));
    const pos = legendLayout(widths, this.rect.w - this.size * 3.6 - 12, this.legendRowH());
    return pos[pos.length - 1]!.y + this.legendRowH() + 6;
  }

  private legendWidth(name: string): number {
    // a swatch, a space, then the name at about 0.6 em a Latin character, a CJK one a full em
    const em = [...name].reduce((n, ch) => n + (ch > "\u2e7f" ? 1 : 0.6), 0);
    return this.size * 1.6 + em * this.size * 0.85;
  }

  private legend(lines: readonly ChartLine[], r: Rect): void {
    const pos = legendLayout(
      lines.map((l) => this.legendWidth(l.name)),
      r.w,
      this.legendRowH(),
    );
    lines.forEach((l, i) => {
      const p = pos[i]!;
      const cy = r.y + 6 + p.y + this.legendRowH() / 2;
      this.g.fillStyle(l.color, 1).fillRect(r.x + p.x, cy - 3, this.size * 1.2, 6);
      this.text(r.x + p.x + this.size * 1.6, cy, l.name, this.size * 0.85, COLORS.text).setOrigin(0, 0.5);
    });
  }

  /** A pooled Text at a position. */
  private text(x: number, y: number, s: string, size: number, color: string): Phaser.GameObjects.Text {
    return this.texts.take(x, y, s, size, color);
  }
}
