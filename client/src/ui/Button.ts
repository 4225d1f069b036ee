import Phaser from "phaser";
import { registerTarget } from "../session";
import { COLORS, textStyle } from "../theme";

/** Options of a {@link Button}. */
export interface ButtonOptions {
  width?: number;
  height?: number;
  size?: number;
  fill?: number;
  /** Test/target id (`screenPositionOf("button", id)`). */
  id?: string;
}

/** A rounded, keyboard-labelled button drawn in code; `setLabel` re-labels it (language switch). */
export class Button extends Phaser.GameObjects.Container {
  private frame: Phaser.GameObjects.Graphics;
  private label: Phaser.GameObjects.Text;
  private bw: number;
  private bh: number;
  private fill: number;
  private active_ = false;
  private enabled = true;

  constructor(
    scene: Phaser.Scene,
    x: number,
    y: number,
    text: string,
    onClick: () => void,
    opts: ButtonOptions = {},
  ) {
    super(scene, x, y);
    this.bw = opts.width ?? 180;
    this.bh = opts.height ?? 40;
    this.fill = opts.fill ?? 0x1d2a55;
    this.frame = scene.add.graphics();
    this.label = scene.add
      .text(0, 0, text, { ...textStyle(opts.size ?? 16), align: "center" })
      .setOrigin(0.5);
    this.add([this.frame, this.label]);
    this.setSize(this.bw, this.bh);
    this.setInteractive({ useHandCursor: true });
    this.on("pointerover", () => this.draw(true));
    this.on("pointerout", () => this.draw(false));
    this.on("pointerup", () => {
      if (this.enabled) onClick();
    });
    this.draw(false);
    scene.add.existing(this);
    if (opts.id) {
      const id = opts.id;
      registerTarget("button", id, () => (this.shown() ? this.getWorldCenter() : undefined));
    }
  }

  /**
   * Whether it is on screen: active, it and every container it sits in visible (a hidden
   * dialog's button keeps its own visible flag), and drawn by the last frame — Phaser ranks
   * overlapping hits by the camera's render list, so until a new dialog is drawn its
   * full-screen backdrop can take a click meant for its button.
   */
  shown(): boolean {
    if (!this.active || !this.visible) return false;
    for (let o = this.parentContainer; o; o = o.parentContainer) if (!o.visible) return false;
    return this.scene.cameras.main.renderList.includes(this);
  }

  /** Centre in design space, through parent containers. */
  getWorldCenter(): { x: number; y: number } {
    const m = this.getWorldTransformMatrix();
    return { x: m.tx, y: m.ty };
  }

  /** Changes the text. */
  setLabel(text: string): this {
    this.label.setText(text);
    return this;
  }

  /** Marks the button as the chosen one of a group. */
  setChosen(on: boolean): this {
    if (on === this.active_) return this;
    this.active_ = on;
    this.draw(false);
    return this;
  }

  /** Greys the button out. */
  setEnabled(on: boolean): this {
    this.enabled = on;
    this.setAlpha(on ? 1 : 0.45);
    return this;
  }

  private draw(hover: boolean): void {
    const g = this.frame;
    g.clear();
    g.fillStyle(this.active_ ? 0x2f5fb3 : hover ? 0x2a3c75 : this.fill, 1);
    g.fillRoundedRect(-this.bw / 2, -this.bh / 2, this.bw, this.bh, 8);
    g.lineStyle(this.active_ ? 3 : 2, this.active_ ? COLORS.highlight : COLORS.panelEdge, 1);
    g.strokeRoundedRect(-this.bw / 2, -this.bh / 2, this.bw, this.bh, 8);
  }
}
