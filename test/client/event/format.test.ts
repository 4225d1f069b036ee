/** How the competition screens write shares, seconds and missing values, and which headings may wrap anywhere. */
import { describe, expect, it } from "vitest";
import { NONE, hasCjk, percent, seconds } from "../../../client/src/event/format";

describe("format", () => {
  it("writes shares, seconds and missing values", () => {
    expect(percent(0.99123)).toBe("99.12%");
    expect(percent(1, 0)).toBe("100%");
    expect(percent(null)).toBe(NONE);
    expect(seconds(12.345)).toBe("12.3 s");
    expect(seconds(null)).toBe(NONE);
    expect(hasCjk("当前故障")).toBe(true);
    expect(hasCjk("Open now")).toBe(false);
  });
});
