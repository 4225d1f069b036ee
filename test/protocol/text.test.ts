/** Safe text: fields refuse unsafe characters, names lose them, lengths count characters. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  charCount,
  cleanName,
  ErrorCode,
  findUnsafe,
  isSafeText,
  MAX_PLAYER_NAME_LENGTH,
  quote,
  validateInject,
  validateIntent,
  validateRoomOptions,
} from "../../shared/protocol";

/** Characters a stranger may use to break or fake text, one of each kind. */
const NASTY = [
  "\ud800", // lone high surrogate
  "\udfff", // lone low surrogate
  "\u202e", // right-to-left override
  "\u2066", // left-to-right isolate
  "\u200f", // right-to-left mark
  "\u061c", // Arabic letter mark
  "\u200b", // zero-width space
  "\u200d", // zero-width joiner
  "\u2060", // word joiner
  "\ufeff", // byte order mark
  "\u00ad", // soft hyphen
  "\u3164", // Hangul filler (a letter that draws nothing)
  "\u0085", // C1 control
  "\u0007", // C0 control
  "\u2028", // line separator
  "\ue000", // private use
  "\u{e0041}", // tag letter
];

/** Well-formed text laced with nasty characters. */
const laced = fc
  .tuple(
    fc.string({ unit: "grapheme", maxLength: 12 }),
    fc.array(fc.constantFrom(...NASTY), { maxLength: 4 }),
  )
  .map(([s, bad]) => bad.reduce((acc, ch, i) => acc.slice(0, i * 2) + ch + acc.slice(i * 2), s));

describe("safe text", () => {
  it("names each kind of unsafe character with its code point", () => {
    expect(findUnsafe("Ada\ud800")).toEqual({ kind: "lone surrogate", codePoint: "U+D800" });
    expect(findUnsafe("a\u202eb")).toEqual({ kind: "bidi control", codePoint: "U+202E" });
    expect(findUnsafe("a\u200bb")).toEqual({ kind: "zero-width character", codePoint: "U+200B" });
    expect(findUnsafe("a\u0001")).toEqual({ kind: "control character", codePoint: "U+0001" });
    expect(findUnsafe("\ue000")).toEqual({ kind: "private-use character", codePoint: "U+E000" });
    expect(findUnsafe("\u3164")).toEqual({ kind: "invisible character", codePoint: "U+3164" });
    for (const ok of ["Ada", "李雷", "Zoë", "😀", "node-1", "a b", "Müller-Lüdenscheidt"])
      expect(findUnsafe(ok)).toBeUndefined();
    for (const bad of NASTY) expect(isSafeText(`x${bad}y`), JSON.stringify(bad)).toBe(false);
  });

  it("counts characters, not UTF-16 units", () => {
    expect(charCount("😀😀")).toBe(2);
    expect(charCount("李雷")).toBe(2);
    expect("😀😀".length).toBe(4);
  });

  it("cleans names: NFC, unsafe characters stripped, spaces collapsed, trimmed", () => {
    expect(cleanName("Ada\ud800")).toBe("Ada");
    expect(cleanName("\u202eAda\u200b \u00a0 Lovelace\ufeff ")).toBe("Ada Lovelace");
    expect(cleanName("Zoe\u0308")).toBe("Zo\u00eb");
    expect(cleanName("\u200b\u200d\u2060")).toBe("");
    fc.assert(
      fc.property(laced, (s) => {
        const c = cleanName(s);
        expect(isSafeText(c)).toBe(true);
        expect(c).toBe(c.normalize("NFC"));
        expect(c).toBe(c.trim());
      }),
      { numRuns: 300, seed: 1 },
    );
  });

  it("quotes a stranger's string safely: no unsafe character, cut at whole characters", () => {
    expect(quote("a\u202eb")).toBe("ab");
    expect(quote("😀".repeat(50), 3)).toBe("😀😀😀");
  });
});

describe("validators and unsafe text", () => {
  it("refuse any unsafe character in an intent field, with its kind and code point", () => {
    for (const bad of NASTY) {
      const r = validateIntent({ type: "deletePod", pod: `shop/nginx${bad}` });
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(ErrorCode.BAD_PAYLOAD);
        expect(r.error.message).toMatch(/contains a .+ \(U\+[0-9A-F]{4,5}\)/);
      }
    }
    const r = validateIntent({
      type: "setImage",
      workload: "Deployment/shop/nginx",
      container: "nginx",
      image: "nginx\u202e",
    });
    expect(r).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining("bidi control (U+202E)") },
    });
    expect(validateInject({ type: "pod-kill", target: "shop/\u200bmysql" }).ok).toBe(false);
    expect(validateRoomOptions({ scenario: "nmt\ud800" }).ok).toBe(false);
  });

  it("NFC-normalise every field they accept", () => {
    const r = validateIntent({ type: "deletePod", pod: "shop/Zoe\u0308" });
    expect(r).toEqual({ ok: true, value: { type: "deletePod", pod: "shop/Zo\u00eb" } });
  });

  it("count field lengths in characters: 253 emoji pass, 254 do not", () => {
    expect(validateIntent({ type: "deletePod", pod: "😀".repeat(253) }).ok).toBe(true);
    expect(validateIntent({ type: "deletePod", pod: "😀".repeat(254) })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.TOO_LONG },
    });
  });

  it("strip unsafe characters from a join name, and drop a name that becomes empty", () => {
    expect(validateRoomOptions({ name: "Ada\ud800" })).toEqual({ ok: true, value: { name: "Ada" } });
    expect(validateRoomOptions({ name: "\u202eAda\u202c" })).toEqual({ ok: true, value: { name: "Ada" } });
    expect(validateRoomOptions({ name: "\u200b\u200b" })).toEqual({ ok: true, value: {} });
    expect(validateRoomOptions({ name: "😀".repeat(MAX_PLAYER_NAME_LENGTH) }).ok).toBe(true);
    expect(validateRoomOptions({ name: "😀".repeat(MAX_PLAYER_NAME_LENGTH + 1) })).toMatchObject({
      ok: false,
      error: { code: ErrorCode.TOO_LONG },
    });
  });

  it("never let an unsafe character through, whatever Unicode they are given", () => {
    const text = fc.oneof(fc.string({ unit: "binary", maxLength: 30 }), laced);
    fc.assert(
      fc.property(text, (s) => {
        const name = validateRoomOptions({ name: s });
        if (name.ok && name.value.name !== undefined) expect(isSafeText(name.value.name)).toBe(true);
        const intent = validateIntent({ type: "deletePod", pod: s });
        if (intent.ok) {
          expect(isSafeText(s)).toBe(true);
          expect(intent.value).toEqual({ type: "deletePod", pod: s.normalize("NFC") });
        }
      }),
      { numRuns: 1000, seed: 2 },
    );
  });
});
