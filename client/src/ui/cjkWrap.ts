/**
 * Word wrap that also breaks between Chinese characters. Phaser's wrap breaks only at
 * spaces, so a Chinese sentence (no spaces) jumps whole to the next line and is then cut
 * anywhere. Here every CJK character is a break point, Latin words stay whole, and closing
 * punctuation (，。：) never starts a line.
 */
import type Phaser from "phaser";

/** CJK ideographs, kana, full-width forms and CJK punctuation: each may stand alone on a line edge. */
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u201c\u201d\u2018\u2019]/;
/** Punctuation that must not begin a line. */
const NO_START = /^[，。：；！？、）」』”’,.;:!?)\]]$/;
/** Tokens: one CJK character, a run of other non-space characters, or spaces. */
const TOKENS =
  /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u201c\u201d\u2018\u2019]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u201c\u201d\u2018\u2019]+|\s+/g;

/** Splits `text` into lines no wider than `width` as measured by `measure`. */
export function wrapLines(text: string, width: number, measure: (s: string) => number): string[] {
  const out: string[] = [];
  for (const para of text.split("\n")) {
    let line = "";
    let space = "";
    for (const token of para.match(TOKENS) ?? []) {
      if (/^\s+$/.test(token)) {
        space = line ? " " : "";
        continue;
      }
      const joined = line + (CJK.test(token) && CJK.test(line.slice(-1)) ? "" : space) + token;
      if (!line || measure(joined) <= width) line = joined;
      else if (!NO_START.test(token)) {
        out.push(line);
        line = token;
      } else if (line.length > 1 && CJK.test(line.slice(-1))) {
        // Closing punctuation may not start a line: the character before it goes down with it.
        out.push(line.slice(0, -1));
        line = line.slice(-1) + token;
      } else line = joined;
      space = "";
    }
    out.push(line);
  }
  return out;
}

/** A Text style's wordWrap that breaks Chinese too (`{ ...textStyle(…), wordWrap: cjkWrap(300) }`). */
export function cjkWrap(width: number): Phaser.Types.GameObjects.Text.TextWordWrap {
  return {
    width,
    callback: (text: string, obj: Phaser.GameObjects.Text) =>
      wrapLines(text, width, (s) => obj.context.measureText(s).width),
    callbackScope: undefined,
  };
}
