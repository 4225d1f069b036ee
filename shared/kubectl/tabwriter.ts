/**
 * Go's text/tabwriter, which kubectl prints its tables and descriptions through: cells end
 * at a tab, a column is as wide as its widest cell plus padding (at least `minWidth`) over
 * each block of consecutive lines that have a cell in it, and a line's last cell (the text
 * after its last tab) is never padded. Ported from the Go source (`Writer.format`).
 */

/** tabwriter.NewWriter's minwidth and padding (kubectl pads with spaces, aligns left). */
export interface TabOptions {
  minWidth: number;
  padding: number;
}

/** kubectl get's table writer (cli-runtime's printers.GetNewTabWriter: minwidth 6, padding 3). */
export const TABLE: TabOptions = { minWidth: 6, padding: 3 };
/** kubectl describe's writer (tabwriter.NewWriter(out, 0, 8, 2, ' ', 0)). */
export const DESCRIBE: TabOptions = { minWidth: 0, padding: 2 };

/** Aligns text whose cells are separated by tabs (lines by `\n`) as Go's tabwriter does. */
export function tabwrite(text: string, opts: TabOptions): string {
  const trailingNewline = text.endsWith("\n");
  const lines = (trailingNewline ? text.slice(0, -1) : text).split("\n").map((l) => l.split("\t"));
  const out: string[] = [];
  const widths: number[] = [];
  const width = (s: string) => [...s].length;

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!;
      let s = "";
      cells.forEach((c, j) => {
        s += c;
        if (j < widths.length && j < cells.length - 1) s += " ".repeat(Math.max(0, widths[j]! - width(c)));
      });
      out.push(s);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t]!.length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let w = opts.minWidth;
      for (; t < line1; t++) {
        const cells = lines[t]!;
        if (column >= cells.length - 1) break;
        w = Math.max(w, width(cells[column]!) + opts.padding);
      }
      widths.push(w);
      format(line0, t);
      widths.pop();
      line0 = t;
      // The outer loop's t++ would skip line t, which ended the block: look at it again.
      t--;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join("\n") + (trailingNewline ? "\n" : "");
}

/** Rows of cells as kubectl get prints them (header first). */
export function table(rows: readonly (readonly string[])[]): string {
  return tabwrite(rows.map((r) => r.join("\t")).join("\n") + "\n", TABLE);
}
