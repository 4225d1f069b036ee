import Phaser from "phaser";
import { flow } from "../flow";
import { t, TABLES } from "../i18n";
import { loadResumeToken } from "../net/resumeToken";
import { COLORS, textStyle } from "../theme";
import { loadCjkGlyphs } from "../ui/fonts";

/** The project's own SVG assets (see assets/LICENSE.md), keyed as the scenes use them. */
export const ASSETS: { key: string; file: string; size: number }[] = [
  { key: "logo", file: "logo.svg", size: 160 },
  { key: "icon-node", file: "icon-node.svg", size: 28 },
  { key: "icon-service", file: "icon-service.svg", size: 28 },
  { key: "icon-dns", file: "icon-dns.svg", size: 28 },
  { key: "icon-users", file: "icon-users.svg", size: 40 },
  { key: "icon-info", file: "icon-info.svg", size: 22 },
];

/** Loads every asset with a real progress bar, then hands over to the flow (Menu, or back to a match). */
export class Preloader extends Phaser.Scene {
  private label!: Phaser.GameObjects.Text;

  constructor() {
    super("Preloader");
  }

  /** Queues the assets and draws the bar that follows the loader's progress. */
  preload(): void {
    const { width, height } = this.scale;
    const barW = 420;
    const x = (width - barW) / 2;
    const y = height / 2;
    const frame = this.add.graphics();
    frame.lineStyle(2, COLORS.panelEdge, 1).strokeRect(x - 4, y - 4, barW + 8, 28);
    const bar = this.add.graphics();
    const label = this.add
      .text(width / 2, y + 50, t("preload.loading", { pct: 0 }), textStyle(18))
      .setOrigin(0.5);
    this.label = label;
    this.load.on("progress", (value: number) => {
      bar
        .clear()
        .fillStyle(COLORS.ok, 1)
        .fillRect(x, y, barW * value, 20);
      label.setText(t("preload.loading", { pct: Math.round(value * 100) }));
    });
    for (const a of ASSETS) this.load.svg(a.key, a.file, { width: a.size, height: a.size });
  }

  /** Images are loaded: load the Chinese glyphs of the game's strings, then the flow decides what comes next. */
  async create(): Promise<void> {
    await loadCjkGlyphs(`${Object.values(TABLES.zh).join("")}中文`);
    if (loadResumeToken() && this.sys.isActive()) this.label.setText(t("preload.resuming"));
    await flow().loaded();
  }
}
