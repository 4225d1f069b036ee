/**
 * Nicknames on the board: safe text (the game's name cleaning), 1 to MAX_BOOTH_NAME
 * characters, and no blocked word — compared folded (case, Unicode lookalikes such as
 * `0` for `o` or Cyrillic letters, and with spaces and punctuation removed), so `F.U.C.K`
 * or `ＦＵＣＫ` are refused like the plain word.
 */
import { foldKey } from "../match";
import { charCount, cleanName } from "../protocol";
import type { BoothCheck } from "./settings";
import { MAX_BOOTH_NAME } from "./types";

/**
 * `s` folded for the blocklist: lower case first (the confusable skeleton maps `I` to `l`
 * but leaves `i`), then lookalikes and case folded, only letters and digits kept.
 */
export function blockKey(s: string): string {
  return foldKey(s.normalize("NFKC").toLowerCase()).replace(/[^\p{L}\p{N}]/gu, "");
}

/** The name as the board shows it, or why it is refused. */
export function checkBoothName(raw: unknown, blocklist: readonly string[]): BoothCheck<string> {
  if (typeof raw !== "string") return { ok: false, error: "name must be a string" };
  const name = cleanName(raw);
  const n = charCount(name);
  if (n === 0) return { ok: false, error: "name is empty: type your initials or a nickname" };
  if (n > MAX_BOOTH_NAME) return { ok: false, error: `name is longer than ${MAX_BOOTH_NAME} characters` };
  const key = blockKey(name);
  for (const word of blocklist) {
    const w = blockKey(word);
    if (w && key.includes(w)) return { ok: false, error: "that name is not allowed here: try another" };
  }
  return { ok: true, value: name };
}
