import Phaser from "phaser";
import type { ClockName } from "../../../shared/sim/clock";
import { clockHelpParams } from "../clockTable";
import { defaultEventForm, eventCreateOptions, type EventForm } from "../event/eventForm";
import { loadFacilitatorKey } from "../event/facilitatorKey";
import { flow } from "../flow";
import { onLangChange, t, type MessageKey } from "../i18n";
import {
  CHAOS_CHOICES,
  CLOCK_CHOICES,
  DIFFICULTY_CHOICES,
  SCENARIO_CHOICES,
  type MatchChoices,
} from "../matchOptions";
import { EventConnection } from "../net/eventConnection";
import { ignoredText, loadedHelpParams, scenarioFileInput, type PickedScenario } from "../scenarioUpload";
import { createEventErrorText } from "../event/createError";
import { clearTargets } from "../session";
import { COLORS, WIDTH, textStyle } from "../theme";
import { Button } from "../ui/Button";
import { domInput, relabelInputs } from "../ui/domInput";
import { langSwitch } from "../ui/langSwitch";
import { isRunning, onShutdown } from "../ui/lifecycle";

/** The match choosers of the form: the Menu's options and their label keys. */
const CHOOSERS = [
  { field: "scenario", values: SCENARIO_CHOICES, label: "menu.scenario", y: 392 },
  { field: "clock", values: CLOCK_CHOICES, label: "menu.clock", y: 436 },
  { field: "difficulty", values: DIFFICULTY_CHOICES, label: "menu.difficulty", y: 480 },
  { field: "chaos", values: CHAOS_CHOICES, label: "menu.chaos", y: 524 },
] as const;

/** The form survives a visit to the console and back (a second event with the same settings). */
let form: EventForm = defaultEventForm();

/**
 * "Run a competition": the event's name, teams (a number, or open sign-up), match length,
 * seed, and the match options every team shares. Creating it opens the facilitator console.
 */
export class EventSetup extends Phaser.Scene {
  private texts: [Phaser.GameObjects.Text, MessageKey][] = [];
  private buttons: [Button, MessageKey][] = [];
  private choiceButtons = new Map<string, Button>();
  private choiceHelps = new Map<string, Phaser.GameObjects.Text>();
  private inputs: HTMLInputElement[] = [];
  private signup!: Button;
  private teamsInput!: HTMLInputElement;
  private status!: Phaser.GameObjects.Text;
  private busy = false;
  /** The event the "back to its console" button opens. */
  private backCode = "";
  /** "Load file…" of the Scenario row, and the hidden file input it opens. */
  private fileButton!: Button;
  private upload!: { open(): void; remove(): void };

  constructor() {
    super("EventSetup");
  }

  /** Builds the form. */
  create(): void {
    this.texts = [];
    this.buttons = [];
    this.choiceButtons = new Map();
    this.choiceHelps = new Map();
    this.busy = false;
    this.backCode = "";
    const cx = WIDTH / 2;
    const left = cx - 430;
    this.add.image(44, 40, "logo").setScale(0.3);
    this.label(80, 40, "app.title", 26, COLORS.text, true).setOrigin(0, 0.5);
    const lang = langSwitch(this, "setup");
    this.button(150, 730, "event.form.back", () => flow().menu(), {
      width: 240,
      height: 44,
      id: "setup-back",
    });

    this.label(cx, 100, "event.setup.title", 32, COLORS.text, true).setOrigin(0.5);
    this.label(cx, 146, "event.setup.intro", 16, COLORS.dim).setOrigin(0.5).setAlign("center");

    const submit = () => void this.createEvent();
    this.label(left, 206, "event.form.name", 18, COLORS.dim).setOrigin(0, 0.5);
    const name = domInput(this, cx - 10, 206, {
      name: "event-name",
      width: 380,
      value: form.name,
      placeholder: "event.form.namePlaceholder",
      maxLength: 40,
      onEnter: submit,
    });
    this.label(left, 256, "event.form.teams", 18, COLORS.dim).setOrigin(0, 0.5);
    this.teamsInput = domInput(this, cx - 150, 256, {
      name: "event-teams",
      width: 100,
      value: form.teams,
      maxLength: 2,
      onEnter: submit,
    });
    this.signup = this.button(cx + 110, 256, "event.form.signup", () => this.toggleSignup(), {
      width: 300,
      height: 34,
      id: "setup-signup",
    });
    this.label(cx + 280, 256, "event.form.signupHelp", 13, COLORS.dim)
      .setOrigin(0, 0.5)
      .setWordWrapWidth(400, true);
    this.label(left, 306, "event.form.length", 18, COLORS.dim).setOrigin(0, 0.5);
    const minutes = domInput(this, cx - 150, 306, {
      name: "event-minutes",
      width: 100,
      value: form.minutes,
      maxLength: 5,
      onEnter: submit,
    });
    this.label(cx - 60, 306, "event.form.seed", 18, COLORS.dim).setOrigin(0, 0.5);
    const seed = domInput(this, cx + 110, 306, {
      name: "event-seed",
      width: 180,
      value: form.seed,
      placeholder: "event.form.seedPlaceholder",
      maxLength: 10,
      onEnter: submit,
    });
    this.label(cx + 232, 306, "event.form.seedHelp", 13, COLORS.dim)
      .setOrigin(0, 0.5)
      .setWordWrapWidth(440, true);
    this.inputs = [name, this.teamsInput, minutes, seed];
    const read = () => {
      form = {
        ...form,
        name: name.value,
        teams: this.teamsInput.value,
        minutes: minutes.value,
        seed: seed.value,
      };
    };
    for (const el of this.inputs) el.addEventListener("input", read);

    for (const c of CHOOSERS) {
      this.label(left, c.y, c.label, 17, COLORS.dim).setOrigin(0, 0.5);
      // The Scenario row is narrower: it has a fourth button, "Load file…".
      const [x0, step, width] = c.field === "scenario" ? [cx - 214, 136, 128] : [cx - 190, 186, 174];
      c.values.forEach((value, i) => {
        const key = `menu.${c.field}.${value}` as MessageKey;
        const b = this.button(x0 + i * step, c.y, key, () => this.choose(c.field, value), {
          width,
          height: 34,
          id: `setup-${c.field}-${value}`,
        });
        this.choiceButtons.set(`${c.field}:${value}`, b);
      });
      if (c.field === "scenario")
        this.fileButton = new Button(
          this,
          x0 + 3 * step,
          c.y,
          t("menu.scenarioFile"),
          () => this.upload.open(),
          {
            size: 15,
            width,
            height: 34,
            id: "setup-scenario-file",
          },
        );
      this.choiceHelps.set(
        c.field,
        this.add
          .text(cx + 290, c.y, "", {
            ...textStyle(13, COLORS.dim),
            wordWrap: { width: 380, useAdvancedWrap: true },
          })
          .setOrigin(0, 0.5),
      );
    }

    this.button(cx, 606, "event.form.create", submit, {
      width: 320,
      height: 54,
      size: 20,
      id: "setup-create",
    });
    this.status = this.add
      .text(cx, 646, "", { ...textStyle(16, COLORS.warnS), align: "center", wordWrap: { width: 1000 } })
      .setOrigin(0.5, 0);
    this.upload = scenarioFileInput((p) => this.onScenarioPicked(p));

    // A facilitator who left the console for the Menu finds the way back here.
    const last = flow().lastEventCode;
    if (last && loadFacilitatorKey(last)) {
      this.button(WIDTH - 200, 730, "event.form.backToConsole", () => void flow().reopenConsole(last), {
        width: 340,
        height: 44,
        id: "setup-console",
      });
      this.backCode = last;
    }

    this.refresh();
    onShutdown(
      this,
      onLangChange(() => {
        lang.mark();
        this.refresh();
      }),
      () => clearTargets(),
      () => this.upload.remove(),
    );
  }

  /** A picked scenario file: every team plays it if the loader took it, else its errors shown. */
  private onScenarioPicked(p: PickedScenario): void {
    if (!isRunning(this)) return;
    if (p.ok) {
      form = { ...form, scenarioFile: p.loaded };
      this.status.setText(ignoredText(p.loaded));
    } else this.status.setText(t("menu.scenarioFile.invalid", { file: p.file, errors: p.errors.join("\n") }));
    this.refresh();
  }

  private label(x: number, y: number, key: MessageKey, size: number, color: string, bold = false) {
    const txt = this.add.text(x, y, t(key), textStyle(size, color, false, bold));
    this.texts.push([txt, key]);
    return txt;
  }

  private button(
    x: number,
    y: number,
    key: MessageKey,
    onClick: () => void,
    o: { width: number; height: number; size?: number; id: string },
  ): Button {
    const b = new Button(this, x, y, t(key), onClick, { size: 15, ...o });
    this.buttons.push([b, key]);
    return b;
  }

  private choose(field: keyof MatchChoices, value: string): void {
    form = { ...form, [field]: value };
    if (field === "scenario") delete form.scenarioFile;
    this.refresh();
  }

  private toggleSignup(): void {
    form = { ...form, signup: !form.signup };
    this.refresh();
  }

  private refresh(): void {
    for (const [txt, key] of this.texts) txt.setText(t(key));
    for (const [b, key] of this.buttons) b.setLabel(t(key, { code: this.backCode }));
    relabelInputs(this.inputs);
    this.signup.setChosen(form.signup);
    // With open sign-up the number of teams is the players' doing.
    this.teamsInput.disabled = form.signup;
    this.teamsInput.style.opacity = form.signup ? "0.4" : "1";
    const loaded = form.scenarioFile;
    for (const c of CHOOSERS) {
      const current = c.field === "scenario" && loaded ? "" : form[c.field];
      for (const v of c.values) this.choiceButtons.get(`${c.field}:${v}`)?.setChosen(v === current);
      const params = c.field === "clock" ? clockHelpParams(current as ClockName) : undefined;
      if (current !== "")
        this.choiceHelps.get(c.field)?.setText(t(`menu.${c.field}.${current}.help` as MessageKey, params));
    }
    this.fileButton
      .setChosen(!!loaded)
      .setLabel(loaded ? shortName(loaded.file.name) : t("menu.scenarioFile"));
    if (loaded)
      this.choiceHelps.get("scenario")?.setText(t("menu.scenarioFile.help", loadedHelpParams(loaded, 80)));
  }

  private async createEvent(): Promise<void> {
    if (this.busy) return;
    const checked = eventCreateOptions(form);
    if (!checked.ok) {
      this.status.setText(t(checked.error, checked.params));
      return;
    }
    this.busy = true;
    this.status.setText(t("menu.connecting"));
    const conn = new EventConnection();
    try {
      await conn.create(checked.value);
    } catch (e) {
      const { key, params } = createEventErrorText(e);
      if (isRunning(this)) this.status.setText(t(key, params));
      this.busy = false;
      return;
    }
    this.busy = false;
    flow().openConsole(conn);
  }
}

/** A file name short enough for a form button. */
function shortName(name: string): string {
  return name.length <= 14 ? name : `${name.slice(0, 13)}…`;
}
