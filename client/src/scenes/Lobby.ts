import Phaser from "phaser";
import { ROLES } from "../../../shared/sim/world";
import { flow } from "../flow";
import { getLang, isMessageKey, LANGUAGES, onLangChange, setLang, t, type MessageKey } from "../i18n";
import type { Connection } from "../net/connection";
import type { MatchView, PlayerView } from "../net/view";
import { clearTargets, session } from "../session";
import { COLORS, WIDTH, textStyle } from "../theme";
import { Button } from "../ui/Button";
import { onShutdown } from "../ui/lifecycle";
import { paintText } from "../ui/text";

/** A match option in the current language (the Menu's label), or its raw name. */
function optionLabel(key: string, raw: string): string {
  return isMessageKey(key) ? t(key) : raw;
}

/** Who plays a role, as its card's second line. */
function roleHolder(view: MatchView, role: string, me: string): string {
  const holder = view.players.find((p) => p.role === role);
  if (holder && !holder.isBot) return `${holder.name}${holder.id === me ? ` ${t("lobby.you")}` : ""}`;
  if (holder) return `[${t("mode.bot")}] ${holder.actor}`;
  return `[${t(view.roles[role]?.mode === "manual" ? "mode.manual" : "mode.autopilot")}]`;
}

/** One player in the lobby's list. */
function playerLine(p: PlayerView, me: string, facilitated: boolean): string {
  const tags = [
    p.host && !facilitated ? t("lobby.host") : "",
    p.id === me ? t("lobby.you") : "",
    p.connected ? "" : "…",
  ];
  const role = p.role ? t(`role.${p.role}` as MessageKey) : t("lobby.watching");
  return `${p.name} · ${role} ${tags.filter(Boolean).join(" ")}`.trim();
}

const CARD_W = 360;
const CARD_H = 84;

/**
 * The lobby of a match: its code to share, its options, a card per role to pick, who is
 * here, and the host's Start button. The flow opens it for the `lobby` phase of each round.
 */
export class Lobby extends Phaser.Scene {
  private conn!: Connection;
  private dirty = true;
  private title!: Phaser.GameObjects.Text;
  private codeText!: Phaser.GameObjects.Text;
  private info!: Phaser.GameObjects.Text;
  private players!: Phaser.GameObjects.Text;
  private waiting!: Phaser.GameObjects.Text;
  private roleCards: Button[] = [];
  private roleHelps: Phaser.GameObjects.Text[] = [];
  private start!: Button;
  private leave!: Button;
  private langButtons: [string, Button][] = [];
  private statics: [Phaser.GameObjects.Text, MessageKey][] = [];

  constructor() {
    super("Lobby");
  }

  /** Builds the lobby and follows the match state until the flow moves on. */
  create(): void {
    const conn = session.connection;
    if (!conn) return;
    this.conn = conn;
    this.dirty = true;
    this.roleCards = [];
    this.roleHelps = [];
    this.langButtons = [];
    this.statics = [];
    const cx = WIDTH / 2;
    this.cameras.main.setBackgroundColor(COLORS.bg);

    this.add.image(44, 40, "logo").setScale(0.3);
    this.add.text(80, 40, t("app.title"), textStyle(26, COLORS.text, false, true)).setOrigin(0, 0.5);
    LANGUAGES.forEach((lang, i) => {
      const b = new Button(
        this,
        WIDTH - 200 + i * 120,
        40,
        lang === "en" ? "English" : "中文",
        () => setLang(lang),
        {
          width: 110,
          height: 34,
          size: 14,
          id: `lobby-lang-${lang}`,
        },
      );
      this.langButtons.push([lang, b]);
    });

    this.title = this.add.text(cx, 100, "", textStyle(28, COLORS.text, false, true)).setOrigin(0.5);
    this.statics.push([
      this.add.text(cx, 150, "", textStyle(16, COLORS.dim)).setOrigin(0.5),
      "lobby.shareLabel",
    ]);
    this.codeText = this.add
      .text(cx, 196, "", { ...textStyle(56, COLORS.warnS, true, true), padding: { x: 24, y: 4 } })
      .setOrigin(0.5);
    this.info = this.add
      .text(cx, 236, "", { ...textStyle(16, COLORS.dim), align: "center" })
      .setOrigin(0.5, 0);
    this.statics.push([
      this.add.text(cx, 316, "", textStyle(18, COLORS.text, false, true)).setOrigin(0.5),
      "lobby.pickRole",
    ]);

    ROLES.forEach((role, i) => {
      const x = cx + (i - 1) * (CARD_W + 24);
      this.roleCards.push(
        new Button(this, x, 390, "", () => this.conn.pickRole(role), {
          width: CARD_W,
          height: CARD_H,
          size: 17,
          id: `lobby-role-${role}`,
        }),
      );
      this.roleHelps.push(
        this.add
          .text(x - CARD_W / 2 + 6, 440, "", {
            ...textStyle(14, COLORS.dim),
            wordWrap: { width: CARD_W - 12, useAdvancedWrap: true },
          })
          .setOrigin(0, 0),
      );
    });

    this.statics.push([
      this.add.text(cx - 420, 530, "", textStyle(16, COLORS.text, false, true)),
      "lobby.players",
    ]);
    this.players = this.add.text(cx - 420, 558, "", { ...textStyle(15, COLORS.text), lineSpacing: 4 });

    this.start = new Button(this, cx + 250, 580, "", () => this.conn.start(), {
      width: 280,
      height: 56,
      size: 20,
      id: "start",
    });
    this.waiting = this.add
      .text(cx + 250, 580, "", {
        ...textStyle(17, COLORS.warnS),
        align: "center",
        wordWrap: { width: 360, useAdvancedWrap: true },
      })
      .setOrigin(0.5);
    this.leave = new Button(this, WIDTH - 130, 724, "", () => void flow().leave(), {
      width: 220,
      height: 44,
      size: 16,
      id: "lobby-leave",
    });

    onShutdown(
      this,
      conn.on("state", () => (this.dirty = true)),
      onLangChange(() => (this.dirty = true)),
      () => clearTargets(),
    );
  }

  /** Re-renders after a state change or a language switch. */
  override update(): void {
    const view = this.conn?.view;
    if (!view || !this.dirty) return;
    this.dirty = false;
    this.render(view);
  }

  private render(view: MatchView): void {
    const me = this.conn.sessionId;
    const myRole = this.conn.role;
    const round = view.round > 1 ? `${t("lobby.round", { n: view.round })} · ` : "";
    this.title.setText(
      view.facilitated
        ? t("lobby.teamTitle", { team: view.teamName || view.code, code: view.code })
        : `${round}${t("lobby.title", { code: view.code })}`,
    );
    for (const [txt, key] of this.statics) txt.setText(t(key));
    this.codeText.setText(view.code);
    this.info.setText(
      t("lobby.options", {
        scenario: view.scenario,
        clock: optionLabel(`menu.clock.${view.clock}`, view.clock),
        difficulty: optionLabel(`menu.difficulty.${view.difficulty}`, view.difficulty),
        chaos: t(view.chaos ? "menu.chaos.scheduled" : "menu.chaos.off"),
      }) + `\n${t("lobby.duration", { secs: view.duration })}`,
    );
    ROLES.forEach((role, i) => {
      const card = this.roleCards[i]!;
      const holder = view.players.find((p) => p.role === role);
      card.setLabel(`${t(`role.${role}` as MessageKey)}\n${roleHolder(view, role, me)}`);
      card.setChosen(role === myRole);
      // A bot only keeps a seat warm: a person can always take its role.
      card.setEnabled(!holder || holder.isBot || role === myRole);
      this.roleHelps[i]!.setText(t(`role.${role}.help` as MessageKey));
    });
    const people = view.players.filter((p) => !p.isBot);
    this.players.setText(people.map((p) => playerLine(p, me, view.facilitated)).join("\n"));
    // In a competition nobody in the team starts: the facilitator starts every team together.
    const starts = this.conn.isHost && !view.facilitated;
    this.start.setLabel(t("lobby.hostStart")).setVisible(starts);
    paintText(
      this.waiting,
      view.facilitated ? t("lobby.waitFacilitator") : starts ? "" : t("lobby.waitHost"),
    );
    this.leave.setLabel(t("lobby.leave"));
    for (const [lang, b] of this.langButtons) b.setChosen(lang === getLang());
  }
}
