import Phaser from "phaser";
import { t } from "../i18n";
import { COLORS, textStyle } from "../theme";

/** First scene: shows that the game is alive and hands over to the Preloader. */
export class Boot extends Phaser.Scene {
  constructor() {
    super("Boot");
  }

  /** Draws a minimal splash and starts the Preloader. */
  create(): void {
    this.cameras.main.setBackgroundColor(COLORS.bg);
    this.add
      .text(this.scale.width / 2, this.scale.height / 2, t("boot.loading"), textStyle(20))
      .setOrigin(0.5);
    this.scene.start("Preloader");
  }
}
