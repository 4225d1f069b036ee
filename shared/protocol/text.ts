/**
 * Safe text: what a string from a stranger must be before it reaches the world, the state
 * every client decodes, or a log line. @colyseus/schema mis-encodes lone UTF-16 surrogates
 * (one such name corrupts every other client's decoded state), bidi controls reorder the
 * event lines around them, and invisible characters let `Ada` pose as someone else. So:
 * intent and option fields refuse such characters with a clear error; names lose them.
 * Lengths count characters (code points) of the NFC form, not UTF-16 units.
 */

/**
 * Characters no field may carry: controls (Cc), format characters (Cf: bidi controls,
 * zero-width space/joiners, word joiner, BOM, soft hyphen, tags), private use (Co),
 * unassigned (Cn), lone surrogates (Cs), line/paragraph separators, and every other
 * default-ignorable (invisible) code point: Hangul fillers, variation selectors, the
 * combining grapheme joiner.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, "gu");
/** Bidi controls: embeddings, overrides, isolates, marks (they reorder the text around them). */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** Zero-width characters people use to hide in a name. */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/u;

/** What kind of unsafe character a string holds, for the error sentence. */
export type UnsafeKind =
  | "lone surrogate"
  | "bidi control"
  | "zero-width character"
  | "control character"
  | "private-use character"
  | "unassigned character"
  | "invisible character";

/** The first unsafe character of `s` (its kind and `U+XXXX`), or undefined when `s` is safe. */
export function findUnsafe(s: string): { kind: UnsafeKind; codePoint: string } | undefined {
  const m = UNSAFE.exec(s);
  if (!m) return undefined;
  const ch = m[0];
  const cp = ch.codePointAt(0)!;
  const codePoint = `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  const kind: UnsafeKind =
    cp >= 0xd800 && cp <= 0xdfff
      ? "lone surrogate"
      : BIDI.test(ch)
        ? "bidi control"
        : ZERO_WIDTH.test(ch)
          ? "zero-width character"
          : /\p{Cc}/u.test(ch)
            ? "control character"
            : /\p{Co}/u.test(ch)
              ? "private-use character"
              : /\p{Cn}/u.test(ch)
                ? "unassigned character"
                : "invisible character";
  return { kind, codePoint };
}

/** Whether `s` holds no unsafe character (see {@link findUnsafe}). */
export function isSafeText(s: string): boolean {
  return !UNSAFE.test(s);
}

/** How many characters (code points) `s` has: `"😀"` is 1, not 2. */
export function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * A name as the game shows it: unsafe characters removed (not refused: a name pasted
 * with a stray zero-width space still joins), every kind of space made one plain space,
 * trimmed, NFC. May come back empty (the seat then gets `Player N`).
 */
export function cleanName(raw: string): string {
  // NFC last: removing a character can leave a base letter and a combining mark side by side.
  return raw.replace(UNSAFE_ALL, "").replace(/\s+/gu, " ").trim().normalize("NFC");
}

/**
 * A stranger's string made safe to quote in an error sentence: unsafe characters removed,
 * cut at `max` characters (never inside a surrogate pair).
 */
export function quote(s: string, max = 40): string {
  let out = "";
  let n = 0;
  for (const ch of s.replace(UNSAFE_ALL, "")) {
    if (n++ >= max) break;
    out += ch;
  }
  return out;
}
