/** Every string exists in English and Simplified Chinese, with the same placeholders. */
import { describe, expect, it } from "vitest";
import { CONCEPTS } from "../../client/src/concepts";
import { en } from "../../client/src/i18n/en";
import { format, TABLES } from "../../client/src/i18n";
import { zh } from "../../client/src/i18n/zh";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("i18n", () => {
  it("zh has exactly the keys of en, none empty", () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(zh)) expect(v.trim(), k).not.toBe("");
    for (const [k, v] of Object.entries(en)) expect(v.trim(), k).not.toBe("");
  });

  it("every translation keeps the English placeholders", () => {
    for (const k of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(zh[k]), k).toEqual(placeholders(en[k]));
    }
  });

  it("Chinese strings are translated (contain CJK) except names that stay the same", () => {
    const sameOk = new Set(["result.ok"]);
    for (const k of Object.keys(en) as (keyof typeof en)[]) {
      if (sameOk.has(k) || /^concept\.\w+\.title$/.test(k)) continue;
      expect(zh[k], k).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("every concept card has a title and a body in both languages", () => {
    for (const c of CONCEPTS) {
      for (const table of Object.values(TABLES)) {
        expect(table[`concept.${c}.title` as keyof typeof en], c).toBeTruthy();
        expect(table[`concept.${c}.body` as keyof typeof en].length, c).toBeGreaterThan(40);
      }
    }
  });

  it("format fills placeholders and leaves unknown ones", () => {
    expect(format("Time {time} of {x}", { time: 3 })).toBe("Time 3 of {x}");
  });
});
