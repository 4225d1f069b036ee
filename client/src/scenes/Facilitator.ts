import Phaser from "phaser";
import { EVENT_MOVE_NAMES, type EventMove } from "../../../shared/competition";
import type { RosterTeam } from "../../../shared/competition/messages";
import { CHAOS_TARGET_EXAMPLES, CONSOLE_CHAOS_TYPES } from "../event/chaosTargets";
import { joinUrl } from "../event/consoleRoute";
import {
  TEAMS_PER_PAGE,
  moveAllowed,
  pageOf,
  playerLine,
  standingLine,
  warningLines,
} from "../event/consoleModel";
import { refusalText } from "../event/refusal";
import { drawQr, qrModules } from "../event/qr";
import { flow } from "../flow";
import { onLangChange, t, type MessageKey } from "../i18n";
import type { EventConnection } from "../net/eventConnection";
import { clearTargets } from "../session";
import { COLORS, HEIGHT, MONO, WIDTH, textStyle } from "../theme";
import { Button } from "../ui/Button";
import { domInput } from "../ui/domInput";
import { langSwitch } from "../ui/langSwitch";
import { onShutdown } from "../ui/lifecycle";
import { fitText, paintText } from "../ui/text";

const COLS = 4;
const CARD_W = 324;
const CARD_H = 258;
const GAP = 12;
const GRID_X = 16;
const GRID_Y = 190;
const QR_PX = 96;

/** One team's card: its texts, buttons and QR, redrawn when its roster entry changes. */
interface Card {
  box: Phaser.GameObjects.Graphics;
  qr: Phaser.GameObjects.Graphics;
  qrZone: Phaser.GameObjects.Zone;
  name: Phaser.GameObjects.Text;
  code: Phaser.GameObjects.Text;
  standing: Phaser.GameObjects.Text;
  players: Phaser.GameObjects.Text;
  warnings: Phaser.GameObjects.Text;
  rename: Button;
  remove: Button;
  /** The team code whose QR is drawn ("" none). */
  drawn: string;
}

/** What a dialog asks for: a name (rename, add) or a yes (remove), or shows a team's QR large. */
type Dialog =
  | { kind: "rename"; team: RosterTeam }
  | { kind: "add" }
  | { kind: "remove"; team: RosterTeam }
  | { kind: "qr"; team: RosterTeam }
  | { kind: "key" };

/**
 * The facilitator console: the event code and the board's address, the facilitator key
 * (shown once, kept by this tab), start / pause / resume / end all, chaos into every team
 * or one, and a card per team with its join code and QR, players, roles, connection and
 * warnings; teams are added, renamed and removed here before the start.
 */
export class Facilitator extends Phaser.Scene {
  private conn!: EventConnection;
  private dirty = true;
  private page = 0;
  private cards: Card[] = [];
  private statics: [Phaser.GameObjects.Text, MessageKey][] = [];
  private labelled: [Button, MessageKey][] = [];
  private moves = new Map<EventMove, Button>();
  private title!: Phaser.GameObjects.Text;
  private codeLabel!: Phaser.GameObjects.Text;
  private codeText!: Phaser.GameObjects.Text;
  private boardLink!: Phaser.GameObjects.Text;
  private phaseText!: Phaser.GameObjects.Text;
  private status!: Phaser.GameObjects.Text;
  private pager!: Phaser.GameObjects.Text;
  private prev!: Button;
  private next!: Button;
  private add_!: Button;
  private typeSelect!: HTMLSelectElement;
  private teamSelect!: HTMLSelectElement;
  private targetInput!: HTMLInputElement;
  private overlay!: Phaser.GameObjects.Container;
  private overlayQr!: Phaser.GameObjects.Graphics;
  private overlayText!: Phaser.GameObjects.Text;
  private overlayBig!: Phaser.GameObjects.Text;
  private overlayOk!: Button;
  private overlayCancel!: Button;
  private dialogInput!: HTMLInputElement;
  private dialog: Dialog | undefined;
  /** The status line, written again in the current language on every render. */
  private statusLine: () => string = () => "";

  constructor() {
    super("Facilitator");
  }

  /** Builds the console for the flow's event connection. */
  create(): void {
    const conn = flow().event;
    if (!conn) return;
    this.conn = conn;
    this.dirty = true;
    this.page = 0;
    this.cards = [];
    this.statics = [];
    this.labelled = [];
    this.moves = new Map();
    this.dialog = undefined;
    this.statusLine = () => "";
    this.cameras.main.setBackgroundColor(COLORS.bg);

    this.add.image(40, 38, "logo").setScale(0.28);
    this.title = this.add.text(74, 24, "", textStyle(24, COLORS.text, false, true)).setOrigin(0, 0.5);
    this.codeLabel = this.static_(74, 58, "event.codeLabel", 15).setOrigin(0, 0.5);
    this.codeText = this.add
      .text(0, 58, "", { ...textStyle(28, COLORS.warnS, true, true), padding: { x: 4, y: 2 } })
      .setOrigin(0, 0.5);
    this.boardLink = this.add
      .text(0, 58, "", textStyle(15, COLORS.okS))
      .setOrigin(0, 0.5)
      .setInteractive({ useHandCursor: true })
      .on("pointerup", () => window.open(this.boardUrl(), "_blank", "noopener"));
    this.phaseText = this.add.text(WIDTH - 260, 72, "", textStyle(15, COLORS.dim)).setOrigin(1, 0.5);
    const lang = langSwitch(this, "console", 28);
    this.labelButton(WIDTH - 190 + 58, 72, "event.keyButton", () => this.openDialog({ kind: "key" }), {
      width: 224,
      height: 30,
      size: 13,
      id: "console-key",
    });

    EVENT_MOVE_NAMES.forEach((move, i) => {
      const b = this.labelButton(
        100 + i * 180,
        112,
        `event.move.${move}` as MessageKey,
        () => this.move(move),
        {
          width: 168,
          height: 42,
          size: 17,
          id: `console-${move}`,
        },
      );
      this.moves.set(move, b);
    });
    this.status = this.add
      .text(740, 112, "", { ...textStyle(15, COLORS.warnS), wordWrap: { width: 610, useAdvancedWrap: true } })
      .setOrigin(0, 0.5);

    this.static_(16, 158, "event.chaos.label", 16).setOrigin(0, 0.5);
    this.typeSelect = this.select(290, 158, 200, "console-chaos-type");
    for (const type of CONSOLE_CHAOS_TYPES) this.typeSelect.add(new Option(type, type));
    this.typeSelect.addEventListener("change", () => this.hintTarget());
    this.targetInput = domInput(this, 540, 158, {
      name: "console-chaos-target",
      width: 230,
      maxLength: 60,
      onEnter: () => this.inject(),
    });
    this.teamSelect = this.select(805, 158, 220, "console-chaos-team");
    this.labelButton(1005, 158, "event.chaos.inject", () => this.inject(), {
      width: 150,
      height: 38,
      size: 16,
      id: "console-inject",
    });
    this.static_(1092, 158, "event.chaos.help", 13).setOrigin(0, 0.5).setWordWrapWidth(262, true);

    for (let i = 0; i < TEAMS_PER_PAGE; i++) this.cards.push(this.card(i));

    this.prev = new Button(this, 40, 740, "◀", () => this.turn(-1), {
      width: 48,
      height: 36,
      id: "console-prev",
    });
    this.pager = this.add.text(74, 740, "", textStyle(15, COLORS.dim)).setOrigin(0, 0.5);
    this.next = new Button(this, 250, 740, "▶", () => this.turn(1), {
      width: 48,
      height: 36,
      id: "console-next",
    });
    this.add_ = this.labelButton(400, 740, "event.addTeam", () => this.openDialog({ kind: "add" }), {
      width: 190,
      height: 36,
      size: 15,
      id: "console-add",
    });
    this.static_(510, 740, "event.joinHint", 14).setOrigin(0, 0.5).setWordWrapWidth(640, true);
    this.labelButton(WIDTH - 100, 740, "event.toMenu", () => void flow().closeConsole(), {
      width: 170,
      height: 36,
      size: 15,
      id: "console-menu",
    });

    this.buildOverlay();

    onShutdown(
      this,
      conn.on("change", () => (this.dirty = true)),
      conn.on("error", (e) => this.say(() => refusalText(e))),
      conn.on("closed", () => this.say(() => t("event.closed"))),
      onLangChange(() => {
        lang.mark();
        this.dirty = true;
      }),
      () => clearTargets(),
    );
  }

  /** Re-renders after a roster or board change or a language switch. */
  override update(): void {
    if (!this.conn || !this.dirty) return;
    this.dirty = false;
    this.render();
  }

  private boardUrl(): string {
    // Once over, the event's next page is its cross-team debrief.
    const page = this.conn.phase === "ended" ? "debrief" : "board";
    return `${location.origin}${location.pathname}#/event/${this.conn.code}/${page}`;
  }

  private static_(x: number, y: number, key: MessageKey, size: number, color: string = COLORS.dim) {
    const txt = this.add.text(x, y, t(key), textStyle(size, color));
    this.statics.push([txt, key]);
    return txt;
  }

  private labelButton(
    x: number,
    y: number,
    key: MessageKey,
    onClick: () => void,
    o: { width: number; height: number; size: number; id: string },
  ): Button {
    const b = new Button(this, x, y, t(key), onClick, o);
    this.labelled.push([b, key]);
    return b;
  }

  private select(x: number, y: number, w: number, name: string): HTMLSelectElement {
    const el = this.add.dom(x, y, "select", `width:${w}px`).node as HTMLSelectElement;
    el.name = name;
    el.addEventListener("keydown", (e) => e.stopPropagation());
    return el;
  }

  private card(i: number): Card {
    const x = GRID_X + (i % COLS) * (CARD_W + GAP);
    const y = GRID_Y + Math.floor(i / COLS) * (CARD_H + GAP);
    const box = this.add.graphics();
    box.fillStyle(COLORS.panel, 1).fillRoundedRect(x, y, CARD_W, CARD_H, 10);
    box.lineStyle(2, COLORS.panelEdge, 1).strokeRoundedRect(x, y, CARD_W, CARD_H, 10);
    const qrX = x + CARD_W - QR_PX - 10;
    const qrY = y + 46;
    const card: Card = {
      box,
      qr: this.add.graphics(),
      qrZone: this.add
        .zone(qrX + QR_PX / 2, qrY + QR_PX / 2, QR_PX, QR_PX)
        .setInteractive({ useHandCursor: true }),
      name: this.add.text(x + 12, y + 22, "", textStyle(18, COLORS.text, false, true)).setOrigin(0, 0.5),
      code: this.add.text(x + 12, y + 62, "", textStyle(24, COLORS.warnS, true, true)).setOrigin(0, 0.5),
      standing: this.add.text(x + 12, y + 84, "", { ...textStyle(13, COLORS.dim), lineSpacing: 2 }),
      players: this.add.text(x + 12, y + 150, "", { ...textStyle(14, COLORS.text), lineSpacing: 2 }),
      warnings: this.add.text(x + 12, y + CARD_H - 8, "", {
        ...textStyle(13, COLORS.warnS),
        wordWrap: { width: CARD_W - 24, useAdvancedWrap: true },
      }),
      rename: new Button(this, x + CARD_W - 64, y + 22, "✎", () => this.cardAction(i, "rename"), {
        width: 40,
        height: 30,
        size: 16,
        id: `console-rename-${i}`,
      }),
      remove: new Button(this, x + CARD_W - 20, y + 22, "✕", () => this.cardAction(i, "remove"), {
        width: 32,
        height: 30,
        size: 16,
        id: `console-remove-${i}`,
      }),
      drawn: "",
    };
    card.warnings.setOrigin(0, 1);
    // A long name with two roles is cut at the card's edge rather than drawn over the next card.
    card.players.setFixedSize(CARD_W - 24, 0);
    card.qrZone.on("pointerup", () => this.cardAction(i, "qr"));
    return card;
  }

  private teamsOnPage(): RosterTeam[] {
    return pageOf(this.conn.teams, this.page).items;
  }

  private cardAction(i: number, kind: "rename" | "remove" | "qr"): void {
    const team = this.teamsOnPage()[i];
    if (team) this.openDialog({ kind, team });
  }

  private render(): void {
    const conn = this.conn;
    const phase = conn.phase;
    const lobby = phase === "lobby";
    for (const [txt, key] of this.statics) txt.setText(t(key, { code: conn.code }));
    for (const [b, key] of this.labelled) b.setLabel(t(key));
    fitText(this.title, conn.board?.name ?? "", 560);
    this.codeText.setText(conn.code).setX(this.codeLabel.x + this.codeLabel.width + 10);
    this.codeText.setFontFamily(MONO);
    this.boardLink
      .setText(`${t(phase === "ended" ? "event.debriefLink" : "event.boardLink")} ↗`)
      .setX(this.codeText.x + this.codeText.width + 18);
    const connected = conn.teams.reduce((n, tm) => n + tm.players.filter((p) => p.connected).length, 0);
    this.phaseText.setText(
      t("event.summary", {
        phase: t(`event.phase.${phase}` as MessageKey),
        teams: conn.teams.length,
        players: connected,
      }),
    );
    for (const [move, b] of this.moves) b.setEnabled(conn.canControl && moveAllowed(phase, move));
    const { page, pages, items } = pageOf(conn.teams, this.page);
    this.page = page;
    this.pager.setText(
      t("event.pager", {
        from: conn.teams.length === 0 ? 0 : page * TEAMS_PER_PAGE + 1,
        to: page * TEAMS_PER_PAGE + items.length,
        total: conn.teams.length,
      }),
    );
    this.prev.setVisible(pages > 1).setEnabled(page > 0);
    this.next.setVisible(pages > 1).setEnabled(page < pages - 1);
    this.add_.setVisible(lobby && conn.canControl);
    this.cards.forEach((card, i) => this.renderCard(card, items[i], lobby));
    this.renderTeamSelect();
    this.hintTarget();
    this.renderStatus();
    // The key arrives once, maybe after the console opened: show it before anything else.
    if (conn.keyJustShown && !this.dialog) this.openDialog({ kind: "key" });
    else if (this.dialog) this.renderDialog();
  }

  private renderCard(card: Card, team: RosterTeam | undefined, lobby: boolean): void {
    const shown = !!team;
    for (const o of [card.box, card.qr, card.name, card.code, card.standing, card.players, card.warnings])
      o.setVisible(shown);
    card.qrZone.setVisible(shown);
    // The cards' QR codes drew over a dialog's backdrop: they hide while one is open.
    card.qr.setVisible(shown && !this.dialog);
    if (shown) card.qrZone.setInteractive();
    else card.qrZone.disableInteractive();
    const editable = shown && lobby && this.conn.canControl;
    card.rename.setVisible(editable);
    card.remove.setVisible(editable);
    if (!team) return;
    fitText(card.name, team.name, CARD_W - 110);
    card.code.setText(team.teamId);
    // Before the start a team's board line says nothing new: its join code matters then.
    paintText(card.standing, lobby ? t("event.teamCode") : standingLine(this.conn.board, team.teamId));
    const lines = team.players.map(playerLine);
    const max = 3;
    const more = lines.length > max ? [t("debrief.more", { n: lines.length - max + 1 })] : [];
    card.players.setText(
      lines.length === 0
        ? t("event.noPlayers")
        : [...lines.slice(0, more.length ? max - 1 : max), ...more].join("\n"),
    );
    card.players.setColor(lines.length === 0 ? COLORS.dim : COLORS.text);
    card.warnings.setText(warningLines(team.warnings).join("\n"));
    if (card.drawn !== team.teamId) {
      card.drawn = team.teamId;
      card.qr.clear();
      drawQr(
        card.qr,
        qrModules(joinUrl(team.teamId)),
        card.qrZone.x - QR_PX / 2,
        card.qrZone.y - QR_PX / 2,
        QR_PX,
      );
    }
  }

  private renderTeamSelect(): void {
    const wanted = ["", ...this.conn.teams.map((tm) => tm.teamId)];
    const labels = [t("event.chaos.allTeams"), ...this.conn.teams.map((tm) => `${tm.name} (${tm.teamId})`)];
    const current = this.teamSelect.value;
    const same =
      this.teamSelect.options.length === wanted.length &&
      [...this.teamSelect.options].every((o, i) => o.value === wanted[i] && o.text === labels[i]);
    if (same) return;
    this.teamSelect.replaceChildren(...wanted.map((v, i) => new Option(labels[i], v)));
    this.teamSelect.value = wanted.includes(current) ? current : "";
  }

  private hintTarget(): void {
    const example = CHAOS_TARGET_EXAMPLES[this.typeSelect.value as keyof typeof CHAOS_TARGET_EXAMPLES] ?? "";
    this.targetInput.disabled = example === "";
    this.targetInput.placeholder = example ? t("event.chaos.target", { example }) : t("event.chaos.noTarget");
    if (example === "") this.targetInput.value = "";
  }

  private say(line: () => string): void {
    this.statusLine = line;
    this.renderStatus();
  }

  private renderStatus(): void {
    if (!this.conn.canControl) return void this.status.setText(t("event.viewOnly"));
    this.status.setText(this.statusLine());
  }

  private move(move: EventMove): void {
    this.conn.move(move);
    this.say(() => t("event.sent", { what: t(`event.move.${move}` as MessageKey) }));
  }

  private inject(): void {
    const type = this.typeSelect.value;
    const target = this.targetInput.value.trim();
    const team = this.teamSelect.value;
    this.conn.inject(type, target || undefined, team || undefined);
    const where = () =>
      team ? (this.conn.teams.find((tm) => tm.teamId === team)?.name ?? team) : t("event.chaos.everyTeam");
    this.say(() => t("event.injected", { type: target ? `${type} ${target}` : type, where: where() }));
  }

  private turn(dir: 1 | -1): void {
    this.page += dir;
    this.dirty = true;
  }

  // ---- dialogs: a team's QR large, a name to type, a removal to confirm, the key ----

  private buildOverlay(): void {
    const back = this.add.rectangle(WIDTH / 2, HEIGHT / 2, WIDTH, HEIGHT, 0x000000, 0.82).setInteractive();
    const panel = this.add.graphics();
    panel.fillStyle(COLORS.panel, 1).fillRoundedRect(183, 84, 1000, 600, 14);
    panel.lineStyle(3, COLORS.highlight, 1).strokeRoundedRect(183, 84, 1000, 600, 14);
    this.overlayQr = this.add.graphics();
    this.overlayText = this.add.text(0, 0, "", {
      ...textStyle(20, COLORS.text),
      wordWrap: { width: 500, useAdvancedWrap: true },
      lineSpacing: 6,
    });
    this.overlayBig = this.add
      .text(0, 0, "", { ...textStyle(56, COLORS.warnS, true, true), padding: { x: 4, y: 4 } })
      .setOrigin(0, 0);
    this.overlayOk = new Button(this, 0, 630, "", () => this.confirmDialog(), {
      width: 220,
      height: 48,
      size: 18,
      id: "console-dialog-ok",
    });
    this.overlayCancel = new Button(this, 0, 630, "", () => this.closeDialog(), {
      width: 220,
      height: 48,
      size: 18,
      id: "console-dialog-cancel",
    });
    this.overlay = this.add
      .container(0, 0, [
        back,
        panel,
        this.overlayQr,
        this.overlayText,
        this.overlayBig,
        this.overlayOk,
        this.overlayCancel,
      ])
      .setDepth(10)
      .setVisible(false);
    this.dialogInput = domInput(this, WIDTH / 2, 400, {
      name: "console-dialog-name",
      width: 420,
      maxLength: 40,
      onEnter: () => this.confirmDialog(),
    });
    this.dialogInput.style.visibility = "hidden";
  }

  private openDialog(d: Dialog): void {
    if (d.kind !== "key" && d.kind !== "qr" && !this.conn.canControl) return;
    this.dialog = d;
    this.overlay.setVisible(true);
    for (const card of this.cards) card.qr.setVisible(false);
    this.overlayQr.clear();
    if (d.kind === "qr") drawQr(this.overlayQr, qrModules(joinUrl(d.team.teamId)), 223, 124, 520);
    const typing = d.kind === "rename" || d.kind === "add";
    this.dialogInput.value = d.kind === "rename" ? d.team.name : "";
    this.dialogInput.style.visibility = typing ? "visible" : "hidden";
    // The DOM layer draws above the canvas: the console's own fields hide while a dialog is up.
    for (const el of [this.typeSelect, this.teamSelect, this.targetInput]) el.style.visibility = "hidden";
    this.renderDialog();
    if (typing) this.dialogInput.focus();
  }

  private renderDialog(): void {
    const d = this.dialog;
    if (!d) return;
    const cx = WIDTH / 2;
    let text = "";
    let big = "";
    let ok: MessageKey | undefined = "event.dialog.ok";
    if (d.kind === "qr") {
      text = `${d.team.name}\n\n${t("event.qr.scan")}\n${joinUrl(d.team.teamId)}\n\n${t("event.qr.orMenu", { code: this.conn.code, team: d.team.name })}`;
      big = d.team.teamId;
      ok = undefined;
      this.overlayText.setPosition(783, 124).setWordWrapWidth(370, true);
      this.overlayBig.setPosition(783, 540);
    } else if (d.kind === "key") {
      const key = this.conn.key;
      text = key ? t("event.key.body") : t("event.key.none");
      big = key ?? "";
      ok = undefined;
      this.overlayText.setPosition(233, 124).setWordWrapWidth(900, true);
      this.overlayBig.setPosition(233, 300);
    } else {
      const name = d.kind === "add" ? "" : d.team.name;
      text = t(`event.dialog.${d.kind}` as MessageKey, { name });
      this.overlayText.setPosition(233, 140).setWordWrapWidth(900, true);
      this.overlayBig.setPosition(233, 480);
      if (d.kind === "remove") ok = "event.dialog.removeOk";
    }
    this.overlayText.setText(text);
    this.overlayBig
      .setText(big)
      .setFontSize(d.kind === "key" ? 30 : 56)
      .setFontFamily(MONO);
    // The team code follows its "Team code:" label rather than sitting by the Close button.
    if (d.kind === "qr")
      this.overlayBig.setY(Math.min(this.overlayText.y + this.overlayText.height + 8, 520));
    this.overlayOk.setVisible(!!ok).setLabel(ok ? t(ok) : "");
    this.overlayOk.setX(cx - 130);
    this.overlayCancel
      .setLabel(t(ok ? "event.dialog.cancel" : "event.dialog.close"))
      // The QR fills the left half: its Close sits under the text on the right.
      .setX(d.kind === "qr" ? 968 : ok ? cx + 130 : cx);
  }

  private confirmDialog(): void {
    const d = this.dialog;
    if (!d) return;
    const name = this.dialogInput.value.trim();
    if (d.kind === "rename") {
      if (!name) return;
      this.conn.renameTeam(d.team.teamId, name);
    } else if (d.kind === "add") {
      if (!name) return;
      this.conn.addTeam(name);
    } else if (d.kind === "remove") this.conn.removeTeam(d.team.teamId);
    this.closeDialog();
  }

  private closeDialog(): void {
    if (this.dialog?.kind === "key") this.conn.keyJustShown = false;
    this.dialog = undefined;
    this.overlay.setVisible(false);
    this.dirty = true;
    this.dialogInput.style.visibility = "hidden";
    this.dialogInput.blur();
    for (const el of [this.typeSelect, this.teamSelect, this.targetInput]) el.style.visibility = "visible";
  }
}
