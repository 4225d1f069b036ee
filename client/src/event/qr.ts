/**
 * A team's join URL as a QR code: the `qrcode` library computes the modules in the page (no
 * network, no image URL, so the page's CSP needs nothing more) and the console draws them
 * as squares. Medium error correction: a phone still reads a code projected on a wall.
 */
import QRCode from "qrcode";

/** The QR modules of a text: `size` × `size`, `dark(row, col)` true for a black square. */
export interface QrModules {
  size: number;
  dark: (row: number, col: number) => boolean;
}

/** The modules encoding `text`. */
export function qrModules(text: string): QrModules {
  const m = QRCode.create(text, { errorCorrectionLevel: "M" }).modules;
  return { size: m.size, dark: (r, c) => m.get(r, c) === 1 };
}

/** Something QR squares can be drawn on (a Phaser Graphics). */
export interface QrCanvas {
  fillStyle(color: number, alpha?: number): unknown;
  fillRect(x: number, y: number, w: number, h: number): unknown;
}

/** Draws a QR code with its quiet zone (4 modules) into a `px`-wide square at (x, y). */
export function drawQr(g: QrCanvas, qr: QrModules, x: number, y: number, px: number): void {
  const cells = qr.size + 8;
  const cell = px / cells;
  g.fillStyle(0xffffff, 1);
  g.fillRect(x, y, px, px);
  g.fillStyle(0x000000, 1);
  for (let r = 0; r < qr.size; r++)
    for (let c = 0; c < qr.size; c++)
      if (qr.dark(r, c)) g.fillRect(x + (c + 4) * cell, y + (r + 4) * cell, cell + 0.25, cell + 0.25);
}
