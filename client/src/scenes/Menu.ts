import Phaser from "phaser";
import type { JoinOptions } from "../../../shared/protocol/messages";
import type { ClockName } from "../../../shared/sim/clock";
import { ROLES, type Role } from "../../../shared/sim/world";
import { clockHelpParams } from "../clockTable";
import { getLang, LANGUAGES, onLangChange, setLang, t, type MessageKey } from "../i18n";
import { flow } from "../flow";
import {
  CLOCK_CHOICES,
  createOptionsFor,
  cycle,
  DIFFICULTY_CHOICES,
  CHAOS_CHOICES,
  SCENARIO_CHOICES,
  urlCreateOptions,
  type MatchChoices,
} from "../matchOptions";
import { Connection } from "../net/connection";
import { ignoredText, loadedHelpParams, scenarioFileInput, type PickedScenario } from "../scenarioUpload";
import { joinErrorText } from "../net/joinError";
import { normalizeCode } from "../net/matchCode";
import { clearTargets, session } from "../session";
import { Button } from "../ui/Button";
import { ConceptCard } from "../ui/ConceptCard";
import { isRunning, onShutdown, windowListener } from "../ui/lifecycle";
import { COLORS, WIDTH, textStyle } from "../theme";

/** Role choices of the menu: the three roles, or "" for any free one. */
const ROLE_CHOICES = [...ROLES, ""] as const;

/** A Menu row the arrow keys walk: ↑/↓ picks the row, ←/→ changes its choice. */
interface KeyRow {
  label: Phaser.GameObjects.Text;
  values: readonly string[];
  get: () => string;
  set: (v: string) => void;
}

/** One "Create match" chooser: the session field it sets, its values and label/help keys. */
const CHOOSERS = [
  { field: "scenario", values: SCENARIO_CHOICES, label: "menu.scenario", y: 414 },
  { field: "clock", values: CLOCK_CHOICES, label: "menu.clock", y: 448 },
  { field: "difficulty", values: DIFFICULTY_CHOICES, label: "menu.difficulty", y: 482 },
  { field: "chaos", values: CHAOS_CHOICES, label: "menu.chaos", y: 516 },
] as const;

/** How the Menu seats the player: a new match as host, a friend's match by code, or a solo match started at once. */
type ConnectHow = "create" | "join" | "quick";

/**
 * Menu: name, language, role, the match options (scenario, clock, who plays the empty
 * roles, chaos), and create / join-by-code / quick play. Keyboard: the inputs take Tab and
 * Enter; outside them ↑/↓ picks a row, ←/→ changes it, Enter creates the match. The URL may
 * add `?duration=` (seconds) and `?seed=` to the create options (a facilitator's fixed
 * match; the e2e tests' short rounds).
 */
export class Menu extends Phaser.Scene {
  private texts: [Phaser.GameObjects.Text, MessageKey][] = [];
  private buttons: [Button, MessageKey][] = [];
  private roleButtons = new Map<string, Button>();
  private langButtons = new Map<string, Button>();
  /** `field:value` → button of the "Create match" choosers. */
  private choiceButtons = new Map<string, Button>();
  private choiceHelps = new Map<string, Phaser.GameObjects.Text>();
  private rows: KeyRow[] = [];
  /** The row the arrow keys change (-1: none yet). */
  private focus = -1;
  private status!: Phaser.GameObjects.Text;
  private roleHelp!: Phaser.GameObjects.Text;
  private card!: ConceptCard;
  private nameInput!: HTMLInputElement;
  private codeInput!: HTMLInputElement;
  private busy = false;
  /** "Load file…" of the Scenario row, and the hidden file input it opens. */
  private fileButton!: Button;
  private upload!: { open(): void; remove(): void };
  /** The key hints under the status line, hidden while it shows a scenario file's errors. */
  private hints: Phaser.GameObjects.Text[] = [];

  constructor() {
    super("Menu");
  }

  /** Builds the menu and wires the language switch. */
  create(): void {
    // Phaser reuses this instance when the Menu opens again: nothing of an earlier run may survive.
    this.texts = [];
    this.buttons = [];
    this.roleButtons = new Map();
    this.langButtons = new Map();
    this.choiceButtons = new Map();
    this.choiceHelps = new Map();
    this.busy = false;
    const cx = this.scale.width / 2;
    const params = new URLSearchParams(location.search);
    this.add.image(cx - 300, 96, "logo").setScale(0.6);
    this.label(cx - 230, 70, "app.title", 44, COLORS.text, true).setOrigin(0, 0.5);
    this.label(cx - 230, 118, "app.tagline", 18, COLORS.dim).setOrigin(0, 0.5);

    const langLabel = this.label(cx - 320, 180, "menu.language", 18, COLORS.dim).setOrigin(0, 0.5);
    this.langButtons.set(
      "en",
      new Button(this, cx - 120, 180, "English", () => this.switchLang("en"), { width: 120, id: "lang-en" }),
    );
    this.langButtons.set(
      "zh",
      new Button(this, cx + 10, 180, "中文", () => this.switchLang("zh"), { width: 120, id: "lang-zh" }),
    );

    this.label(cx - 320, 240, "menu.name", 18, COLORS.dim).setOrigin(0, 0.5);
    this.nameInput = this.input_(
      cx + 40,
      240,
      300,
      params.get("name") ?? session.name,
      "menu.namePlaceholder",
      "name",
    );
    this.nameInput.maxLength = 24;

    const roleLabel = this.label(cx - 320, 300, "menu.role", 18, COLORS.dim).setOrigin(0, 0.5);
    ROLE_CHOICES.forEach((role, i) => {
      const key: MessageKey = role ? `role.${role}` : "role.any";
      const b = new Button(this, cx - 130 + i * 200 - 0, 340, t(key), () => this.chooseRole(role), {
        width: 190,
        size: 15,
        id: `role-${role || "any"}`,
      });
      this.buttons.push([b, key]);
      this.roleButtons.set(role, b);
    });
    this.roleHelp = this.add
      .text(cx, 364, "", {
        ...textStyle(14, COLORS.dim),
        align: "center",
        wordWrap: { width: 1040, useAdvancedWrap: true },
      })
      .setOrigin(0.5, 0);

    const rows: KeyRow[] = [
      {
        label: langLabel,
        values: LANGUAGES,
        get: () => getLang(),
        set: (v) => this.switchLang(v as "en" | "zh"),
      },
      { label: roleLabel, values: ROLE_CHOICES, get: () => session.role, set: (v) => this.chooseRole(v) },
    ];
    for (const c of CHOOSERS) {
      const label = this.label(cx - 320, c.y, c.label, 16, COLORS.dim).setOrigin(0, 0.5);
      // The Scenario row is narrower: it has a fourth button, "Load file…".
      const [x0, step, width] = c.field === "scenario" ? [cx - 128, 144, 134] : [cx - 110, 190, 176];
      c.values.forEach((value, i) => {
        const key = `menu.${c.field}.${value}` as MessageKey;
        const b = new Button(this, x0 + i * step, c.y, t(key), () => this.choose(c.field, value), {
          width,
          height: 30,
          size: 14,
          id: `${c.field}-${value}`,
        });
        this.buttons.push([b, key]);
        this.choiceButtons.set(`${c.field}:${value}`, b);
      });
      if (c.field === "scenario") {
        this.fileButton = new Button(
          this,
          x0 + 3 * step,
          c.y,
          t("menu.scenarioFile"),
          () => this.upload.open(),
          {
            width,
            height: 30,
            size: 14,
            id: "scenario-file",
          },
        );
      }
      if (c.field === "clock") {
        // The whole table of scaled delays, both clocks, before anyone picks one.
        const table = new Button(this, cx + 270, c.y, t("menu.clockTable"), () => this.card.show("clock"), {
          width: 176,
          height: 30,
          size: 14,
          id: "clock-table",
        });
        this.buttons.push([table, "menu.clockTable"]);
      }
      const help = this.add
        .text(cx + 375, c.y, "", {
          ...textStyle(13, COLORS.dim),
          wordWrap: { width: 295, useAdvancedWrap: true },
        })
        .setOrigin(0, 0.5);
      this.choiceHelps.set(c.field, help);
      rows.push({
        label,
        values: c.values,
        get: () => session.choices[c.field],
        set: (v) => this.choose(c.field, v),
      });
    }
    this.rows = rows;

    const create = new Button(this, cx - 200, 568, t("menu.create"), () => void this.connect("create"), {
      width: 240,
      height: 48,
      size: 18,
      id: "create",
    });
    this.buttons.push([create, "menu.create"]);
    const quick = new Button(this, cx + 80, 568, t("menu.quick"), () => void this.connect("quick"), {
      width: 200,
      height: 48,
      size: 18,
      id: "quick",
    });
    this.buttons.push([quick, "menu.quick"]);
    this.codeInput = this.input_(
      cx - 200,
      628,
      240,
      params.get("code") ?? "",
      "menu.codePlaceholder",
      "code",
    );
    this.codeInput.maxLength = 16;
    // Codes are upper case; show what is typed that way (joining accepts any case anyway).
    this.codeInput.style.textTransform = "uppercase";
    const join = new Button(this, cx + 80, 628, t("menu.join"), () => void this.connect("join"), {
      width: 200,
      height: 44,
      size: 17,
      id: "join",
    });
    this.buttons.push([join, "menu.join"]);
    const runEvent = new Button(this, cx + 300, 568, t("menu.runEvent"), () => flow().runCompetition(), {
      width: 200,
      height: 48,
      size: 17,
      id: "run-event",
    });
    this.buttons.push([runEvent, "menu.runEvent"]);
    const joinTeam = new Button(this, cx + 300, 628, t("menu.joinTeam"), () => flow().joinTeam(), {
      width: 200,
      height: 44,
      size: 17,
      id: "join-team",
    });
    this.buttons.push([joinTeam, "menu.joinTeam"]);
    const past = new Button(this, WIDTH - 120, 36, t("menu.past"), () => flow().pastMatches(), {
      width: 210,
      height: 40,
      size: 15,
      id: "past",
    });
    this.buttons.push([past, "menu.past"]);
    const learn = new Button(this, 130, 36, t("menu.campaign"), () => flow().campaign(), {
      width: 230,
      height: 40,
      size: 15,
      id: "campaign",
    });
    this.buttons.push([learn, "menu.campaign"]);

    this.status = this.add.text(cx, 666, "", textStyle(16, COLORS.warnS)).setOrigin(0.5, 0);
    const notice = flow().menuNotice;
    flow().menuNotice = undefined;
    if (notice) this.status.setText(t(notice));
    this.hints = [
      this.label(cx, 712, "menu.keys", 14, COLORS.dim).setOrigin(0.5),
      this.label(cx, 740, "menu.howto", 15, COLORS.dim).setOrigin(0.5),
    ];
    this.status.setWordWrapWidth(1300, true).setAlign("center");
    this.upload = scenarioFileInput((p) => this.onScenarioPicked(p));

    this.card = new ConceptCard(this, (open) => {
      for (const el of [this.nameInput, this.codeInput]) el.style.visibility = open ? "hidden" : "visible";
    });
    this.focus = -1;
    // A plain window listener: every press counts (the inputs stop their own keys first).
    windowListener(this, "keydown", (e) => this.onKey(e));

    this.chooseRole(session.role);
    this.refresh();
    onShutdown(
      this,
      onLangChange(() => this.refresh()),
      () => clearTargets(),
      () => this.upload.remove(),
    );
  }

  /** A picked scenario file: played from now on if the loader took it, else its errors shown. */
  private onScenarioPicked(p: PickedScenario): void {
    if (!isRunning(this)) return;
    if (p.ok) {
      session.choices.scenarioFile = p.loaded;
      this.showStatus(ignoredText(p.loaded));
    } else this.showStatus(t("menu.scenarioFile.invalid", { file: p.file, errors: p.errors.join("\n") }));
    this.renderChoices();
  }

  /** The status line; a long one (a file's errors) hides the key hints below it. */
  private showStatus(text: string): void {
    const long = text.includes("\n");
    this.status.setText(text).setFontSize(long ? 13 : 16);
    for (const h of this.hints) h.setVisible(!long);
  }

  private label(x: number, y: number, key: MessageKey, size: number, color: string, bold = false) {
    const txt = this.add.text(x, y, t(key), textStyle(size, color, false, bold));
    this.texts.push([txt, key]);
    return txt;
  }

  private input_(x: number, y: number, w: number, value: string, placeholder: MessageKey, name: string) {
    const dom = this.add.dom(x, y, "input", `width:${w}px`);
    const el = dom.node as HTMLInputElement;
    el.type = "text";
    el.name = name;
    el.value = value;
    el.dataset.placeholderKey = placeholder;
    el.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter") void this.connect(name === "code" ? "join" : "create");
      // Esc leaves the input, so the arrow keys walk the Menu's rows again.
      if (e.key === "Escape") el.blur();
    });
    return el;
  }

  private switchLang(lang: "en" | "zh"): void {
    setLang(lang);
  }

  /** Sets one "Create match" option. */
  private choose(field: keyof MatchChoices, value: string): void {
    const c = CHOOSERS.find((x) => x.field === field);
    if (!c || !(c.values as readonly string[]).includes(value)) return;
    (session.choices as unknown as Record<string, string>)[field] = value;
    if (field === "scenario") delete session.choices.scenarioFile;
    this.renderChoices();
  }

  private renderChoices(): void {
    const loaded = session.choices.scenarioFile;
    for (const c of CHOOSERS) {
      const current = c.field === "scenario" && loaded ? "" : session.choices[c.field];
      for (const v of c.values) this.choiceButtons.get(`${c.field}:${v}`)?.setChosen(v === current);
      const params = c.field === "clock" ? clockHelpParams(current as ClockName) : undefined;
      if (current !== "")
        this.choiceHelps.get(c.field)?.setText(t(`menu.${c.field}.${current}.help` as MessageKey, params));
    }
    this.fileButton
      .setChosen(!!loaded)
      .setLabel(loaded ? shortName(loaded.file.name) : t("menu.scenarioFile"));
    if (loaded)
      this.choiceHelps.get("scenario")?.setText(t("menu.scenarioFile.help", loadedHelpParams(loaded, 24)));
  }

  /** ↑/↓ picks a row, ←/→ changes it, Enter creates (the inputs keep their own keys). */
  private onKey(e: KeyboardEvent): void {
    if (this.card.visible) {
      if (e.key === "Escape" || e.key === "Enter") this.card.hide();
      else if (e.key === "Tab") this.card.nextCard(e.shiftKey ? -1 : 1);
      e.preventDefault();
      return;
    }
    const n = this.rows.length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      const step = e.key === "ArrowDown" ? 1 : -1;
      this.focus = this.focus < 0 ? (step > 0 ? 0 : n - 1) : (this.focus + step + n) % n;
      e.preventDefault();
    } else if ((e.key === "ArrowRight" || e.key === "ArrowLeft") && this.focus >= 0) {
      const row = this.rows[this.focus]!;
      row.set(cycle(row.values, row.get(), e.key === "ArrowRight" ? 1 : -1));
      e.preventDefault();
    } else if (e.key === "Enter") {
      void this.connect("create");
    } else return;
    this.renderFocus();
  }

  /** Marks the row the arrow keys change with ▸ and the highlight colour. */
  private renderFocus(): void {
    this.rows.forEach((row, i) => {
      const key = this.texts.find(([txt]) => txt === row.label)?.[1];
      if (!key) return;
      const on = i === this.focus;
      row.label.setText(`${on ? "▸ " : ""}${t(key)}`).setColor(on ? COLORS.warnS : COLORS.dim);
    });
  }

  private chooseRole(role: string): void {
    session.role = role;
    for (const [r, b] of this.roleButtons) b.setChosen(r === role);
    this.roleHelp?.setText(role ? t(`role.${role}.help` as MessageKey) : "");
  }

  /** Re-labels everything in the current language. */
  private refresh(): void {
    if (this.card.visible) this.card.show(this.card.current);
    for (const [txt, key] of this.texts) txt.setText(t(key));
    for (const [b, key] of this.buttons) b.setLabel(t(key));
    for (const [lang, b] of this.langButtons) b.setChosen(lang === getLang());
    for (const el of [this.nameInput, this.codeInput])
      el.placeholder = t(el.dataset.placeholderKey as MessageKey);
    this.chooseRole(session.role);
    this.renderChoices();
    this.renderFocus();
    document.documentElement.lang = getLang() === "zh" ? "zh-CN" : "en";
  }

  private async connect(how: ConnectHow): Promise<void> {
    if (this.busy) return;
    const code = normalizeCode(this.codeInput.value);
    if (how === "join" && !code) {
      this.showStatus(t("menu.needCode"));
      return;
    }
    this.busy = true;
    session.name = this.nameInput.value.trim().slice(0, 24);
    this.showStatus(t("menu.connecting"));
    const conn = new Connection();
    const seat: JoinOptions = {};
    if (session.name) seat.name = session.name;
    if ((ROLES as readonly string[]).includes(session.role)) seat.role = session.role as Role;
    const options = { ...createOptionsFor(session.choices), ...urlCreateOptions(location.search), ...seat };
    try {
      if (how === "create") await conn.create(options);
      else if (how === "join") await conn.join(code, seat);
      else await conn.quick(options);
    } catch (e) {
      const { key, params } = joinErrorText(e, code);
      if (isRunning(this)) this.showStatus(t(key, params));
      this.busy = false;
      return;
    }
    this.busy = false;
    flow().enter(conn);
  }
}

/** A file name short enough for a Menu button. */
function shortName(name: string): string {
  return name.length <= 16 ? name : `${name.slice(0, 15)}…`;
}
