import Phaser from "phaser";
import { validateMatchLog } from "../../../shared/match/log";
import { flow } from "../flow";
import { onLangChange, t } from "../i18n";
import { fetchLog, fetchMatch, ResultsError, type StoredMatch } from "../net/results";
import type { MatchView } from "../net/view";
import { ReplayPlayer, SPEEDS, type ReplayMark, type Speed } from "../replay/player";
import type { Selection } from "../selection";
import { clearTargets, registerTarget } from "../session";
import { COLORS, LAYOUT, WIDTH, textStyle } from "../theme";
import { Button } from "../ui/Button";
import { ConceptCard } from "../ui/ConceptCard";
import { isRunning, onShutdown, windowListener } from "../ui/lifecycle";
import { paintText } from "../ui/text";
import { ClusterLayer } from "../views/ClusterLayer";
import { shorten } from "../views/PodCard";
import { SidePanel, type LogLine } from "../views/SidePanel";

/** The scrubber: availability over the match, chaos marks above it, actions below (design px). */
const TIMELINE = { x: 30, y: 606, w: 900, h: 96, chartTop: 622, chartBottom: 684 } as const;
/** How close (px) a click must fall to a chaos mark to land exactly on its tick. */
const SNAP_PX = 7;
/** Marks listed in the side panel's log (the latest ones up to the current tick). */
const LOG_MARKS = 7;

/** What the test hook reads of a replay. */
export interface ReplayState {
  id: string;
  status: "loading" | "ready" | "error";
  error: string;
  tick: number;
  lastTick: number;
  time: number;
  playing: boolean;
  speed: number;
  /** Whether the final stateHash equals the stored one (null: nothing stored to compare). */
  verified: boolean | null;
  finalHash: string;
  storedHash: string;
  marks: ReplayMark[];
}

/** Percent with one decimal. */
function pct(x: number): string {
  return `${(Math.max(0, x) * 100).toFixed(1)}%`;
}

/**
 * Replay: a stored match re-simulated in the browser from its log (no server involved but
 * for fetching it), drawn as the Match scene draws the live cluster, with play/pause,
 * ×1/×4/×16, a scrubber along the availability timeline with chaos and actions marked,
 * and a ✓ when the replay ends on the stateHash the live match stored.
 */
export class Replay extends Phaser.Scene {
  /** The selection in the drawn cluster. */
  selection: Selection | undefined;
  private id = "";
  private status: ReplayState["status"] = "loading";
  private error = "";
  private player: ReplayPlayer | undefined;
  private match: StoredMatch | undefined;
  private cluster!: ClusterLayer;
  private side!: SidePanel;
  private card!: ConceptCard;
  private hudTitle!: Phaser.GameObjects.Text;
  private hudTime!: Phaser.GameObjects.Text;
  private hudCheck!: Phaser.GameObjects.Text;
  private message!: Phaser.GameObjects.Text;
  private help!: Phaser.GameObjects.Text;
  private chart!: Phaser.GameObjects.Graphics;
  private head!: Phaser.GameObjects.Graphics;
  private playButton!: Button;
  private speedButtons: [Speed, Button][] = [];
  private back!: Button;
  private scrubbing = false;
  private dirty = true;

  constructor() {
    super("Replay");
  }

  /** Builds the screen and loads the match named by the flow. */
  create(): void {
    this.id = flow().replayId;
    this.status = "loading";
    this.error = "";
    this.player = undefined;
    this.match = undefined;
    this.selection = undefined;
    this.speedButtons = [];
    this.scrubbing = false;
    this.dirty = true;
    this.cameras.main.setBackgroundColor(COLORS.bg);

    const hud = this.add.graphics();
    hud.fillStyle(COLORS.panel, 1).fillRect(0, 0, WIDTH, LAYOUT.hud.h);
    this.hudTitle = this.add.text(12, 12, "", textStyle(16, COLORS.text, false, true));
    this.hudTime = this.add.text(520, 4, "", { ...textStyle(13, COLORS.text), lineSpacing: 2 });
    this.hudCheck = this.add.text(WIDTH - 12, 12, "", textStyle(15, COLORS.okS, false, true)).setOrigin(1, 0);
    this.cluster = new ClusterLayer(this, {
      tap: (sel) => this.select(sel),
      drop: () => (this.dirty = true),
      concept: (id) => this.card.show(id),
    });
    this.side = new SidePanel(
      this,
      (sel) => this.select(sel),
      (id) => this.card.show(id),
    );
    this.buildTimeline();
    this.buildControls();
    this.message = this.add
      .text(WIDTH / 2, 330, "", {
        ...textStyle(20, COLORS.text, false, true),
        backgroundColor: "#0b1020",
        padding: { x: 18, y: 12 },
        align: "center",
        wordWrap: { width: 800 },
      })
      .setOrigin(0.5)
      .setDepth(900);
    this.card = new ConceptCard(this);
    windowListener(this, "keydown", (e) => this.onKey(e));
    onShutdown(
      this,
      onLangChange(() => {
        this.side.relabel();
        this.dirty = true;
      }),
      () => clearTargets(),
    );
    this.render();
    void this.loadMatch();
  }

  /** Per frame: advance playback, redraw what changed, animate requests. */
  override update(_time: number, delta: number): void {
    const p = this.player;
    if (p && p.update(delta)) this.dirty = true;
    if (this.dirty) {
      this.dirty = false;
      this.render();
    }
    if (p) this.cluster.tick(p.playing ? delta * p.speed : 0);
  }

  /** The replay as the test hook reports it. */
  replayState(): ReplayState {
    const p = this.player;
    return {
      id: this.id,
      status: this.status,
      error: this.error,
      tick: p?.tick ?? 0,
      lastTick: p?.lastTick ?? 0,
      time: p ? p.tick / 10 : 0,
      playing: p?.playing ?? false,
      speed: p?.speed ?? 1,
      verified: p?.verified ?? null,
      finalHash: p?.finalHash ?? "",
      storedHash: this.match?.stateHash ?? "",
      marks: p ? [...p.marks] : [],
    };
  }

  /** The view model at the current tick (test hook). */
  view(): MatchView | undefined {
    return this.player?.view();
  }

  /** The world's stateHash at the current tick (test hook). */
  stateHash(): string {
    return this.player?.stateHash() ?? "";
  }

  /** Moves to a tick (test hook and keyboard). */
  seek(tick: number): void {
    this.player?.seek(tick);
    this.dirty = true;
  }

  private async loadMatch(): Promise<void> {
    try {
      const [match, raw] = await Promise.all([fetchMatch(this.id), fetchLog(this.id)]);
      if (!isRunning(this)) return;
      const v = validateMatchLog(raw);
      if (!v.ok) throw new Error(v.error.message);
      this.match = match;
      // Let the "loading" line draw before the first pass over the whole match.
      this.time.delayedCall(30, () => {
        if (!isRunning(this)) return;
        try {
          this.player = new ReplayPlayer(v.value, {
            code: match.code,
            seats: match.players,
            ...(match.status === "finished" && match.stateHash ? { storedHash: match.stateHash } : {}),
          });
          this.status = "ready";
        } catch (e) {
          this.fail(e instanceof Error ? e.message : String(e));
        }
        this.dirty = true;
      });
    } catch (e) {
      if (!isRunning(this)) return;
      if (e instanceof ResultsError && e.status === 404) this.fail(t("replay.notFound", { id: this.id }));
      else if (e instanceof ResultsError && e.status === 0) this.fail(t("menu.error.offline"));
      else this.fail(e instanceof Error ? e.message : String(e));
    }
  }

  private fail(reason: string): void {
    this.status = "error";
    this.error = reason;
    this.dirty = true;
  }

  private select(sel: Selection): void {
    this.selection = this.selection?.kind === sel.kind && this.selection.key === sel.key ? undefined : sel;
    this.dirty = true;
  }

  private render(): void {
    const p = this.player;
    const m = this.match;
    this.hudTitle.setText(
      m
        ? t("replay.title", { code: m.code, round: m.round, scenario: m.scenario, seed: m.seed })
        : t("replay.titleShort"),
    );
    this.playButton.setLabel(p?.playing ? t("replay.pause") : t("replay.play"));
    for (const [speed, b] of this.speedButtons) b.setChosen(p?.speed === speed);
    this.back.setLabel(t("replay.back"));
    this.help.setText(t("replay.help"));
    if (this.status !== "ready" || !p || !m) {
      this.message.setVisible(true);
      paintText(
        this.message,
        this.status === "error" ? t("replay.error", { reason: this.error }) : t("replay.loading"),
        this.status === "error" ? COLORS.badS : COLORS.text,
      );
      return;
    }
    this.message.setVisible(false);
    const view = p.view();
    const a = view.availability;
    paintText(
      this.hudTime,
      `${t("replay.time", { time: view.time.toFixed(1), duration: p.duration.toFixed(0) })} · ${t("hud.availability", { pct: pct(a.overall) })}\nnginx ${pct(a.nginx)} · tomcat ${pct(a.tomcat)} · mysql ${pct(a.mysql)}`,
      a.overall >= 0.99 ? COLORS.text : COLORS.badS,
    );
    const verified = p.verified;
    paintText(
      this.hudCheck,
      verified === undefined
        ? t("replay.unverified", { time: p.duration.toFixed(1) })
        : verified
          ? t("replay.verified", { hash: p.finalHash.slice(0, 8) })
          : t("replay.mismatch"),
      verified === undefined ? COLORS.warnS : verified ? COLORS.okS : COLORS.badS,
    );
    this.cluster.update(view, this.selection);
    this.side.update(view, this.selection, "");
    this.side.setLog(this.markLog(p));
    this.drawChart(p);
    this.drawHead(p);
  }

  /** The latest marks up to the current tick, as log lines. */
  private markLog(p: ReplayPlayer): LogLine[] {
    return p.marks
      .filter((mk) => mk.tick <= p.tick)
      .slice(-LOG_MARKS)
      .map((mk) => ({
        text: shorten(`t=${mk.time.toFixed(1)}s ${mk.kind === "chaos" ? "▼" : "●"} ${mk.label}`, 60),
        color: mk.kind === "chaos" ? COLORS.badS : COLORS.okS,
      }));
  }

  private buildTimeline(): void {
    const tl = TIMELINE;
    const bg = this.add.graphics();
    bg.fillStyle(COLORS.panel, 1).fillRoundedRect(tl.x - 18, tl.y - 6, tl.w + 36, tl.h + 10, 8);
    this.chart = this.add.graphics();
    this.head = this.add.graphics().setDepth(10);
    const zone = this.add.zone(tl.x, tl.y, tl.w, tl.h).setOrigin(0).setInteractive({ useHandCursor: true });
    zone.on("pointerdown", (ptr: Phaser.Input.Pointer) => {
      this.scrubbing = true;
      this.scrubTo(ptr.worldX);
    });
    this.input.on("pointermove", (ptr: Phaser.Input.Pointer) => {
      if (this.scrubbing && ptr.isDown) this.scrubTo(ptr.worldX);
    });
    this.input.on("pointerup", () => (this.scrubbing = false));
    registerTarget("timeline", "start", () => ({ x: tl.x + 1, y: tl.chartBottom - 4 }));
    registerTarget("timeline", "end", () => ({ x: tl.x + tl.w - 1, y: tl.chartBottom - 4 }));
  }

  private buildControls(): void {
    const y = 738;
    this.playButton = new Button(this, 90, y, "", () => this.togglePlay(), {
      width: 140,
      height: 36,
      id: "replay-play",
    });
    SPEEDS.forEach((speed, i) => {
      const b = new Button(this, 200 + i * 70, y, `×${speed}`, () => this.setSpeed(speed), {
        width: 62,
        height: 36,
        size: 15,
        id: `replay-speed-${speed}`,
      });
      this.speedButtons.push([speed, b]);
    });
    this.help = this.add.text(420, y, "", textStyle(12, COLORS.dim)).setOrigin(0, 0.5);
    this.back = new Button(this, 1270, y, "", () => flow().closeReplay(), {
      width: 160,
      height: 36,
      id: "replay-back",
    });
  }

  private togglePlay(): void {
    this.player?.toggle();
    this.dirty = true;
  }

  private setSpeed(speed: Speed): void {
    if (this.player) this.player.speed = speed;
    this.dirty = true;
  }

  /** x (design px) of a tick on the scrubber. */
  private xOf(tick: number): number {
    const last = Math.max(1, this.player?.lastTick ?? 1);
    return TIMELINE.x + (Math.max(0, Math.min(tick, last)) / last) * TIMELINE.w;
  }

  /** Seeks to the tick under x, landing exactly on a chaos mark when the click is on one. */
  private scrubTo(x: number): void {
    const p = this.player;
    if (!p) return;
    const near = p.marks
      .filter((mk) => mk.kind === "chaos")
      .map((mk) => ({ mk, d: Math.abs(this.xOf(mk.tick) - x) }))
      .filter(({ d }) => d <= SNAP_PX)
      .sort((a, b) => a.d - b.d)[0];
    this.seek(near ? near.mk.tick : ((x - TIMELINE.x) / TIMELINE.w) * p.lastTick);
  }

  private drawChart(p: ReplayPlayer): void {
    const tl = TIMELINE;
    const g = this.chart.clear();
    const h = tl.chartBottom - tl.chartTop;
    const lo = Math.min(0.5, Math.floor(Math.min(1, ...p.timeline) * 4) / 4);
    const yOf = (v: number) => tl.chartBottom - ((Math.max(lo, v) - lo) / (1 - lo)) * h;
    g.lineStyle(1, COLORS.panelEdge, 1).strokeRect(tl.x, tl.chartTop, tl.w, h);
    g.lineStyle(1, COLORS.highlight, 0.7).lineBetween(tl.x, yOf(0.99), tl.x + tl.w, yOf(0.99));
    g.lineStyle(2, COLORS.ok, 1).beginPath();
    p.timeline.forEach((v, i) => {
      const x = this.xOf((i + 1) * 10);
      if (i === 0) g.moveTo(tl.x, yOf(v));
      g.lineTo(x, yOf(v));
    });
    g.strokePath();
    let chaos = 0;
    for (const mk of p.marks) {
      const x = this.xOf(mk.tick);
      if (mk.kind === "chaos") {
        g.lineStyle(1, COLORS.bad, 0.6).lineBetween(x, tl.chartTop, x, tl.chartBottom);
        g.fillStyle(COLORS.bad, 1).fillTriangle(x - 5, tl.y + 4, x + 5, tl.y + 4, x, tl.y + 13);
        const i = chaos++;
        registerTarget("mark", `chaos-${i}`, () =>
          this.player ? { x: this.xOf(mk.tick), y: tl.y + 8 } : undefined,
        );
      } else g.fillStyle(COLORS.podNet, 0.9).fillCircle(x, tl.chartBottom + 8, 2.5);
    }
  }

  private drawHead(p: ReplayPlayer): void {
    const x = this.xOf(p.tick);
    this.head
      .clear()
      .lineStyle(2, COLORS.select, 1)
      .lineBetween(x, TIMELINE.y, x, TIMELINE.chartBottom + 12)
      .fillStyle(COLORS.select, 1)
      .fillCircle(x, TIMELINE.chartBottom + 12, 5);
  }

  private onKey(e: KeyboardEvent): void {
    const p = this.player;
    if (e.key === "Escape") {
      if (this.card.visible) this.card.hide();
      else flow().closeReplay();
      return;
    }
    if (!p) return;
    const chaos = p.marks.filter((mk) => mk.kind === "chaos").map((mk) => mk.tick);
    switch (e.key) {
      case " ":
        e.preventDefault();
        this.togglePlay();
        break;
      case "ArrowLeft":
      case "ArrowRight": {
        const step = (e.shiftKey ? 100 : 10) * (e.key === "ArrowLeft" ? -1 : 1);
        this.seek(p.tick + step);
        break;
      }
      case "Home":
        this.seek(0);
        break;
      case "End":
        this.seek(p.lastTick);
        break;
      case "[":
        this.seek([...chaos].reverse().find((tick) => tick < p.tick) ?? 0);
        break;
      case "]": {
        const next = chaos.find((tick) => tick > p.tick);
        if (next !== undefined) this.seek(next);
        break;
      }
      case "1":
      case "2":
      case "3":
        this.setSpeed(SPEEDS[Number(e.key) - 1]!);
        break;
    }
  }
}
