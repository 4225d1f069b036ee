/** The English / 中文 buttons every screen shows in its top right corner. */
import type Phaser from "phaser";
import { getLang, LANGUAGES, setLang } from "../i18n";
import { WIDTH } from "../theme";
import { Button } from "./Button";

/** Adds the two language buttons at the top right; `mark()` shows which is current (call on every language change). */
export function langSwitch(scene: Phaser.Scene, idPrefix: string, y = 36): { mark: () => void } {
  const buttons = LANGUAGES.map(
    (lang, i) =>
      [
        lang,
        new Button(scene, WIDTH - 190 + i * 116, y, lang === "en" ? "English" : "中文", () => setLang(lang), {
          width: 108,
          height: 34,
          size: 14,
          id: `${idPrefix}-lang-${lang}`,
        }),
      ] as const,
  );
  const mark = () => {
    for (const [lang, b] of buttons) b.setChosen(lang === getLang());
  };
  mark();
  return { mark };
}
