import Phaser from "phaser";
import type { Intent } from "../../../shared/sim/intent-types";
import { t } from "../i18n";
import { setImageIntent, suggestedImage, type ImagePrompt } from "../input";
import { COLORS, HEIGHT, WIDTH, textStyle } from "../theme";
import { Button } from "./Button";

/** Dialog and field sizes (design pixels). */
const DIALOG_W = 660;
const DIALOG_H = 236;
const FIELD_W = 600;

/**
 * The in-game "Set image" field: a modal with a text input (a Phaser DOM element, styled
 * like the Menu's name field), the current image, and the image a reachable mirror would
 * serve. Enter sets it, Esc cancels; what the server's validator would refuse is refused
 * here first, with the reason in the player's language, and nothing is sent.
 */
export class ImageDialog extends Phaser.GameObjects.Container {
  /** The workload being asked about, while the dialog is open. */
  prompt: ImagePrompt | undefined;
  private title: Phaser.GameObjects.Text;
  private current: Phaser.GameObjects.Text;
  private problem: Phaser.GameObjects.Text;
  private keys: Phaser.GameObjects.Text;
  private ok: Button;
  private cancel: Button;
  private field: Phaser.GameObjects.DOMElement;
  private inputEl: HTMLInputElement;
  private problemKey: Parameters<typeof t>[0] | "" = "";
  private problemParams: Record<string, string> = {};

  constructor(
    scene: Phaser.Scene,
    private readonly onSubmit: (intent: Intent) => void,
  ) {
    super(scene, WIDTH / 2, HEIGHT / 2);
    const shade = scene.add.rectangle(0, 0, WIDTH, HEIGHT, 0x000000, 0.55).setInteractive();
    const frame = scene.add.graphics();
    frame.fillStyle(COLORS.panel, 0.98).fillRoundedRect(-DIALOG_W / 2, -DIALOG_H / 2, DIALOG_W, DIALOG_H, 14);
    frame
      .lineStyle(3, COLORS.highlight, 1)
      .strokeRoundedRect(-DIALOG_W / 2, -DIALOG_H / 2, DIALOG_W, DIALOG_H, 14);
    const left = -DIALOG_W / 2 + 30;
    this.title = scene.add.text(left, -DIALOG_H / 2 + 18, "", textStyle(22, COLORS.text, false, true));
    this.current = scene.add.text(left, -DIALOG_H / 2 + 56, "", {
      ...textStyle(15, COLORS.dim),
      wordWrap: { width: DIALOG_W - 60, useAdvancedWrap: true },
    });
    this.problem = scene.add.text(left, 18, "", {
      ...textStyle(14, COLORS.badS),
      wordWrap: { width: DIALOG_W - 60, useAdvancedWrap: true },
    });
    this.keys = scene.add.text(left, DIALOG_H / 2 - 36, "", textStyle(13, COLORS.dim));
    this.ok = new Button(scene, DIALOG_W / 2 - 250, DIALOG_H / 2 - 28, "", () => this.confirm(), {
      width: 170,
      height: 34,
      size: 14,
      id: "image-ok",
    });
    this.cancel = new Button(scene, DIALOG_W / 2 - 90, DIALOG_H / 2 - 28, "", () => this.close(), {
      width: 140,
      height: 34,
      size: 14,
      id: "image-cancel",
    });
    this.add([shade, frame, this.title, this.current, this.problem, this.keys, this.ok, this.cancel]);
    this.setDepth(1000).setVisible(false);
    scene.add.existing(this);

    // The page draws DOM elements above the canvas: the field lives outside the container,
    // placed over the dialog, and is shown only while the dialog is.
    this.field = scene.add.dom(WIDTH / 2, HEIGHT / 2 - 10, "input", `width:${FIELD_W - 24}px`);
    this.inputEl = this.field.node as HTMLInputElement;
    this.inputEl.type = "text";
    this.inputEl.name = "image";
    this.inputEl.autocomplete = "off";
    this.inputEl.spellcheck = false;
    this.inputEl.maxLength = 200;
    this.inputEl.addEventListener("keydown", (e) => {
      // The field keeps its keys: the Match's shortcuts (D, X, O…) must not fire while typing.
      e.stopPropagation();
      if (e.key === "Enter") this.confirm();
      else if (e.key === "Escape") this.close();
      // Focus stays in the field while the dialog is open (Enter / Esc are its ways out).
      else if (e.key === "Tab") e.preventDefault();
    });
    this.inputEl.addEventListener("input", () => this.showProblem("", {}));
    this.field.setVisible(false);
  }

  /** Whether the dialog is open (it takes the keys). */
  get open(): boolean {
    return this.prompt !== undefined;
  }

  /** Opens the field for a workload's container, filled with the mirror of its current image. */
  show(prompt: ImagePrompt): void {
    this.prompt = prompt;
    this.inputEl.value = suggestedImage(prompt.current);
    this.showProblem("", {});
    this.relabel();
    this.setVisible(true);
    this.field.setVisible(true);
    this.inputEl.focus();
    this.inputEl.select();
  }

  /** Closes it without sending anything (Esc, Cancel). */
  close(): void {
    this.prompt = undefined;
    this.inputEl.blur();
    this.setVisible(false);
    this.field.setVisible(false);
  }

  /** Re-writes every string in the current language (on open and on a language switch). */
  relabel(): void {
    const p = this.prompt;
    if (!p) return;
    this.title.setText(t("image.title", { workload: p.workload }));
    this.current.setText(t("image.current", { container: p.container, current: p.current }));
    this.keys.setText(t("image.keys"));
    this.ok.setLabel(t("image.ok"));
    this.cancel.setLabel(t("image.cancel"));
    this.inputEl.setAttribute("aria-label", t("image.title", { workload: p.workload }));
    if (this.problemKey) this.problem.setText(t(this.problemKey, this.problemParams));
  }

  /** Enter / the Set image button: send the intent, or say what is wrong and stay open. */
  private confirm(): void {
    const p = this.prompt;
    if (!p) return;
    const answer = setImageIntent(p, this.inputEl.value);
    if ("problem" in answer) {
      this.showProblem(answer.problem, answer.params);
      this.inputEl.focus();
      return;
    }
    this.close();
    this.onSubmit(answer.intent);
  }

  private showProblem(key: Parameters<typeof t>[0] | "", params: Record<string, string>): void {
    this.problemKey = key;
    this.problemParams = params;
    this.problem.setText(key ? t(key, params) : "");
  }
}
