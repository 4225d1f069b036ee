/** LogCursor: a log replayed one tick at a time, sought back and forth, and past its last input when it has no end. */
import { describe, expect, it } from "vitest";
import { stateHash } from "../../shared/sim";
import { LogCursor, Match, replayLog } from "../../shared/match";
import { options } from "./fixtures";

function played(): { m: Match; hashes: string[] } {
  const m = new Match(options({ difficulty: "bots", durationSeconds: 12, seed: 4 }));
  m.join("a", { name: "Ada", role: "" });
  m.start();
  const hashes = [stateHash(m.world)];
  for (let i = 0; m.phase === "running"; i++) {
    if (i === 15) m.inject("Ada", "pod-kill", "shop/nginx");
    m.tick();
    hashes.push(stateHash(m.world));
  }
  return { m, hashes };
}

describe("LogCursor", () => {
  const { m, hashes } = played();
  const log = JSON.parse(JSON.stringify(m.log));

  it("steps the live match's worlds, tick by tick, and stops at the end", () => {
    const c = new LogCursor(log);
    expect(c.lastTick).toBe(120);
    for (let tick = 1; tick <= 120; tick++) {
      expect(c.advance()).toBe(true);
      expect(stateHash(c.world), `tick ${tick}`).toBe(hashes[tick]);
    }
    expect(c.advance()).toBe(false);
    expect(c.world.tick).toBe(120);
  });

  it("seeks back (from the start again) and forward to the same worlds, clamped to 0…lastTick", () => {
    const c = new LogCursor(log);
    for (const tick of [90, 10, 11, 120, 0, 64])
      expect(stateHash(c.seek(tick)), `${tick}`).toBe(hashes[tick]);
    expect(c.seek(500).tick).toBe(120);
    expect(c.seek(-1).tick).toBe(0);
  });

  it("runs a log with no end (a round cut short) up to the tick asked, past its last input", () => {
    // Cut after an input that is followed by quiet ticks: the round died in the quiet.
    const ticks: { tick: number }[] = log.ticks;
    const i = ticks.findIndex((t, k) => k + 1 < ticks.length && ticks[k + 1]!.tick - t.tick >= 3);
    expect(i).toBeGreaterThanOrEqual(0);
    const lastInput = ticks[i]!.tick;
    const target = ticks[i + 1]!.tick - 1;
    const cut = { ...log, ticks: ticks.slice(0, i + 1) };
    delete cut.end;
    expect(new LogCursor(cut).lastTick).toBe(lastInput);
    const c = new LogCursor(cut, target);
    expect(c.lastTick).toBe(target);
    expect(target).toBeGreaterThan(lastInput);
    expect(stateHash(c.seek(target))).toBe(hashes[target]);
    // With an end, the end bounds the replay whatever is asked.
    expect(new LogCursor(log, 500).lastTick).toBe(120);
    expect(stateHash(replayLog(log, undefined, 30))).toBe(hashes[30]);
  });
});
