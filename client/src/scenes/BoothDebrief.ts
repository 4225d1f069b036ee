import Phaser from "phaser";
import { MAX_BOOTH_NAME, type RoundStored } from "../../../shared/booth";
import { announceLive, BoothApiError, claimRound, nameRound, uploadRound } from "../booth/api";
import { claimRefusalText } from "../booth/claimRefusal";
import { LocalConnection } from "../booth/localConnection";
import { keepRound, flushRounds } from "../booth/offlineRounds";
import { booth, recallBoothRound, type BoothRound } from "../booth/round";
import { flow } from "../flow";
import { onLangChange, t, type MessageKey } from "../i18n";
import type { MatchView } from "../net/view";
import { clearTargets, session } from "../session";
import { COLORS, HEIGHT, WIDTH, textStyle, MONO } from "../theme";
import { Button } from "../ui/Button";
import { cjkWrap } from "../ui/cjkWrap";
import { isRunning, onShutdown, windowListener } from "../ui/lifecycle";

/** Seconds without a key or a tap before the kiosk goes back to its attract loop. */
export const IDLE_SECONDS = 30;
/** The on-screen keyboard (a touch kiosk has no other). */
const KEY_ROWS = ["ABCDEFGHIJ", "KLMNOPQRST", "UVWXYZ0123", "456789"] as const;
/** Tries to claim a round whose stored id has not reached the view yet. */
const CLAIM_TRIES = 20;

/** Percent with `digits` decimals. */
function pct(x: number, digits = 1): string {
  return `${(Math.max(0, x) * 100).toFixed(digits)}%`;
}

/** What the debrief knows about storing the round. */
type StoreState =
  | { kind: "pending" }
  | { kind: "stored"; stored: RoundStored }
  | { kind: "kept" }
  | { kind: "error"; reason: string };

/**
 * The kiosk's debrief: the round's availability in large type, its incidents and recovery,
 * the visitor's place of the day (the round is claimed on the server — or, played offline,
 * kept in this browser and uploaded), initials or a nickname typed or tapped on an
 * on-screen keyboard, and back to the attract loop after 30 s without input.
 */
export class BoothDebrief extends Phaser.Scene {
  private round: BoothRound | undefined;
  private view: MatchView | undefined;
  private body!: Phaser.GameObjects.Container;
  private nameText!: Phaser.GameObjects.Text;
  private nameStatus!: Phaser.GameObjects.Text;
  private idleText!: Phaser.GameObjects.Text;
  private typed = "";
  private store: StoreState = { kind: "pending" };
  private nameNote: { key: MessageKey; params?: Record<string, string> } | undefined;
  private lastInput = 0;
  private saving = false;

  constructor() {
    super("BoothDebrief");
  }

  /** Draws the result, stores the round, and starts the idle clock. */
  create(): void {
    this.round = booth.round ?? (session.connection && recallBoothRound(session.connection));
    this.view = session.connection?.view;
    this.typed = "";
    this.store = { kind: "pending" };
    this.nameNote = undefined;
    this.saving = false;
    this.lastInput = performance.now();
    this.cameras.main.setBackgroundColor(COLORS.bg);
    this.body = this.add.container(0, 0);
    this.buildKeyboard();
    this.nameText = this.add.text(980, 150, "", textStyle(54, COLORS.text, true, true)).setOrigin(0.5, 0);
    this.nameStatus = this.add
      .text(980, 226, "", {
        ...textStyle(17, COLORS.dim),
        align: "center",
        wordWrap: cjkWrap(700),
      })
      .setOrigin(0.5, 0);
    this.idleText = this.add.text(WIDTH - 20, HEIGHT - 16, "", textStyle(16, COLORS.dim)).setOrigin(1, 1);
    // Straight from the window: Phaser's key queue can hand a fast typist's keys over more than once.
    windowListener(this, "keydown", (e) => this.onKey(e));
    this.input.on("pointerdown", () => (this.lastInput = performance.now()));
    onShutdown(
      this,
      onLangChange(() => this.redraw()),
      () => clearTargets(),
    );
    this.redraw();
    // After create: the scene counts as running only from its first step (isRunning guards the replies).
    this.time.delayedCall(1, () => void this.storeRound());
  }

  /** Per frame: the idle countdown, and back to the attract loop when it runs out. */
  override update(): void {
    const left = Math.ceil(IDLE_SECONDS - (performance.now() - this.lastInput) / 1000);
    this.idleText.setText(t("booth.debrief.idle", { n: Math.max(0, left) }));
    if (left <= 0) void flow().leave();
  }

  private onKey(e: KeyboardEvent): void {
    this.lastInput = performance.now();
    if (e.key === "Enter") return void this.saveName();
    if (e.key === "Backspace") return this.type("⌫");
    if (e.key === "Escape") return void flow().leave();
    if (/^[a-z0-9]$/i.test(e.key)) this.type(e.key.toUpperCase());
  }

  /** One key of the typed name (a letter, a digit, or ⌫). */
  private type(key: string): void {
    this.lastInput = performance.now();
    if (key === "⌫") this.typed = this.typed.slice(0, -1);
    else if (this.typed.length < MAX_BOOTH_NAME) this.typed += key;
    this.nameNote = undefined;
    this.drawName();
  }

  private buildKeyboard(): void {
    const x0 = 980 - (10 * 62) / 2 + 31;
    KEY_ROWS.forEach((row, r) =>
      [...row].forEach((ch, i) => {
        new Button(this, x0 + i * 62, 330 + r * 56, ch, () => this.type(ch), {
          width: 56,
          height: 48,
          size: 22,
          id: `key-${ch}`,
        });
      }),
    );
    new Button(this, x0 + 6 * 62 + 31, 330 + 3 * 56, "⌫", () => this.type("⌫"), {
      width: 118,
      height: 48,
      size: 22,
      id: "key-back",
    });
    this.saveButton = new Button(this, x0 + 8 * 62 + 31, 330 + 3 * 56, "", () => void this.saveName(), {
      width: 118,
      height: 48,
      size: 20,
      fill: 0x1f5c3a,
      id: "save-name",
    });
    this.againButton = new Button(this, 980, 620, "", () => void flow().leave(), {
      width: 260,
      height: 52,
      size: 20,
      id: "booth-again",
    });
  }

  private saveButton!: Button;
  private againButton!: Button;

  /** Claims the round on the server, or keeps it in this browser when it was played offline. */
  private async storeRound(): Promise<void> {
    const round = this.round;
    const conn = session.connection;
    if (!round || !conn) return;
    if (round.stored) {
      this.store = { kind: "stored", stored: round.stored };
      return this.redraw();
    }
    try {
      if (round.offline && conn instanceof LocalConnection) {
        keepRound({ roundId: round.roundId, log: conn.match.log, role: round.role });
        this.store = { kind: "kept" };
        this.redraw();
        // The server may be back already: then the round joins the board at once.
        const report = await flushRounds(uploadRound);
        const mine = report.stored.find((s) => s.entry.roundId === round.roundId);
        if (mine) this.stored(mine);
        return;
      }
      void announceLive("", round.conn.code).catch(() => undefined);
      for (let i = 0; i < CLAIM_TRIES && isRunning(this); i++) {
        const matchId = conn.view?.matchId ?? "";
        if (matchId) return this.stored(await claimRound({ roundId: round.roundId, matchId }));
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new BoothApiError(0, "the round has no stored id");
    } catch (e) {
      if (!isRunning(this)) return;
      this.store = { kind: "error", reason: e instanceof Error ? e.message : String(e) };
      this.redraw();
    }
  }

  private stored(stored: RoundStored): void {
    if (this.round) this.round.stored = stored;
    if (!isRunning(this)) return;
    this.store = { kind: "stored", stored };
    this.redraw();
  }

  /** Saves the typed initials: on the server when the round is stored there, else with the kept round. */
  private async saveName(): Promise<void> {
    const round = this.round;
    const name = this.typed.trim();
    if (!round || !name || this.saving) return;
    this.saving = true;
    try {
      if (round.stored) {
        const res = await nameRound(round.roundId, name);
        round.stored = res;
        round.name = res.entry.name;
        this.nameNote = { key: "booth.initials.saved", params: { name: res.entry.name } };
      } else if (round.offline && session.connection instanceof LocalConnection) {
        keepRound({ roundId: round.roundId, log: session.connection.match.log, role: round.role, name });
        round.name = name;
        this.nameNote = { key: "booth.initials.saved", params: { name } };
      } else {
        this.nameNote = { key: "booth.debrief.ranking" };
      }
    } catch (e) {
      this.nameNote = {
        key: "booth.initials.refused",
        params: { reason: e instanceof Error ? e.message.replace(/^[A-Z_]+: /, "") : String(e) },
      };
    }
    this.saving = false;
    if (isRunning(this)) this.drawName();
  }

  private redraw(): void {
    const view = this.view;
    const c = this.body;
    c.removeAll(true);
    const text = (x: number, y: number, s: string, style: Phaser.Types.GameObjects.Text.TextStyle) => {
      const txt = this.add.text(x, y, s, style);
      c.add(txt);
      return txt;
    };
    const g = this.add.graphics();
    c.add(g);
    g.fillStyle(COLORS.panel, 1).fillRoundedRect(24, 24, 560, HEIGHT - 48, 14);
    text(50, 44, t("booth.debrief.title"), textStyle(40, COLORS.text, false, true));
    if (this.round?.offline) text(50, 98, t("booth.offlineRound"), textStyle(15, COLORS.warnS));
    if (view) {
      const d = view.debrief;
      text(50, 130, t("booth.debrief.availability", { pct: "" }).trim(), textStyle(22, COLORS.dim));
      text(50, 160, pct(d.availability, 1), textStyle(96, d.sloMet ? COLORS.okS : COLORS.badS, false, true));
      text(
        50,
        290,
        t("booth.debrief.detail", {
          incidents: d.incidents.length,
          mttr: d.mttr >= 0 ? `${d.mttr.toFixed(1)} s` : "—",
          budget: pct(d.errorBudget, 0),
        }),
        { ...textStyle(18, COLORS.text), wordWrap: cjkWrap(510) },
      );
      this.chart(g, d.timeline, 50, 360, 510, 150);
    }
    const rank = (() => {
      switch (this.store.kind) {
        case "pending":
          return { s: t("booth.debrief.ranking"), color: COLORS.dim, size: 20 };
        case "stored":
          return {
            s: t("booth.debrief.rank", { rank: this.store.stored.rankToday }),
            color: COLORS.warnS,
            size: 52,
          };
        case "kept":
          return { s: t("booth.debrief.offlineRank"), color: COLORS.warnS, size: 18 };
        case "error":
          return {
            s: t("booth.debrief.rankError", { reason: claimRefusalText(this.store.reason) }),
            color: COLORS.badS,
            size: 17,
          };
      }
    })();
    text(50, 560, rank.s, {
      ...textStyle(rank.size, rank.color, false, true),
      wordWrap: cjkWrap(510),
    });
    text(980, 44, t("booth.initials.prompt"), textStyle(28, COLORS.text, false, true)).setOrigin(0.5, 0);
    text(980, 88, t("booth.initials.hint"), textStyle(16, COLORS.dim)).setOrigin(0.5, 0);
    this.saveButton.setLabel(t("booth.initials.save"));
    this.againButton.setLabel(t("booth.debrief.again"));
    this.drawName();
  }

  private drawName(): void {
    const shown = [...this.typed.padEnd(3, "_")].join(" ");
    this.nameText.setText(shown).setFontFamily(MONO);
    const note = this.nameNote;
    const ok = note?.key === "booth.initials.saved";
    this.nameStatus.setText(note ? t(note.key, note.params) : "");
    this.nameStatus.setColor(
      ok ? COLORS.okS : note?.key === "booth.initials.refused" ? COLORS.badS : COLORS.dim,
    );
    this.saveButton.setEnabled(this.typed.trim().length > 0);
  }

  /** Availability per game second, the SLO line at 99 %. */
  private chart(
    g: Phaser.GameObjects.Graphics,
    tl: number[],
    x: number,
    y: number,
    w: number,
    h: number,
  ): void {
    g.fillStyle(COLORS.bg, 1).fillRect(x, y, w, h);
    if (tl.length < 2) return;
    // The axis starts at 90 % (lower in tenths when the round went lower): a booth round's dips show.
    const lo = Math.min(0.9, Math.floor(Math.min(1, ...tl) * 10) / 10);
    const yOf = (v: number) => y + h - ((Math.max(lo, v) - lo) / (1 - lo)) * h;
    g.lineStyle(2, COLORS.highlight, 0.7).lineBetween(x, yOf(0.99), x + w, yOf(0.99));
    const label = (ly: number, s: string, color: string) =>
      this.body.add(this.add.text(x + w - 4, ly, s, textStyle(12, color)).setOrigin(1, 0.5));
    label(yOf(0.99) + 9, "SLO 99%", COLORS.warnS);
    label(y + h - 8, `${Math.round(lo * 100)}%`, COLORS.dim);
    g.lineStyle(3, COLORS.ok, 1).beginPath();
    tl.forEach((v, i) => {
      const px = x + (i / (tl.length - 1)) * w;
      if (i === 0) g.moveTo(px, yOf(v));
      else g.lineTo(px, yOf(v));
    });
    g.strokePath();
  }
}
