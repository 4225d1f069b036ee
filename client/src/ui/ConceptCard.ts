import Phaser from "phaser";
import { clockTableLines } from "../clockTable";
import { CONCEPTS } from "../concepts";
import { t, type MessageKey } from "../i18n";
import { COLORS, HEIGHT, WIDTH, textStyle } from "../theme";
import { Button } from "./Button";

/** Card sizes: a concept's text, and the taller clock card with its whole table. */
const CARD_W = 680;
const CARD_H = 360;
const CLOCK_H = 560;

/**
 * A modal card explaining one Kubernetes concept (Tab walks to the next, Esc closes). The
 * `clock` card adds the whole clock table (every scaled delay, both clocks).
 */
export class ConceptCard extends Phaser.GameObjects.Container {
  /** The concept shown, or "" when closed. */
  current = "";
  private frame: Phaser.GameObjects.Graphics;
  private icon: Phaser.GameObjects.Image;
  private title: Phaser.GameObjects.Text;
  private bodyText: Phaser.GameObjects.Text;
  private table: Phaser.GameObjects.Text;
  private hint: Phaser.GameObjects.Text;
  private close: Button;

  /**
   * `onToggle` hears the card open and close (a scene with DOM inputs hides them, since
   * the page draws them above the canvas).
   */
  constructor(
    scene: Phaser.Scene,
    private readonly onToggle: (open: boolean) => void = () => {},
  ) {
    super(scene, WIDTH / 2, HEIGHT / 2);
    const shade = scene.add.rectangle(0, 0, WIDTH, HEIGHT, 0x000000, 0.55).setInteractive();
    this.frame = scene.add.graphics();
    this.icon = scene.add.image(0, 0, "icon-info").setScale(1.3);
    this.title = scene.add.text(0, 0, "", textStyle(26, COLORS.text, false, true));
    this.bodyText = scene.add.text(0, 0, "", {
      ...textStyle(18),
      wordWrap: { width: CARD_W - 56, useAdvancedWrap: true },
      lineSpacing: 6,
    });
    this.table = scene.add.text(0, 0, "", {
      ...textStyle(15, COLORS.text),
      wordWrap: { width: CARD_W - 56, useAdvancedWrap: true },
      lineSpacing: 4,
    });
    this.hint = scene.add.text(0, 0, "", textStyle(14, COLORS.dim));
    this.close = new Button(scene, 0, 0, t("card.close"), () => this.hide(), {
      width: 150,
      height: 34,
      size: 14,
      id: "card-close",
    });
    this.add([shade, this.frame, this.icon, this.title, this.bodyText, this.table, this.hint, this.close]);
    this.layout(CARD_H);
    this.setDepth(1000).setVisible(false);
    scene.add.existing(this);
  }

  /** Draws the frame `h` high and places everything in it. */
  private layout(h: number): void {
    const w = CARD_W;
    this.frame.clear();
    this.frame.fillStyle(COLORS.panel, 0.98).fillRoundedRect(-w / 2, -h / 2, w, h, 14);
    this.frame.lineStyle(3, COLORS.highlight, 1).strokeRoundedRect(-w / 2, -h / 2, w, h, 14);
    this.icon.setPosition(-w / 2 + 34, -h / 2 + 36);
    this.title.setPosition(-w / 2 + 62, -h / 2 + 22);
    this.bodyText.setPosition(-w / 2 + 28, -h / 2 + 76);
    this.hint.setPosition(-w / 2 + 28, h / 2 - 36);
    this.close.setPosition(w / 2 - 90, h / 2 - 28);
  }

  /** Opens the card for a concept id (see {@link CONCEPTS}). */
  show(id: string): void {
    this.current = id;
    const clock = id === "clock";
    this.layout(clock ? CLOCK_H : CARD_H);
    this.title.setText(t(`concept.${id}.title` as MessageKey));
    this.bodyText.setText(t(`concept.${id}.body` as MessageKey));
    this.table
      .setText(clock ? [t("clock.header"), ...clockTableLines()].join("\n") : "")
      .setPosition(-CARD_W / 2 + 28, this.bodyText.y + this.bodyText.height + 12)
      .setVisible(clock);
    this.hint.setText(t("card.more"));
    this.close.setLabel(t("card.close"));
    this.setVisible(true);
    this.onToggle(true);
  }

  /** Shows the next concept in order. */
  nextCard(step = 1): void {
    const i = CONCEPTS.indexOf(this.current as (typeof CONCEPTS)[number]);
    this.show(CONCEPTS[(i + step + CONCEPTS.length) % CONCEPTS.length]!);
  }

  /** Closes the card. */
  hide(): void {
    this.current = "";
    this.setVisible(false);
    this.onToggle(false);
  }
}
