/**
 * The word wrap that breaks Chinese: lines never exceed the width, Chinese breaks between
 * characters, Latin words stay whole, closing punctuation never starts a line, and the text
 * is kept (only the break points change).
 */
import { describe, expect, it } from "vitest";
import { wrapLines } from "../../client/src/ui/cjkWrap";

/** Width in "cells": a CJK character counts 2, anything else 1 (like a monospace CJK font). */
const cells = (s: string) =>
  [...s].reduce((n, ch) => n + (/[\u2e80-\u9fff\uff00-\uffef\u3000-\u303f“”]/.test(ch) ? 2 : 1), 0);

describe("wrapLines", () => {
  it("breaks a Chinese sentence between characters, within the width", () => {
    const text = "新的 POD 在“未调度”托盘里等待。把它们拖到节点上，或按 P 再按 1–3。";
    const lines = wrapLines(text, 20, cells);
    for (const l of lines) expect(cells(l), l).toBeLessThanOrEqual(20);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines[0]!.startsWith("新的 POD 在")).toBe(true);
    expect(lines.join("").replace(/\s/g, "")).toBe(text.replace(/\s/g, ""));
  });

  it("keeps Latin words whole and never starts a line with closing punctuation", () => {
    const lines = wrapLines("Pods die; Services and DNS keep the shop reachable.", 12, cells);
    expect(lines).toEqual(["Pods die;", "Services and", "DNS keep the", "shop", "reachable."]);
    const zh = wrapLines("选中工作负载，按 N", 10, cells);
    for (const l of zh) expect(/^[，。]/.test(l), l).toBe(false);
  });

  it("keeps explicit line breaks", () => {
    expect(wrapLines("a b\nc", 80, cells)).toEqual(["a b", "c"]);
  });
});
