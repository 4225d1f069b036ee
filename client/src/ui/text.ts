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
