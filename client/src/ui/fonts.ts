/**
 * The CJK web font. Many machines (these test machines, kiosks, some school PCs) have no
 * Chinese system font, and canvas text drawn before a font face has loaded keeps the boxes
 * it was drawn with. So the glyphs of the game's own strings are loaded before the Menu
 * opens, and every Text on screen is redrawn when more glyphs arrive later (a name typed
 * in Chinese). The font is split by unicode-range: only the chunks a text needs download.
 */
import "@fontsource/noto-sans-sc/chinese-simplified-400.css";
import "@fontsource/noto-sans-sc/chinese-simplified-700.css";
import type Phaser from "phaser";

/** The family the CSS above declares (theme.ts FONT lists it after the system fonts). */
const FAMILY = '"Noto Sans SC"';
/** Longest wait before the Menu opens anyway (the glyphs then arrive and are redrawn). */
const MAX_WAIT_MS = 4000;

/** Loads the regular and bold glyphs `text` needs, giving up quietly after a few seconds. */
export async function loadCjkGlyphs(text: string): Promise<void> {
  if (typeof document === "undefined" || !document.fonts) return;
  const chars = [...new Set(text)].filter((c) => c > "\u2e7f").join("");
  if (!chars) return;
  const load = Promise.all([
    document.fonts.load(`16px ${FAMILY}`, chars),
    document.fonts.load(`bold 16px ${FAMILY}`, chars),
  ]).catch(() => undefined);
  await Promise.race([load, new Promise((r) => setTimeout(r, MAX_WAIT_MS))]);
}

/** Redraws every Text of the running scenes (their canvases keep the glyphs they were drawn with). */
function redrawTexts(game: Phaser.Game): void {
  const walk = (list: Phaser.GameObjects.GameObject[]) => {
    for (const o of list) {
      if (o.type === "Text") (o as Phaser.GameObjects.Text).updateText();
      const children = (o as Phaser.GameObjects.Container).list;
      if (Array.isArray(children)) walk(children);
    }
  };
  for (const s of game.scene.getScenes(true)) walk(s.children.list);
}

/** Redraws the texts whenever font faces finish loading (glyphs the preload did not cover). */
export function redrawTextsWhenFontsLoad(game: Phaser.Game): void {
  if (typeof document === "undefined" || !document.fonts) return;
  document.fonts.addEventListener("loadingdone", () => redrawTexts(game));
}
