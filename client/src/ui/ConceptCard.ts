import Phaser from "phaser";
import { CONCEPTS } from "../concepts";
import { t, type MessageKey } from "../i18n";
import { COLORS, HEIGHT, WIDTH, textStyle } from "../theme";
import { Button } from "./Button";

/** A modal card explaining one Kubernetes concept (Tab walks to the next, Esc closes). */
export class ConceptCard extends Phaser.GameObjects.Container {
  /** The concept shown, or "" when closed. */
  current = "";
  private title: Phaser.GameObjects.Text;
  private bodyText: Phaser.GameObjects.Text;
  private hint: Phaser.GameObjects.Text;
  private close: Button;

  constructor(scene: Phaser.Scene) {
    super(scene, WIDTH / 2, HEIGHT / 2);
    const w = 640;
    const h = 330;
    const shade = scene.add.rectangle(0, 0, WIDTH, HEIGHT, 0x000000, 0.55).setInteractive();
    const g = scene.add.graphics();
    g.fillStyle(COLORS.panel, 0.98).fillRoundedRect(-w / 2, -h / 2, w, h, 14);
    g.lineStyle(3, COLORS.highlight, 1).strokeRoundedRect(-w / 2, -h / 2, w, h, 14);
    const icon = scene.add.image(-w / 2 + 34, -h / 2 + 36, "icon-info").setScale(1.3);
    this.title = scene.add.text(-w / 2 + 62, -h / 2 + 22, "", textStyle(26, COLORS.text, false, true));
    this.bodyText = scene.add.text(-w / 2 + 28, -h / 2 + 76, "", {
      ...textStyle(18),
      wordWrap: { width: w - 56, useAdvancedWrap: true },
      lineSpacing: 6,
    });
    this.hint = scene.add.text(-w / 2 + 28, h / 2 - 36, "", textStyle(14, COLORS.dim));
    this.close = new Button(scene, w / 2 - 90, h / 2 - 28, t("card.close"), () => this.hide(), {
      width: 150,
      height: 34,
      size: 14,
      id: "card-close",
    });
    this.add([shade, g, icon, this.title, this.bodyText, this.hint, this.close]);
    this.setDepth(1000).setVisible(false);
    scene.add.existing(this);
  }

  /** Opens the card for a concept id (see {@link CONCEPTS}). */
  show(id: string): void {
    this.current = id;
    this.title.setText(t(`concept.${id}.title` as MessageKey));
    this.bodyText.setText(t(`concept.${id}.body` as MessageKey));
    this.hint.setText(t("card.more"));
    this.close.setLabel(t("card.close"));
    this.setVisible(true);
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
  }
}
