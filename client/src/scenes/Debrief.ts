import Phaser from "phaser";
import { flow } from "../flow";
import { onLangChange, t, type MessageKey } from "../i18n";
import type { Connection } from "../net/connection";
import type { MatchView } from "../net/view";
import { clearTargets, session } from "../session";
import { COLORS, WIDTH, textStyle } from "../theme";
import { Button } from "../ui/Button";
import { onShutdown } from "../ui/lifecycle";

/** Percent with `digits` decimals. */
function pct(x: number, digits = 1): string {
  return `${(x * 100).toFixed(digits)}%`;
}

/** The parts of the view the debrief draws: it is redrawn only when one of them changed. */
function debriefSignature(view: MatchView, host: boolean): string {
  return JSON.stringify([view.round, view.debrief, view.players, host]);
}

/**
 * Debrief: availability over time with chaos and actions marked, incidents with their time
 * to recover, points per player; the host plays again (a new round, back to the lobby).
 */
export class Debrief extends Phaser.Scene {
  private conn!: Connection;
  /** Everything drawn from the state: rebuilt when the debrief, the players or the language change. */
  private body!: Phaser.GameObjects.Container;
  private again!: Button;
  private menu!: Button;
  private hint!: Phaser.GameObjects.Text;
  private sig = "";

  constructor() {
    super("Debrief");
  }

  /** Builds the buttons and draws the final score of the round. */
  create(): void {
    const conn = session.connection;
    if (!conn) return;
    this.conn = conn;
    this.sig = "";
    this.cameras.main.setBackgroundColor(COLORS.bg);
    this.body = this.add.container(0, 0);
    this.again = new Button(this, 1000, 716, "", () => conn.restart(), {
      width: 200,
      height: 46,
      id: "again",
    });
    this.menu = new Button(this, 1230, 716, "", () => void flow().leave(), {
      width: 200,
      height: 46,
      id: "menu",
    });
    this.hint = this.add.text(900, 680, "", textStyle(14, COLORS.warnS)).setOrigin(0, 0.5);
    onShutdown(
      this,
      conn.on("state", () => this.redraw()),
      onLangChange(() => this.redraw(true)),
      () => clearTargets(),
    );
    this.redraw();
  }

  private redraw(force = false): void {
    const view = this.conn.view;
    if (!view) return;
    const sig = debriefSignature(view, this.conn.isHost);
    if (!force && sig === this.sig) return;
    this.sig = sig;
    this.body.removeAll(true);
    const d = view.debrief;
    const title =
      view.round > 1 ? `${t("debrief.title")} · ${t("lobby.round", { n: view.round })}` : t("debrief.title");
    this.text(40, 24, title, textStyle(32, COLORS.text, false, true));
    this.text(
      40,
      72,
      t("debrief.overall", { pct: pct(d.availability, 2) }),
      textStyle(18, d.sloMet ? COLORS.okS : COLORS.badS),
    );
    this.text(
      40,
      98,
      // No "team points": that number is a ranking key (availability in basis points × 100
      // minus MTTR), unreadable as a score; availability is on the line above.
      t("debrief.team", {
        mttr: d.mttr >= 0 ? `${d.mttr.toFixed(1)}s` : "—",
        budget: pct(Math.max(0, d.errorBudget), 0),
      }),
      textStyle(15, COLORS.dim),
    );
    this.chart(view, 40, 150, 820, 290);
    this.incidents(view, 40, 486);
    this.points(view, 920, 150);
    // A competition team plays one round: the facilitator, not its host, decides what comes next.
    this.again
      .setLabel(t("debrief.again"))
      .setEnabled(this.conn.isHost && !view.facilitated)
      .setVisible(!view.facilitated);
    this.menu.setLabel(t("debrief.menu"));
    this.hint.setText(
      view.facilitated ? t("debrief.waitFacilitator") : this.conn.isHost ? "" : t("debrief.waitHost"),
    );
  }

  private text(x: number, y: number, s: string, style: Phaser.Types.GameObjects.Text.TextStyle) {
    const txt = this.add.text(x, y, s, style);
    this.body.add(txt);
    return txt;
  }

  private chart(view: MatchView, x: number, y: number, w: number, h: number): void {
    const g = this.add.graphics();
    this.body.add(g);
    g.fillStyle(COLORS.panel, 1).fillRect(x, y, w, h);
    this.text(x, y - 24, t("debrief.availability"), textStyle(15, COLORS.text, false, true));
    const tl = view.debrief.timeline;
    const span = Math.max(1, tl.length - 1);
    // The axis starts at 50 % so a good match shows detail, and drops in quarters when it went lower.
    const lo = Math.min(0.5, Math.floor(Math.min(1, ...tl) * 4) / 4);
    const yOf = (v: number) => y + h - ((Math.max(lo, v) - lo) / (1 - lo)) * h;
    const xOf = (time: number) => x + (Math.min(time, span) / span) * w;
    g.lineStyle(1, COLORS.panelEdge, 1);
    for (const v of [0, 0.25, 0.5, 0.75, 1].filter((tick) => tick >= lo)) {
      g.lineBetween(x, yOf(v), x + w, yOf(v));
      this.text(x + w + 4, yOf(v) - 7, `${Math.round(v * 100)}%`, textStyle(11, COLORS.dim));
    }
    // the SLO line sits just under 100 %: its label goes inside the chart, under the line
    g.lineStyle(2, COLORS.highlight, 0.8).lineBetween(x, yOf(0.99), x + w, yOf(0.99));
    this.text(x + w - 4, yOf(0.99) + 3, "SLO 99%", textStyle(11, COLORS.warnS)).setOrigin(1, 0);
    g.lineStyle(2.5, COLORS.ok, 1).beginPath();
    tl.forEach((v, i) => {
      if (i === 0) g.moveTo(xOf(i), yOf(v));
      else g.lineTo(xOf(i), yOf(v));
    });
    g.strokePath();
    for (const m of view.debrief.scoreMarks) {
      const px = xOf(m.time);
      if (m.kind === "chaos") {
        g.lineStyle(2, COLORS.bad, 0.9).lineBetween(px, y, px, y + h);
        g.fillStyle(COLORS.bad, 1).fillTriangle(px - 5, y, px + 5, y, px, y + 9);
      } else {
        const color = m.points < 0 || !m.ok ? COLORS.bad : COLORS.podNet;
        g.lineStyle(1, color, 0.5).lineBetween(px, y + h - 30, px, y + h);
        g.fillStyle(color, 1).fillCircle(px, y + h - 4, 3.5);
      }
    }
    this.text(x, y + h + 6, `▼ ${t("debrief.chaos")}   ● ${t("debrief.action")}`, textStyle(12, COLORS.dim));
  }

  private incidents(view: MatchView, x: number, y: number): void {
    this.text(x, y, t("debrief.incidents"), textStyle(16, COLORS.text, false, true));
    // Incidents and their MTTR are the sim's score, judged on the server; the scene only lists them.
    const list = view.debrief.incidents;
    const lines = list.length
      ? list.slice(0, 8).map((i) => {
          const what = `${i.start.toFixed(0)}s ${i.cause}`;
          return i.open ? t("debrief.open", { what }) : t("debrief.mttr", { what, secs: i.mttr.toFixed(1) });
        })
      : [t("debrief.noIncidents")];
    if (list.length > 8) lines.push(t("debrief.more", { n: list.length - 8 }));
    this.text(x, y + 28, lines.join("\n"), { ...textStyle(14, COLORS.text), lineSpacing: 4 });
  }

  private points(view: MatchView, x: number, y: number): void {
    this.text(x, y - 24, t("debrief.points"), textStyle(15, COLORS.text, false, true));
    const rows = [...view.players].sort((a, b) => b.points - a.points || a.actor.localeCompare(b.actor));
    const lines = rows.map((p) => {
      const role = p.role ? t(`role.${p.role}` as MessageKey) : "—";
      const name = p.id === this.conn.sessionId ? `${p.actor} ${t("lobby.you")}` : p.actor;
      return `${p.points.toString().padStart(5)}  ${name}\n       ${role} · ${t("debrief.judged", { restored: p.restored, broke: p.broke })}`;
    });
    this.text(x, y, lines.join("\n") || "—", {
      ...textStyle(14, COLORS.text, true),
      lineSpacing: 5,
      wordWrap: { width: WIDTH - x - 30, useAdvancedWrap: true },
    });
  }
}
