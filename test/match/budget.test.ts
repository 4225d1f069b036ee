/** The per-connection budget: token buckets, coalesced replies, over-budget spells, lobby actions. */
import { describe, expect, it } from "vitest";
import { BUDGET, Coalescer, ConnectionBudget, TokenBucket } from "../../shared/match";

describe("token bucket", () => {
  it("lets a burst through, then the rate, and refills with time", () => {
    const b = new TokenBucket(10, 5);
    let ok = 0;
    for (let i = 0; i < 20; i++) if (b.take(0)) ok++;
    expect(ok).toBe(5);
    expect(b.take(0.05)).toBe(false); // half a token
    expect(b.take(0.1)).toBe(true);
    expect(b.level(100)).toBe(5); // never above the burst
  });

  it("takes nothing when short, and a clock that goes back refills nothing", () => {
    const b = new TokenBucket(1, 3);
    expect(b.take(0, 4)).toBe(false);
    expect(b.level(0)).toBe(3);
    expect(b.take(10, 3)).toBe(true);
    expect(b.level(5)).toBe(0);
  });
});

describe("coalescer", () => {
  it("answers a burst one by one, then once per second per key with the count held back", () => {
    const c = new Coalescer<string>(1, 2);
    expect([c.offer("A", 0), c.offer("A", 0), c.offer("A", 0), c.offer("A", 0.5)]).toEqual([1, 1, 0, 0]);
    expect(c.offer("B", 0.5)).toBe(1); // another key has its own rate
    expect(c.offer("A", 1)).toBe(3); // stands for itself and the two held back
    expect(c.offer("A", 1.2)).toBe(0);
    expect(c.due(1.5)).toEqual([]);
    expect(c.due(2.1)).toEqual([["A", 1]]);
    expect(c.due(5)).toEqual([]);
  });
});

describe("connection budget", () => {
  it("admits ordinary play: a message every 100 ms for a minute", () => {
    const b = new ConnectionBudget();
    for (let t = 0; t < 60; t += 0.1) expect(b.admitFrame(t, 200)).toBe("ok");
  });

  it("admits a burst, refuses a flood, and kicks a flood that lasts", () => {
    const b = new ConnectionBudget();
    const verdicts: string[] = [];
    // 1,000 messages a second for 5 s.
    for (let i = 0; i < 5000; i++) verdicts.push(b.admitFrame(i / 1000, 20));
    expect(verdicts.slice(0, BUDGET.messageBurst).every((v) => v === "ok")).toBe(true);
    expect(verdicts[BUDGET.messageBurst]).toBe("refused");
    const firstKick = verdicts.indexOf("kick") / 1000;
    expect(firstKick).toBeGreaterThanOrEqual(BUDGET.overBudgetSeconds);
    expect(firstKick).toBeLessThan(BUDGET.overBudgetSeconds + 0.2);
    // Before the kick about the sustained rate got through, no more.
    const admitted = verdicts.slice(0, 3000).filter((v) => v === "ok").length;
    expect(admitted).toBeLessThanOrEqual(BUDGET.messageBurst + 3 * BUDGET.messagesPerSecond);
  });

  it("counts bytes too: 4 KiB frames at 10 a second are over the byte budget", () => {
    const b = new ConnectionBudget();
    const verdicts = Array.from({ length: 60 }, (_, i) => b.admitFrame(i / 10, 4096));
    expect(verdicts.slice(0, 8).every((v) => v === "ok")).toBe(true);
    expect(verdicts).toContain("refused");
    expect(verdicts).toContain("kick");
  });

  it("forgives a short burst: refusals with a calm second between them never add up to a kick", () => {
    const b = new ConnectionBudget();
    for (let round = 0; round < 10; round++) {
      const t0 = round * 4;
      // 100 messages in 100 ms, then quiet.
      for (let i = 0; i < 100; i++) expect(b.admitFrame(t0 + i / 1000, 20)).not.toBe("kick");
    }
  });

  it("limits lobby actions that take effect to a few per second; refused ones cost nothing", () => {
    const b = new ConnectionBudget();
    const act = (t: number) => b.lobbyActionAllowed(t) && (b.lobbyActionTaken(t), true);
    const first = Array.from({ length: 20 }, () => act(0)).filter(Boolean).length;
    expect(first).toBe(BUDGET.lobbyActionBurst);
    const second = Array.from({ length: 100 }, (_, i) => act(1 + i / 100)).filter(Boolean).length;
    expect(second).toBeLessThanOrEqual(BUDGET.lobbyActionsPerSecond + 1);
    const fresh = new ConnectionBudget();
    for (let i = 0; i < 50; i++) expect(fresh.lobbyActionAllowed(0)).toBe(true); // asked, never charged
  });
});
