import Phaser from "phaser";
import { flow } from "../flow";
import { t } from "../i18n";
import { COLORS, textStyle } from "../theme";

/** First scene: shows that the game is alive and tells the flow to load the assets. */
export class Boot extends Phaser.Scene {
  constructor() {
    super("Boot");
  }

  /** Draws a minimal splash. */
  create(): void {
    this.cameras.main.setBackgroundColor(COLORS.bg);
    this.add
      .text(this.scale.width / 2, this.scale.height / 2, t("boot.loading"), textStyle(20))
      .setOrigin(0.5);
    flow().booted();
  }
}
