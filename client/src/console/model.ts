/**
 * The kubectl console's state, without the DOM: the command history (↑/↓ as a shell walks
 * it), Tab completion (one candidate completes, several complete their common prefix and are
 * listed), the output kept (the last {@link MAX_CONSOLE_LINES} lines), and the intents of
 * written commands whose results are still to come (their confirmations print when they do).
 */
import type { Intent } from "../../../shared/sim";

/** Output lines the console keeps (older ones scroll away). */
export const MAX_CONSOLE_LINES = 500;
/** Commands the history remembers. */
export const MAX_HISTORY = 100;

/** How a line of output reads: what was typed, kubectl's stdout, an error, a confirmation, a note. */
export type ConsoleLineKind = "input" | "out" | "err" | "warn" | "ok" | "note";

/** One line of output. */
export interface ConsoleLine {
  kind: ConsoleLineKind;
  text: string;
}

/** The candidates for the word under the cursor and the span they replace (`kubectlCompletion`). */
export interface Completion {
  from: number;
  to: number;
  candidates: string[];
}

/** The longest prefix every string shares. */
export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return "";
  let p = words[0]!;
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/**
 * A completion applied to a line: one candidate replaces the word (and a space follows, as a
 * shell does, unless it ends in `=` or `/`); several replace it with their common prefix
 * (when longer than the word) and are returned to be listed.
 */
export function applyCompletion(
  line: string,
  c: Completion,
): { line: string; cursor: number; listed: string[] } {
  const from = Math.max(0, Math.min(c.from, line.length));
  const to = Math.max(from, Math.min(c.to, line.length));
  const word = line.slice(from, to);
  if (c.candidates.length === 0) return { line, cursor: to, listed: [] };
  const only = c.candidates.length === 1 ? c.candidates[0]! : undefined;
  let insert = only ?? commonPrefix(c.candidates);
  if (only === undefined && insert.length < word.length) insert = word;
  if (only !== undefined && !/[=/]$/.test(only) && line[to] !== " ") insert += " ";
  const next = line.slice(0, from) + insert + line.slice(to);
  return { line: next, cursor: from + insert.length, listed: only !== undefined ? [] : c.candidates };
}

/** Whether a command line reads its input from stdin (`-f -`, `--filename=-`) and brings none (no `<<<` here-string): the console asks for YAML. */
export function readsStdin(line: string): boolean {
  return /(^|\s)(-f|--filename)(\s+|=)-(\s|$)/.test(line) && !line.includes("<<<");
}

/** JSON with every object's keys sorted (an intent's fields may arrive in any order). */
function canonical(v: unknown): string {
  if (v === null || typeof v !== "object") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(",")}}`;
}

/** The UTF-8 size of a console message's line and stdin (what the WebSocket frame carries). */
export function messageBytes(line: string, stdin = ""): number {
  return new TextEncoder().encode(line + stdin).length;
}

/** Whether two intents are the same request (what an `intentResult` answers). */
export function sameIntent(a: Intent, b: Intent): boolean {
  return canonical(a) === canonical(b);
}

/** The console's state. */
export class ConsoleModel {
  /** Output, oldest first. */
  readonly lines: ConsoleLine[] = [];
  /** Commands run, oldest first. */
  readonly history: string[] = [];
  /** Intents sent by console commands whose `intentResult` has not arrived yet. */
  readonly pending: Intent[] = [];
  /** Where ↑/↓ stand in the history (`history.length`: the line being typed). */
  private at = 0;
  /** What was being typed before ↑ walked into the history. */
  private draft = "";

  /** Adds kubectl's stderr: its `Warning: …` lines as warnings, the rest as errors. */
  printStderr(text: string): void {
    for (const row of text.replace(/\n$/, "").split("\n"))
      this.print(row.startsWith("Warning: ") ? "warn" : "err", row);
  }

  /** Adds output (each `\n`-separated line), keeping the last {@link MAX_CONSOLE_LINES}. */
  print(kind: ConsoleLineKind, text: string): void {
    const rows = text.replace(/\n$/, "").split("\n");
    for (const row of rows) this.lines.push({ kind, text: row });
    if (this.lines.length > MAX_CONSOLE_LINES) this.lines.splice(0, this.lines.length - MAX_CONSOLE_LINES);
  }

  /** Remembers a command run (not a repeat of the last one, not a blank line) and resets ↑/↓. */
  remember(line: string): void {
    const l = line.trim();
    if (l && this.history[this.history.length - 1] !== l) this.history.push(l);
    if (this.history.length > MAX_HISTORY) this.history.splice(0, this.history.length - MAX_HISTORY);
    this.at = this.history.length;
    this.draft = "";
  }

  /** ↑ (`-1`) or ↓ (`+1`) from the line being typed: the line to show instead. */
  walk(step: -1 | 1, typed: string): string {
    if (this.at === this.history.length) this.draft = typed;
    this.at = Math.max(0, Math.min(this.history.length, this.at + step));
    return this.at === this.history.length ? this.draft : this.history[this.at]!;
  }

  /** Marks intents as waiting for their results. */
  await(intents: readonly Intent[]): void {
    this.pending.push(...intents);
  }

  /** Whether a result answers a console command's intent (it is then no longer pending). */
  settle(intent: Intent): boolean {
    const i = this.pending.findIndex((p) => sameIntent(p, intent));
    if (i < 0) return false;
    this.pending.splice(i, 1);
    return true;
  }

  /** Forgets the output. */
  clear(): void {
    this.lines.length = 0;
  }
}
