import Phaser from "phaser";
import QRCode from "qrcode";
import type { Board, BoardEntry, BoothConfig } from "../../../shared/booth";
import { fetchBoard, fetchConfig } from "../booth/api";
import { onLangChange, t, type MessageKey } from "../i18n";
import { Connection } from "../net/connection";
import type { MatchView } from "../net/view";
import { clearTargets } from "../session";
import { COLORS, textStyle } from "../theme";
import { cjkWrap } from "../ui/cjkWrap";
import { isRunning, onShutdown } from "../ui/lifecycle";

/** How often the big screen asks for the config (the live room) and today's board (ms). */
const POLL_MS = 3000;
/** Rows of the board (the API's top 10). */
const ROWS = 10;
/** The live panel, the board and the QR code (design px). */
const LIVE = { x: 30, y: 110, w: 600, h: 400 } as const;
const BOARD = { x: 660, y: 110, w: 676, h: 460 } as const;
const QR = { x: 1150, y: 590, px: 160 } as const;

/** Percent with one decimal. */
function pct(x: number): string {
  return `${(Math.max(0, x) * 100).toFixed(1)}%`;
}

/** What the test hook reads of the big screen. */
export interface BoothScreenState {
  liveRoom: string;
  /** The live round's availability and game time, when one is shown. */
  live: { time: number; duration: number; availability: number } | undefined;
  top: { rank: number; name: string; availability: number }[];
  qrText: string;
  reachable: boolean;
}

/**
 * The booth's big screen (`#/booth/screen`, public, read-only): the round being played on
 * the kiosk, live and in large type (joined as a watcher), today's top 10 with the best
 * availability and the fastest recovery, and a QR code of the address where visitors play
 * the same round on their own laptop (`PUBLIC_URL`, else this page's origin).
 */
export class BoothScreen extends Phaser.Scene {
  private config: BoothConfig | undefined;
  private board: Board | undefined;
  private reachable = true;
  private watch: Connection | undefined;
  private watching = "";
  private qrText = "";
  private liveBox!: Phaser.GameObjects.Container;
  private boardBox!: Phaser.GameObjects.Container;
  private qrBox!: Phaser.GameObjects.Container;
  private header!: Phaser.GameObjects.Text;
  private lesson!: Phaser.GameObjects.Text;
  private liveSig = "";

  constructor() {
    super("BoothScreen");
  }

  /** Draws the frame and starts polling. */
  create(): void {
    this.watching = "";
    this.liveSig = "";
    this.qrText = "";
    this.cameras.main.setBackgroundColor(COLORS.bg);
    this.add.image(56, 48, "logo").setScale(0.4);
    this.header = this.add.text(100, 10, "", textStyle(36, COLORS.text, false, true));
    this.lesson = this.add.text(100, 58, "", textStyle(24, COLORS.warnS, false, true));
    this.liveBox = this.add.container(0, 0);
    this.boardBox = this.add.container(0, 0);
    this.qrBox = this.add.container(0, 0);
    const poll = this.time.addEvent({ delay: POLL_MS, loop: true, callback: () => void this.poll() });
    onShutdown(
      this,
      () => poll.remove(),
      () => void this.unwatch(),
      onLangChange(() => this.redraw(true)),
      () => clearTargets(),
    );
    this.redraw(true);
    void this.poll();
  }

  /** Per frame: the live panel, when what it shows changed. */
  override update(): void {
    this.drawLive(false);
  }

  /** The state the test hook reports. */
  screenState(): BoothScreenState {
    const v = this.liveView();
    return {
      liveRoom: this.watching,
      live: v ? { time: v.time, duration: v.duration, availability: v.availability.overall } : undefined,
      top: (this.board?.top ?? []).map((e) => ({ rank: e.rank, name: e.name, availability: e.availability })),
      qrText: this.qrText,
      reachable: this.reachable,
    };
  }

  private liveView(): MatchView | undefined {
    const v = this.watch?.view;
    return v && v.phase !== "lobby" && this.watch?.status !== "offline" ? v : undefined;
  }

  private async poll(): Promise<void> {
    try {
      const [config, board] = await Promise.all([fetchConfig(), fetchBoard("day")]);
      if (!isRunning(this)) return;
      this.config = config;
      this.board = board;
      this.reachable = true;
      // A room that went away (the kiosk closed mid-round) leaves its watcher offline: let it go.
      if (this.watch?.status === "offline") await this.unwatch();
      await this.follow(config.liveRoom ?? "");
    } catch {
      this.reachable = false;
    }
    if (isRunning(this)) this.redraw(false);
  }

  /** Watches the kiosk's live room (a watcher's seat: no role). */
  private async follow(room: string): Promise<void> {
    if (room === this.watching) return;
    await this.unwatch();
    if (!room) return;
    const conn = new Connection();
    try {
      await conn.join(room, { role: "", name: "Big screen" });
    } catch {
      return;
    }
    if (!isRunning(this)) return void conn.leave();
    this.watch = conn;
    this.watching = room;
  }

  private async unwatch(): Promise<void> {
    const conn = this.watch;
    this.watch = undefined;
    this.watching = "";
    await conn?.leave();
  }

  private redraw(force: boolean): void {
    this.header.setText(t("app.title"));
    this.lesson.setText(t("booth.lesson"));
    this.drawLive(force);
    this.drawBoard();
    this.drawQr(force);
  }

  /** The round on the kiosk: role, availability, time left, open incidents. */
  private drawLive(force: boolean): void {
    const v = this.liveView();
    const me = v?.players.find((p) => !p.isBot && p.role);
    const sig = v
      ? JSON.stringify([
          v.phase,
          Math.floor(v.time),
          v.availability.overall.toFixed(3),
          v.score.openIncidents,
          me?.role,
          me?.name,
        ])
      : `none:${this.reachable}`;
    if (!force && sig === this.liveSig) return;
    this.liveSig = sig;
    const c = this.liveBox;
    c.removeAll(true);
    const g = this.add.graphics();
    c.add(g);
    g.fillStyle(COLORS.panel, 1).fillRoundedRect(LIVE.x, LIVE.y, LIVE.w, LIVE.h, 14);
    const text = (x: number, y: number, s: string, size: number, color: string, bold = false) => {
      const txt = this.add.text(x, y, s, {
        ...textStyle(size, color, false, bold),
        wordWrap: cjkWrap(LIVE.w - 40),
      });
      c.add(txt);
      return txt;
    };
    text(LIVE.x + 20, LIVE.y + 14, t("booth.screen.live"), 28, COLORS.text, true);
    if (!v) {
      text(
        LIVE.x + 20,
        LIVE.y + 90,
        this.reachable ? t("booth.screen.idle") : t("booth.screen.offline"),
        34,
        this.reachable ? COLORS.dim : COLORS.badS,
      );
      return;
    }
    const a = v.availability.overall;
    const role = me?.role ? t(`role.${me.role}` as MessageKey) : "";
    text(LIVE.x + 20, LIVE.y + 58, role, 26, COLORS.warnS, true);
    text(LIVE.x + 20, LIVE.y + 100, pct(a), 120, a >= 0.99 ? COLORS.okS : COLORS.badS, true);
    const left = Math.max(0, Math.ceil(v.duration - v.time));
    const status = v.phase === "debrief" ? t("booth.debrief.title") : t("booth.screen.time", { time: left });
    text(LIVE.x + 20, LIVE.y + 260, status, 34, COLORS.text, true);
    const incidents = v.score.openIncidents;
    text(
      LIVE.x + 20,
      LIVE.y + 320,
      `${t("booth.debrief.detail", {
        incidents: v.incidents.length,
        mttr: v.score.mttr >= 0 ? `${v.score.mttr.toFixed(1)} s` : "—",
        budget: pct(v.availability.errorBudget),
      })}${incidents > 0 ? ` · ${t("booth.screen.open", { n: incidents })}` : ""}`,
      22,
      COLORS.dim,
    );
  }

  /** Today's top 10, with the best availability and the fastest recovery below the live panel. */
  private drawBoard(): void {
    const c = this.boardBox;
    c.removeAll(true);
    const g = this.add.graphics();
    c.add(g);
    g.fillStyle(COLORS.panel, 1).fillRoundedRect(BOARD.x, BOARD.y, BOARD.w, BOARD.h, 14);
    const add = (x: number, y: number, s: string, style: Phaser.Types.GameObjects.Text.TextStyle) => {
      const txt = this.add.text(x, y, s, style);
      c.add(txt);
      return txt;
    };
    add(BOARD.x + 20, BOARD.y + 14, t("booth.screen.board"), textStyle(28, COLORS.text, false, true));
    const top = this.board?.top.slice(0, ROWS) ?? [];
    // Column names: from 3 m a bare "—" beside a percentage says nothing.
    if (top.length > 0) {
      add(BOARD.x + 330, BOARD.y + 26, t("booth.screen.colAvailability"), textStyle(18, COLORS.dim));
      add(BOARD.x + 480, BOARD.y + 26, t("booth.screen.colRecovery"), textStyle(18, COLORS.dim));
    }
    if (top.length === 0)
      add(
        BOARD.x + 20,
        BOARD.y + 70,
        this.reachable ? t("booth.screen.empty") : t("booth.screen.offline"),
        textStyle(24, COLORS.dim),
      );
    top.forEach((e, i) => {
      const y = BOARD.y + 62 + i * 36; // the tenth row ends above "n rounds played today"
      const color = i === 0 ? COLORS.warnS : COLORS.text;
      add(BOARD.x + 20, y, `${String(e.rank).padStart(2)}.`, { ...textStyle(28, color, true, true) });
      add(BOARD.x + 86, y, e.name || "???", { ...textStyle(28, color, true, true) });
      add(BOARD.x + 330, y, pct(e.availability), { ...textStyle(28, color, true) });
      add(
        BOARD.x + 480,
        y,
        e.mttr === null ? "—" : `${e.mttr.toFixed(1)} s`,
        textStyle(24, COLORS.dim, true),
      );
    });
    const best = (y: number, label: MessageKey, e: BoardEntry | null, value: (e: BoardEntry) => string) => {
      g.fillStyle(COLORS.panel, 1).fillRoundedRect(LIVE.x, y, LIVE.w, 84, 12);
      add(LIVE.x + 20, y + 10, t(label), textStyle(20, COLORS.dim, false, true));
      add(
        LIVE.x + 20,
        y + 38,
        e ? `${e.name || "???"} · ${value(e)}` : "—",
        textStyle(30, COLORS.text, false, true),
      );
    };
    best(530, "booth.screen.bestAvailability", this.board?.bestAvailability ?? null, (e) =>
      pct(e.availability),
    );
    best(630, "booth.screen.fastestRecovery", this.board?.fastestRecovery ?? null, (e) =>
      e.mttr === null ? "—" : `${e.mttr.toFixed(1)} s`,
    );
    if (this.board)
      add(
        BOARD.x + 20,
        BOARD.y + BOARD.h - 30,
        t("booth.roundsToday", { n: this.board.roundsToday }),
        textStyle(18, COLORS.dim),
      );
  }

  /** The QR code of the address where visitors play: PUBLIC_URL, else this page's origin. */
  private drawQr(force: boolean): void {
    const base = (this.config?.publicUrl ?? location.origin).replace(/\/+$/, "");
    const url = `${base}/#/booth`;
    if (url === this.qrText && !force) return;
    this.qrText = url;
    const c = this.qrBox;
    c.removeAll(true);
    const m = QRCode.create(url, { errorCorrectionLevel: "M" }).modules;
    const cells = m.size + 8;
    const cell = QR.px / cells;
    const g = this.add.graphics();
    c.add(g);
    g.fillStyle(0xffffff, 1).fillRect(QR.x, QR.y, QR.px, QR.px);
    g.fillStyle(0x000000, 1);
    for (let r = 0; r < m.size; r++)
      for (let col = 0; col < m.size; col++)
        if (m.get(r, col))
          g.fillRect(QR.x + (col + 4) * cell, QR.y + (r + 4) * cell, cell + 0.25, cell + 0.25);
    const label = this.add
      .text(QR.x - 16, QR.y + 20, t("booth.screen.scan"), {
        ...textStyle(22, COLORS.text, false, true),
        align: "right",
        wordWrap: cjkWrap(440),
      })
      .setOrigin(1, 0);
    const link = this.add
      .text(QR.x - 16, QR.y + 80, url, { ...textStyle(18, COLORS.okS, true), align: "right" })
      .setOrigin(1, 0);
    c.add([label, link]);
  }
}
