import type Phaser from "phaser";

/**
 * Sets a Text's string and colour, touching it only when one of them changed. Phaser's
 * `setText` already skips an equal string, but `setColor` always re-renders the text
 * (and on WebGL re-uploads its texture), so panels refreshed on every state patch call
 * this instead.
 */
export function paintText(
  txt: Phaser.GameObjects.Text,
  text: string,
  color?: string,
): Phaser.GameObjects.Text {
  if (color !== undefined && txt.style.color !== color) txt.setColor(color);
  return txt.setText(text);
}

/**
 * Sets a Text to `text`, cut with an ellipsis until it is at most `maxWidth` wide. Measured,
 * not counted: a Chinese character is about twice as wide as a Latin one.
 */
export function fitText(
  txt: Phaser.GameObjects.Text,
  text: string,
  maxWidth: number,
): Phaser.GameObjects.Text {
  txt.setText(text);
  for (let n = text.length - 1; txt.width > maxWidth && n > 1; n--) txt.setText(`${text.slice(0, n)}…`);
  return txt;
}

/** How many monospace columns a character takes: two for CJK and full-width forms, else one. */
function columnsOf(ch: string): number {
  return /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
    ch,
  )
    ? 2
    : 1;
}

/**
 * Cuts a line into rows of at most `columns` monospace columns (a Chinese character counts
 * two), so a long kubectl command shows whole in a narrow log; rows after the first are
 * indented by `indent`.
 */
export function wrapColumns(text: string, columns: number, indent = "  "): string[] {
  const rows: string[] = [];
  let row = "";
  let used = 0;
  for (const ch of text) {
    const w = columnsOf(ch);
    if (used + w > columns && row.trim() !== "") {
      rows.push(row);
      row = indent;
      used = indent.length;
    }
    row += ch;
    used += w;
  }
  if (row.trim() !== "" || rows.length === 0) rows.push(row);
  return rows;
}
