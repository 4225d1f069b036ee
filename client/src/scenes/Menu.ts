import Phaser from "phaser";
import type { JoinOptions } from "../../../shared/protocol/messages";
import { ROLES, type Role } from "../../../shared/sim/world";
import { getLang, onLangChange, setLang, t, type MessageKey } from "../i18n";
import { Connection } from "../net/connection";
import { clearTargets, session } from "../session";
import { Button } from "../ui/Button";
import { COLORS, textStyle } from "../theme";

/** Role choices of the menu: the three roles, or "" for any free one. */
const ROLE_CHOICES = [...ROLES, ""] as const;

/** Menu: name, language, role, and create / join-by-code / quick play. */
export class Menu extends Phaser.Scene {
  private texts: [Phaser.GameObjects.Text, MessageKey][] = [];
  private buttons: [Button, MessageKey][] = [];
  private roleButtons = new Map<string, Button>();
  private langButtons = new Map<string, Button>();
  private status!: Phaser.GameObjects.Text;
  private roleHelp!: Phaser.GameObjects.Text;
  private nameInput!: HTMLInputElement;
  private codeInput!: HTMLInputElement;
  private busy = false;

  constructor() {
    super("Menu");
  }

  /** Builds the menu and wires the language switch. */
  create(): void {
    this.texts = [];
    this.buttons = [];
    const cx = this.scale.width / 2;
    const params = new URLSearchParams(location.search);
    this.add.image(cx - 300, 96, "logo").setScale(0.6);
    this.label(cx - 230, 70, "app.title", 44, COLORS.text, true).setOrigin(0, 0.5);
    this.label(cx - 230, 118, "app.tagline", 18, COLORS.dim).setOrigin(0, 0.5);

    this.label(cx - 320, 180, "menu.language", 18, COLORS.dim).setOrigin(0, 0.5);
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

    this.label(cx - 320, 300, "menu.role", 18, COLORS.dim).setOrigin(0, 0.5);
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
    this.roleHelp = this.add.text(cx, 384, "", textStyle(15, COLORS.dim)).setOrigin(0.5, 0);

    const create = new Button(this, cx - 200, 460, t("menu.create"), () => void this.connect("create"), {
      width: 240,
      height: 48,
      size: 18,
      id: "create",
    });
    this.buttons.push([create, "menu.create"]);
    const quick = new Button(this, cx + 80, 460, t("menu.quick"), () => void this.connect("quick"), {
      width: 200,
      height: 48,
      size: 18,
      id: "quick",
    });
    this.buttons.push([quick, "menu.quick"]);
    this.codeInput = this.input_(
      cx - 200,
      530,
      240,
      params.get("code") ?? "",
      "menu.codePlaceholder",
      "code",
    );
    this.codeInput.maxLength = 16;
    const join = new Button(this, cx + 80, 530, t("menu.join"), () => void this.connect("join"), {
      width: 200,
      height: 44,
      size: 17,
      id: "join",
    });
    this.buttons.push([join, "menu.join"]);

    this.status = this.add.text(cx, 590, "", textStyle(16, COLORS.warnS)).setOrigin(0.5, 0);
    this.label(cx, 700, "menu.howto", 15, COLORS.dim).setOrigin(0.5);

    this.chooseRole(session.role);
    this.refresh();
    const off = onLangChange(() => this.refresh());
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      off();
      clearTargets("button");
    });
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
    });
    return el;
  }

  private switchLang(lang: "en" | "zh"): void {
    setLang(lang);
  }

  private chooseRole(role: string): void {
    session.role = role;
    for (const [r, b] of this.roleButtons) b.setChosen(r === role);
    this.roleHelp?.setText(role ? t(`role.${role}.help` as MessageKey) : "");
  }

  /** Re-labels everything in the current language. */
  private refresh(): void {
    for (const [txt, key] of this.texts) txt.setText(t(key));
    for (const [b, key] of this.buttons) b.setLabel(t(key));
    for (const [lang, b] of this.langButtons) b.setChosen(lang === getLang());
    for (const el of [this.nameInput, this.codeInput])
      el.placeholder = t(el.dataset.placeholderKey as MessageKey);
    this.chooseRole(session.role);
    document.documentElement.lang = getLang() === "zh" ? "zh-CN" : "en";
  }

  private async connect(how: "create" | "join" | "quick"): Promise<void> {
    if (this.busy) return;
    const code = this.codeInput.value.trim();
    if (how === "join" && !code) {
      this.status.setText(t("menu.needCode"));
      return;
    }
    this.busy = true;
    session.name = this.nameInput.value.trim().slice(0, 24);
    this.status.setText(t("menu.connecting"));
    const conn = new Connection();
    const opts: JoinOptions = {};
    if (session.name) opts.name = session.name;
    if ((ROLES as readonly string[]).includes(session.role)) opts.role = session.role as Role;
    try {
      if (how === "create") await conn.create(opts);
      else if (how === "join") await conn.join(code, opts);
      else await conn.quick(opts);
      session.connection = conn;
      this.scene.start("Match");
    } catch (e) {
      this.status.setText(t("menu.error", { reason: e instanceof Error ? e.message : String(e) }));
    } finally {
      this.busy = false;
    }
  }
}
