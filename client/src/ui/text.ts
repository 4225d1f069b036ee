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
