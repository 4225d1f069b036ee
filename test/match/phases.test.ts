/** Phases: lobby → running → debrief, restart → lobby with a fresh world and a new log. */
import { describe, expect, it } from "vitest";
import { stateHash } from "../../shared/sim";
import { canMove, PHASE_MOVES, worldFor } from "../../shared/match";
import { options, ticks, twoWatchers } from "./fixtures";

describe("phases", () => {
  it("allows each move only from its phases", () => {
    expect(canMove("lobby", "start")).toBe(true);
    expect(canMove("running", "start")).toBe(false);
    expect(canMove("debrief", "end")).toBe(false);
    for (const p of ["lobby", "running", "debrief"] as const) expect(canMove(p, "restart")).toBe(true);
    expect(PHASE_MOVES.end.to).toBe("debrief");
  });

  it("does not step the world in the lobby, and only the host starts", () => {
    const m = twoWatchers();
    ticks(m, 5);
    expect(m.world.tick).toBe(0);
    expect(m.receive("a", "start", {})).toBeUndefined();
    expect(m.receive("a", "start", {})).toMatchObject({ error: { code: "WRONG_PHASE" } });
    ticks(m, 5);
    expect(m.world.tick).toBe(5);
  });

  it("ends in the debrief after the duration, recording the last tick and hash in the log", () => {
    const m = twoWatchers({ durationSeconds: 10 });
    m.start();
    let ended = 0;
    for (let i = 0; i < 150; i++) if (m.tick().ended) ended++;
    expect(ended).toBe(1);
    expect(m.phase).toBe("debrief");
    expect(m.world.tick).toBe(100);
    expect(m.log.end).toEqual({ tick: 100, stateHash: stateHash(m.world) });
    expect(m.receive("a", "intent", { type: "cordon", node: "node-1" })).toMatchObject({
      error: { code: "WRONG_PHASE" },
    });
  });

  it("restarts into a fresh world from the same seed, a new round and an empty log; seats and roles stay", () => {
    const m = twoWatchers({ durationSeconds: 10 });
    m.receive("b", "pickRole", { role: "scheduler" });
    m.start();
    ticks(m, 30);
    const v = m.version;
    expect(m.receive("a", "restart", {})).toBeUndefined();
    expect(m.version).toBeGreaterThan(v);
    expect(m.phase).toBe("lobby");
    expect(m.round).toBe(2);
    expect(m.log).toMatchObject({ round: 2, ticks: [] });
    expect(stateHash(m.world)).toBe(stateHash(worldFor(options({ durationSeconds: 10 }))));
    expect(m.seats.get("b")?.role).toBe("scheduler");
    m.start();
    for (let i = 0; i < 100; i++) m.tick();
    expect(m.phase).toBe("debrief");
  });
});
