import Phaser from "phaser";
import { t, type MessageKey } from "../i18n";
import type { MatchView } from "../net/view";
import { clearTargets, session } from "../session";
import { COLORS, WIDTH, textStyle } from "../theme";
import { Button } from "../ui/Button";

/** Debrief: availability over time with chaos and actions marked, incidents, points, play again. */
export class Debrief extends Phaser.Scene {
  private off: (() => void) | undefined;

  constructor() {
    super("Debrief");
  }

  /** Draws the final score from the last state. */
  create(): void {
    const conn = session.connection;
    const view = conn?.view;
    if (!conn || !view) {
      this.scene.start("Menu");
      return;
    }
    this.cameras.main.setBackgroundColor(COLORS.bg);
    this.add.text(40, 24, t("debrief.title"), textStyle(32, COLORS.text, false, true));
    const overall = view.debrief.requests ? view.debrief.availability : view.availability.overall;
    this.add.text(
      40,
      70,
      t("debrief.overall", { pct: `${(overall * 100).toFixed(2)}%` }),
      textStyle(18, overall >= 0.99 ? COLORS.okS : COLORS.badS),
    );
    this.chart(view, 40, 120, 820, 300);
    this.incidents(view, 40, 450);
    this.points(view, 900, 120);
    new Button(this, 1000, 700, t("debrief.again"), () => conn.restart(), {
      width: 200,
      height: 46,
      id: "again",
    }).setEnabled(conn.isHost);
    new Button(
      this,
      1230,
      700,
      t("debrief.menu"),
      () => {
        void conn.leave();
        session.connection = undefined;
        this.scene.start("Menu");
      },
      { width: 200, height: 46, id: "menu" },
    );
    // the host's restart sends everyone back to the lobby
    this.off = conn.on("state", (v) => {
      if (v.phase !== "debrief") this.scene.start("Match");
    });
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.off?.();
      clearTargets();
    });
  }

  private chart(view: MatchView, x: number, y: number, w: number, h: number): void {
    const g = this.add.graphics();
    g.fillStyle(COLORS.panel, 1).fillRect(x, y, w, h);
    this.add.text(x, y - 22, t("debrief.availability"), textStyle(15, COLORS.text, false, true));
    const tl = view.debrief.timeline.map(([, v]) => v);
    const n = Math.max(1, tl.length);
    // The axis starts at 50 % so a good match shows detail, and drops in quarters when it went lower.
    const lo = Math.min(0.5, Math.floor(Math.min(1, ...tl) * 4) / 4);
    const yOf = (v: number) => y + h - ((Math.max(lo, v) - lo) / (1 - lo)) * h;
    g.lineStyle(1, COLORS.panelEdge, 1);
    for (const v of [0, 0.25, 0.5, 0.75, 0.99, 1].filter((tick) => tick >= lo)) {
      g.lineBetween(x, yOf(v), x + w, yOf(v));
      this.add.text(x + w + 4, yOf(v) - 7, `${Math.round(v * 100)}%`, textStyle(11, COLORS.dim));
    }
    g.lineStyle(2, COLORS.highlight, 0.8).lineBetween(x, yOf(0.99), x + w, yOf(0.99));
    g.lineStyle(2.5, COLORS.ok, 1).beginPath();
    tl.forEach((v, i) => {
      const px = x + (i / Math.max(1, n - 1)) * w;
      if (i === 0) g.moveTo(px, yOf(v));
      else g.lineTo(px, yOf(v));
    });
    g.strokePath();
    for (const m of view.debrief.marks) {
      const px = x + (m.time / Math.max(1, n - 1)) * w;
      const chaos = m.severity === "Chaos";
      g.lineStyle(chaos ? 2 : 1, chaos ? COLORS.bad : COLORS.podNet, chaos ? 0.9 : 0.6).lineBetween(
        px,
        y,
        px,
        y + h,
      );
      if (chaos) g.fillStyle(COLORS.bad, 1).fillTriangle(px - 5, y, px + 5, y, px, y + 9);
      else g.fillStyle(COLORS.podNet, 1).fillCircle(px, y + h - 4, 3);
    }
    this.add.text(
      x,
      y + h + 6,
      `▼ ${t("debrief.chaos")}   ● ${t("debrief.action")}`,
      textStyle(12, COLORS.dim),
    );
  }

  private incidents(view: MatchView, x: number, y: number): void {
    this.add.text(x, y, t("debrief.incidents"), textStyle(16, COLORS.text, false, true));
    // Incidents and their MTTR are the sim's score, judged on the server; the scene only lists them.
    const list = view.debrief.incidents;
    const lines = list.length
      ? list.slice(0, 9).map((i) =>
          i.end >= 0
            ? t("debrief.mttr", {
                what: `${i.start.toFixed(0)}s ${i.cause}`,
                secs: (i.end - i.start).toFixed(1),
              })
            : t("debrief.open", { what: `${i.start.toFixed(0)}s ${i.cause}` }),
        )
      : [t("debrief.noIncidents")];
    this.add.text(x, y + 28, lines.join("\n"), { ...textStyle(14, COLORS.text), lineSpacing: 4 });
  }

  private points(view: MatchView, x: number, y: number): void {
    this.add.text(x, y - 22, t("debrief.points"), textStyle(15, COLORS.text, false, true));
    const rows = [...view.players].sort((a, b) => b.points - a.points);
    const lines = rows.map((p) => {
      const role = p.role ? t(`role.${p.role}` as MessageKey) : "—";
      return `${p.points.toString().padStart(5)}  ${p.name || p.id}  (${role})`;
    });
    this.add.text(x, y, lines.join("\n") || "—", {
      ...textStyle(15, COLORS.text, true),
      lineSpacing: 6,
      wordWrap: { width: WIDTH - x - 30 },
    });
  }
}
