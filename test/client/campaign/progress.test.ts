/** Campaign progress in localStorage: won levels are kept, sorted and deduplicated; bad or missing storage means no progress, never a throw. */
import { afterEach, describe, expect, it } from "vitest";
import { markWon, wonLevels } from "../../../client/src/campaign/progress";

const KEY = "reconcile.campaign.won";

function fakeStorage(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    map: m,
  };
}

const g = globalThis as { localStorage?: unknown };

afterEach(() => {
  delete g.localStorage;
});

describe("campaign progress", () => {
  it("keeps each won level once, in name order", () => {
    const s = fakeStorage();
    g.localStorage = s;
    expect([...wonLevels()]).toEqual([]);
    markWon("services");
    markWon("scheduler");
    markWon("services");
    expect(s.map.get(KEY)).toBe('["scheduler","services"]');
    expect([...wonLevels()].sort()).toEqual(["scheduler", "services"]);
  });

  it("reads garbage or no storage as no progress", () => {
    g.localStorage = fakeStorage({ [KEY]: "{not json" });
    expect(wonLevels().size).toBe(0);
    g.localStorage = fakeStorage({ [KEY]: '[1, "dns", null]' });
    expect([...wonLevels()]).toEqual(["dns"]);
    delete g.localStorage;
    expect(wonLevels().size).toBe(0);
    expect(() => markWon("dns")).not.toThrow();
  });
});
