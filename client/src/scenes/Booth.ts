import Phaser from "phaser";
import { ROLE_CHOICE, type Board, type BoothConfig } from "../../../shared/booth";
import { ROLES, type Role } from "../../../shared/sim";
import { announceLive, fetchBoard, fetchConfig, uploadRound } from "../booth/api";
import { LocalConnection, localOptions } from "../booth/localConnection";
import { flushRounds, pendingRounds, rememberConfig, rememberedConfig } from "../booth/offlineRounds";
import { prepareRound, setBoothRound, type BoothRound } from "../booth/round";
import { flow } from "../flow";
import { getLang, onLangChange, setLang, t, type MessageKey } from "../i18n";
import { clearTargets, registerTarget } from "../session";
import { COLORS, HEIGHT, WIDTH, textStyle } from "../theme";
import { Button } from "../ui/Button";
import { cjkWrap } from "../ui/cjkWrap";
import { isRunning, onShutdown, windowListener } from "../ui/lifecycle";
import { ClusterLayer } from "../views/ClusterLayer";

/** Seconds of the how-to before the round starts by itself. */
export const HOWTO_SECONDS = 10;
/** How often the attract loop asks the server for the config and today's board (ms). */
const POLL_MS = 5000;
/** Game seconds of one attract demo before it starts over with a new world. */
const DEMO_SECONDS = 300;
/** A key or tap this soon after a screen appeared is the same press that opened it (ms). */
const DEBOUNCE_MS = 600;
/** How long the attract loop says why it is back (a lost connection) once the server answers again (ms). */
const NOTICE_MS = 60_000;
/** Entries of today's board the attract loop lists. */
const BOARD_ROWS = 5;
/** The right-hand column beside the demo cluster. */
const SIDE = { x: 972, w: 380 } as const;

/** What the kiosk shows: the attract loop, the role cards, or the how-to. */
export type BoothStage = "attract" | "pick" | "howto";

/** Percent with one decimal. */
function pct(x: number): string {
  return `${(Math.max(0, x) * 100).toFixed(1)}%`;
}

/**
 * The booth kiosk (`#/booth`): an attract loop (a live demo match played by bots in this
 * browser, the lesson in one line, today's best, "tap or press any key") until a visitor
 * arrives; then the role cards (when the booth lets them choose) and a 10-second how-to
 * while their round is prepared on the server — or in the browser when the server cannot
 * be reached. The round itself is the Match scene; the flow brings the kiosk back here.
 */
export class Booth extends Phaser.Scene {
  /** The kiosk's stage (read by the test hook). */
  stage: BoothStage = "attract";
  private demo: LocalConnection | undefined;
  private cluster!: ClusterLayer;
  private config: BoothConfig | undefined;
  private board: Board | undefined;
  private reachable = true;
  private uploaded = 0;
  private notice: MessageKey | undefined;
  private side!: Phaser.GameObjects.Container;
  private topLine!: Phaser.GameObjects.Text;
  private caption!: Phaser.GameObjects.Text;
  private overlay!: Phaser.GameObjects.Container;
  private langButtons: [string, Button][] = [];
  private stageAt = 0;
  private role: Role = "scheduler";
  private howtoEnds = 0;
  private preparing: Promise<BoothRound> | undefined;
  private going = false;
  private lastCount = -1;
  private sideSig = "";
  private shownAt = 0;
  private playText: Phaser.GameObjects.Text | undefined;

  constructor() {
    super("Booth");
  }

  /** Starts the demo and the attract loop, and listens for a visitor. */
  create(): void {
    this.stage = "attract";
    this.going = false;
    this.preparing = undefined;
    this.lastCount = -1;
    this.sideSig = "";
    this.playText = undefined;
    this.notice = flow().boothNotice;
    flow().boothNotice = undefined;
    setBoothRound(undefined);
    this.config = rememberedConfig();
    this.cameras.main.setBackgroundColor(COLORS.bg);

    this.demo = this.newDemo();
    this.cluster = new ClusterLayer(this, {
      tap: () => undefined,
      drop: () => undefined,
      concept: () => undefined,
    });
    this.topLine = this.add.text(16, 12, "", textStyle(18, COLORS.text, false, true));
    this.caption = this.add.text(20, 608, "", {
      ...textStyle(20, COLORS.text),
      lineSpacing: 6,
      wordWrap: cjkWrap(920),
    });
    this.side = this.add.container(0, 0);
    this.overlay = this.add.container(0, 0).setDepth(1000);
    this.langButtons = (["en", "zh"] as const).map((lang, i) => {
      const b = new Button(
        this,
        WIDTH - 120 + i * 74,
        24,
        lang === "en" ? "EN" : "中文",
        () => setLang(lang),
        {
          width: 66,
          height: 30,
          size: 14,
          id: `lang-${lang}`,
        },
      );
      b.setDepth(1100);
      return [lang, b];
    });

    windowListener(this, "keydown", (e) => this.onKey(e));
    this.input.on("pointerup", (_p: Phaser.Input.Pointer, over: Phaser.GameObjects.GameObject[]) => {
      if (over.some((o) => this.langButtons.some(([, b]) => b === o))) return;
      this.onTap();
    });
    const poll = this.time.addEvent({ delay: POLL_MS, loop: true, callback: () => void this.poll() });
    onShutdown(
      this,
      () => this.demo?.stop(),
      () => poll.remove(),
      onLangChange(() => this.redraw()),
      () => clearTargets(),
    );
    this.stageAt = performance.now();
    this.shownAt = this.stageAt;
    this.redraw();
    void this.poll();
  }

  /** Per frame: the demo cluster, the how-to's countdown. */
  override update(_time: number, delta: number): void {
    const demo = this.demo;
    if (demo?.view) {
      if (demo.match.phase === "debrief") {
        demo.stop();
        this.demo = this.newDemo();
      }
      this.cluster.update(demo.view, undefined);
      this.cluster.tick(delta);
      const a = demo.view.availability.overall;
      this.topLine.setText(`● ${t("booth.demo")} · ${t("hud.availability", { pct: pct(a) })}`);
      this.topLine.setColor(a >= 0.99 ? COLORS.okS : COLORS.badS);
    }
    if (this.stage === "howto") {
      const left = Math.max(0, Math.ceil((this.howtoEnds - performance.now()) / 1000));
      if (left !== this.lastCount) {
        this.lastCount = left;
        this.drawOverlay();
      }
      if (left === 0) void this.go();
    }
  }

  /** A bots-only match in this browser, started at once. */
  private newDemo(): LocalConnection {
    const demo = new LocalConnection({
      options: localOptions({
        scenario: this.config?.settings.scenario ?? "nmt",
        difficulty: "bots",
        durationSeconds: DEMO_SECONDS,
        seed: Math.floor(Math.random() * 0x7fffffff),
      }),
      code: "DEMO",
    });
    demo.start();
    return demo;
  }

  private onKey(e: KeyboardEvent): void {
    if (e.repeat) return;
    // Esc before the round starts: back to the attract loop (a round being prepared is let go).
    if (e.key === "Escape" && this.stage !== "attract" && !this.going) return this.cancel();
    if (e.key !== "Escape") this.fullscreen();
    if (this.stage === "pick") {
      const i = Number(e.key) - 1;
      if (ROLES[i]) this.pick(ROLES[i]);
      return;
    }
    this.advance();
  }

  private onTap(): void {
    this.fullscreen();
    if (this.stage !== "pick") this.advance();
  }

  /** The first tap or key also takes the page fullscreen where the browser allows it (it needs a user gesture). */
  private fullscreen(): void {
    if (this.scale.isFullscreen || !this.scale.fullscreen.available) return;
    try {
      this.scale.startFullscreen();
    } catch {
      // refused (an iframe, a browser policy): the kiosk works in a window too
    }
  }

  /** A key or a tap: attract → role cards or how-to; how-to → start now. */
  private advance(): void {
    if (performance.now() - this.stageAt < DEBOUNCE_MS) return;
    if (this.stage === "attract") {
      const offer = this.config?.settings.role ?? ROLE_CHOICE;
      if (offer === ROLE_CHOICE) this.setStage("pick");
      else this.pick(offer);
    } else if (this.stage === "howto") void this.go();
  }

  /** Back to the attract loop from the role cards or the how-to. */
  private cancel(): void {
    const preparing = this.preparing;
    this.preparing = undefined;
    void preparing?.then((r) => r.conn.leave());
    this.setStage("attract");
  }

  /** The visitor's role is known: the how-to shows while their round is prepared. */
  private pick(role: Role): void {
    if (this.stage === "pick" && performance.now() - this.stageAt < DEBOUNCE_MS) return;
    this.role = role;
    this.howtoEnds = performance.now() + HOWTO_SECONDS * 1000;
    this.preparing = prepareRound(role, this.config);
    this.setStage("howto");
  }

  /** Starts the prepared round: the flow follows it to the Match scene. */
  private async go(): Promise<void> {
    if (this.going || !this.preparing) return;
    this.going = true;
    this.drawOverlay();
    const round = await this.preparing;
    if (!isRunning(this)) {
      void round.conn.leave();
      return;
    }
    setBoothRound(round);
    round.conn.start();
    if (!round.offline) void announceLive(round.conn.code).catch(() => undefined);
    flow().enter(round.conn);
  }

  private setStage(stage: BoothStage): void {
    this.stage = stage;
    this.stageAt = performance.now();
    this.lastCount = -1;
    this.drawOverlay();
  }

  /** Asks for the config and today's board; uploads rounds played offline once the server answers. */
  private async poll(): Promise<void> {
    try {
      const [config, board] = await Promise.all([fetchConfig(), fetchBoard("day")]);
      if (!isRunning(this)) return;
      this.config = config;
      this.board = board;
      this.reachable = true;
      rememberConfig(config);
      // Why the kiosk came back here is news for a while, not for the rest of the day.
      if (this.notice && performance.now() - this.shownAt > NOTICE_MS) this.notice = undefined;
      if (pendingRounds().length > 0) {
        const report = await flushRounds(uploadRound);
        this.uploaded += report.stored.length;
        if (report.stored.length > 0 && isRunning(this)) this.board = await fetchBoard("day");
      }
    } catch {
      this.reachable = false;
    }
    if (isRunning(this)) this.redraw();
  }

  /** The round's length as the operator set it ("3 minutes", "60 seconds"): the attract loop promises it. */
  private roundLength(): string {
    const secs = this.config?.settings.durationSeconds ?? 180;
    return secs >= 120 && secs % 60 === 0
      ? t("booth.length.minutes", { n: secs / 60 })
      : t("booth.length.seconds", { n: secs });
  }

  private redraw(): void {
    for (const [lang, b] of this.langButtons) b.setChosen(lang === getLang());
    this.caption.setText(t("booth.caption", { length: this.roundLength() }));
    this.drawSide();
    this.drawOverlay();
  }

  /** The column beside the demo: title, lesson, the call to play, today's best, the server's state. */
  private drawSide(): void {
    // Rebuilt only when something it shows changed: the attract loop runs for hours.
    const sig = JSON.stringify([
      getLang(),
      this.board?.top.slice(0, BOARD_ROWS),
      this.board?.roundsToday,
      this.reachable,
      this.notice,
      pendingRounds().length,
      this.uploaded,
      this.roundLength(),
    ]);
    if (sig === this.sideSig) return;
    this.sideSig = sig;
    const c = this.side;
    c.removeAll(true);
    const g = this.add.graphics();
    c.add(g);
    g.fillStyle(COLORS.panel, 0.96).fillRoundedRect(SIDE.x - 8, 50, SIDE.w + 4, HEIGHT - 62, 12);
    g.lineStyle(2, COLORS.panelEdge, 1).strokeRoundedRect(SIDE.x - 8, 50, SIDE.w + 4, HEIGHT - 62, 12);
    const wrap = cjkWrap(SIDE.w - 16);
    let y = 66;
    const add = (s: string, size: number, color: string, bold = false, gap = 10) => {
      const txt = this.add.text(SIDE.x + 4, y, s, { ...textStyle(size, color, false, bold), wordWrap: wrap });
      c.add(txt);
      y += txt.height + gap;
      return txt;
    };
    add(t("app.title"), 40, COLORS.text, true, 4);
    add(t("booth.subtitle", { length: this.roundLength() }), 17, COLORS.dim, false, 16);
    add(t("booth.lesson"), 22, COLORS.warnS, true, 22);
    // The call to play: a bright box that breathes, so it catches an eye from across the aisle.
    const play = this.add
      .text(SIDE.x + SIDE.w / 2 - 6, y + 38, t("booth.play"), {
        ...textStyle(24, "#0b1020", false, true),
        backgroundColor: "#f0e442",
        padding: { x: 16, y: 14 },
        align: "center",
        wordWrap: cjkWrap(270),
      })
      .setOrigin(0.5);
    c.add(play);
    this.tweens.killTweensOf(this.playText ?? []);
    this.playText = play;
    this.tweens.add({ targets: play, alpha: 0.55, duration: 900, yoyo: true, repeat: -1 });
    registerTarget("button", "booth-play", () => (play.active ? { x: play.x, y: play.y } : undefined));
    y += play.height + 34;
    add(t("booth.today"), 20, COLORS.text, true, 6);
    const top = this.board?.top.slice(0, BOARD_ROWS) ?? [];
    if (top.length === 0) add(this.reachable ? t("booth.noRounds") : "—", 16, COLORS.dim, false, 8);
    // One row per entry in columns: place and name on the left, availability right-aligned.
    for (const e of top) {
      const row = this.add.text(
        SIDE.x + 4,
        y,
        `${e.rank}. ${e.name || "???"}`,
        textStyle(19, COLORS.text, true),
      );
      const value = this.add
        .text(SIDE.x + SIDE.w - 24, y, pct(e.availability), textStyle(19, COLORS.okS, true))
        .setOrigin(1, 0);
      c.add([row, value]);
      y += row.height + 4;
    }
    y += 8;
    if (this.board) add(t("booth.roundsToday", { n: this.board.roundsToday }), 15, COLORS.dim, false, 12);
    const notes: [string, string][] = [];
    if (this.notice) notes.push([t(this.notice), COLORS.badS]);
    if (!this.reachable) notes.push([t("booth.serverDown"), COLORS.badS]);
    const pending = pendingRounds().length;
    if (pending > 0) notes.push([t("booth.pending", { n: pending }), COLORS.warnS]);
    if (this.uploaded > 0) notes.push([t("booth.uploaded", { n: this.uploaded }), COLORS.okS]);
    for (const [s, color] of notes) add(s, 15, color, false, 8);
  }

  /** The role cards or the how-to, over everything; nothing in attract. */
  private drawOverlay(): void {
    const c = this.overlay;
    c.removeAll(true);
    if (this.stage === "attract") return;
    const g = this.add.graphics();
    c.add(g);
    g.fillStyle(COLORS.bg, 0.97).fillRect(0, 0, WIDTH, HEIGHT);
    const center = (y: number, s: string, size: number, color: string, bold = false) => {
      const txt = this.add
        .text(WIDTH / 2, y, s, {
          ...textStyle(size, color, false, bold),
          align: "center",
          wordWrap: cjkWrap(WIDTH - 200),
        })
        .setOrigin(0.5, 0);
      c.add(txt);
      return txt;
    };
    if (this.stage === "pick") {
      center(90, t("booth.pickRole"), 44, COLORS.text, true);
      center(150, t("booth.pickHint"), 20, COLORS.dim);
      ROLES.forEach((role, i) => {
        const x = WIDTH / 2 + (i - 1) * 420;
        const card = new Button(this, x, 400, "", () => this.pick(role), {
          width: 390,
          height: 320,
          id: `role-${role}`,
        });
        c.add(card);
        c.add(this.add.text(x, 270, `${i + 1}`, textStyle(56, COLORS.warnS, false, true)).setOrigin(0.5, 0));
        c.add(
          this.add
            .text(x, 350, t(`role.${role}` as MessageKey), {
              ...textStyle(28, COLORS.text, false, true),
              align: "center",
              wordWrap: cjkWrap(360),
            })
            .setOrigin(0.5, 0),
        );
        c.add(
          this.add
            .text(x, 420, t(`booth.howto.key.${role}` as MessageKey), {
              ...textStyle(17, COLORS.dim),
              align: "center",
              wordWrap: cjkWrap(350),
            })
            .setOrigin(0.5, 0),
        );
      });
      return;
    }
    const roleName = t(`role.${this.role}` as MessageKey);
    center(70, t("booth.howto.title", { role: roleName }), 48, COLORS.text, true);
    center(170, t(`booth.howto.key.${this.role}` as MessageKey), 30, COLORS.warnS, true);
    center(330, t("booth.howto.red"), 26, COLORS.badS);
    const secs = this.config?.settings.durationSeconds ?? 180;
    center(430, t("booth.howto.goal", { secs }), 26, COLORS.okS);
    const left = Math.max(0, Math.ceil((this.howtoEnds - performance.now()) / 1000));
    center(
      600,
      this.going ? t("booth.howto.connecting") : t("booth.howto.starting", { n: left }),
      30,
      COLORS.text,
      true,
    );
  }
}
