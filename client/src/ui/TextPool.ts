/**
 * Texts reused from one redraw to the next: a screen redrawn every second (the competition
 * board) takes the Texts it needs in order and hides the rest, instead of destroying and
 * creating them — a changed Text is redrawn, an unchanged one costs nothing.
 */
import type Phaser from "phaser";
import { textStyle } from "../theme";
import { paintText } from "./text";

/** A pool of Texts of one scene (optionally inside a container). */
export class TextPool {
  private readonly texts: Phaser.GameObjects.Text[] = [];
  private used = 0;

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly container?: Phaser.GameObjects.Container,
  ) {}

  /** Starts a redraw: every Text is free again. */
  begin(): void {
    this.used = 0;
  }

  /** The next Text, showing `s` at (x, y) with origin (0, 0), in a size, colour and weight (unwrapped, left-aligned). */
  take(x: number, y: number, s: string, size: number, color: string, bold = false): Phaser.GameObjects.Text {
    let txt = this.texts[this.used];
    if (!txt) {
      txt = this.scene.add.text(0, 0, "", textStyle(size));
      this.container?.add(txt);
      this.texts.push(txt);
    }
    this.used++;
    const px = `${Math.round(size)}px`;
    if (txt.style.fontSize !== px) txt.setFontSize(px);
    const weight = bold ? "bold" : "normal";
    if (txt.style.fontStyle !== weight) txt.setFontStyle(weight);
    // a Text taken for a wrapped heading last time is a plain one-line Text again
    if (txt.style.wordWrapWidth !== null) txt.setWordWrapWidth(null);
    if (txt.style.align !== "left") txt.setAlign("left");
    return paintText(txt, s, color).setPosition(x, y).setOrigin(0, 0).setVisible(true);
  }

  /** Ends a redraw: hides the Texts it did not take. */
  end(): void {
    for (let i = this.used; i < this.texts.length; i++) this.texts[i]!.setVisible(false);
  }

  /** The Texts shown by the last redraw. */
  shown(): readonly Phaser.GameObjects.Text[] {
    return this.texts.slice(0, this.used);
  }

  /** Destroys every Text. */
  destroy(): void {
    for (const t of this.texts) t.destroy();
    this.texts.length = 0;
    this.used = 0;
  }
}
