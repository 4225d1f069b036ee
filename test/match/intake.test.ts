/** Intake: phase, role and rate checks on arrival; the role re-checked when the tick applies it. */
import { describe, expect, it } from "vitest";
import { MAX_INTENTS_PER_TICK } from "../../shared/protocol";
import { stateHash } from "../../shared/sim";
import { Match } from "../../shared/match";
import { options, twoWatchers } from "./fixtures";

const podOf = (m: Match, prefix: string) =>
  m.world.store.list("Pod").find((p) => p.metadata.name.startsWith(prefix))!;
const deleteNginx = (m: Match) => ({ type: "deletePod", pod: `shop/${podOf(m, "nginx").metadata.name}` });

describe("intake", () => {
  it("refuses intents outside the running phase", () => {
    const m = twoWatchers();
    m.receive("a", "pickRole", { role: "workload-controller" });
    expect(m.receive("a", "intent", deleteNginx(m))).toMatchObject({
      error: { code: "WRONG_PHASE", ref: "intent" },
    });
  });

  it("refuses a watcher with NO_ROLE and a wrong role with an intent result naming the role", () => {
    const m = twoWatchers();
    m.receive("a", "pickRole", { role: "scheduler" });
    m.start();
    expect(m.receive("b", "intent", deleteNginx(m))).toMatchObject({ error: { code: "NO_ROLE" } });
    const r = m.receive("a", "intent", deleteNginx(m));
    expect(r).toMatchObject({ intentResult: { ok: false, code: "WRONG_ROLE", actor: "Ada" } });
    expect(r && "intentResult" in r && r.intentResult.message).toMatch(/workload-controller/);
  });

  it("answers malformed and unknown messages with a coded error and changes nothing", () => {
    const m = twoWatchers();
    m.start();
    const before = stateHash(m.world);
    expect(m.receive("a", "intent", { type: "deletePod" })).toMatchObject({ error: { code: "BAD_PAYLOAD" } });
    expect(m.receive("a", "intent", { type: "explode" })).toMatchObject({
      error: { code: "UNKNOWN_INTENT" },
    });
    expect(m.receive("a", "teleport", {})).toMatchObject({ error: { code: "UNKNOWN_MESSAGE" } });
    expect(m.receive("a", "pickRole", { role: "admin" })).toMatchObject({ error: { code: "BAD_PAYLOAD" } });
    expect(m.receive("a", "start", { now: true })).toMatchObject({ error: { code: "BAD_PAYLOAD" } });
    expect(m.receive("b", "restart", {})).toMatchObject({ error: { code: "NOT_HOST" } });
    expect(m.receive("b", "inject", { type: "pod-kill" })).toMatchObject({ error: { code: "NOT_HOST" } });
    expect(m.receive("nobody", "start", {})).toMatchObject({ error: { code: "NOT_HOST" } });
    expect(stateHash(m.world)).toBe(before);
  });

  it(`rate-limits a seat to ${MAX_INTENTS_PER_TICK} messages per tick`, () => {
    const m = twoWatchers();
    m.receive("a", "pickRole", { role: "scheduler" });
    m.start();
    const cordon = { type: "cordon", node: "node-1" };
    for (let i = 0; i < MAX_INTENTS_PER_TICK; i++) expect(m.receive("a", "intent", cordon)).toBeUndefined();
    expect(m.receive("a", "intent", cordon)).toMatchObject({ error: { code: "RATE_LIMITED" } });
    m.tick();
    expect(m.receive("a", "intent", cordon)).toBeUndefined();
  });

  it("re-checks the role when the tick applies the intent: given away in between, it is refused and never reaches the world", () => {
    const m = twoWatchers();
    m.receive("a", "pickRole", { role: "workload-controller" });
    m.start();
    m.tick();
    const intent = deleteNginx(m);
    expect(m.receive("a", "intent", intent)).toBeUndefined();
    m.receive("a", "pickRole", { role: "" });
    const out = m.tick();
    expect(out.deliveries).toEqual([
      expect.objectContaining({
        seatId: "a",
        type: "intentResult",
        payload: expect.objectContaining({ ok: false, code: "WRONG_ROLE" }),
      }),
    ]);
    expect(m.world.store.get("Pod", intent.pod)).toBeDefined();
    expect(m.log.ticks.flatMap((t) => t.intents ?? [])).toEqual([]);
  });

  it("delivers each result to its sender after the tick, and logs the intent with its actor and role", () => {
    const m = new Match(options());
    m.join("a", { name: "Ada", role: "workload-controller" });
    m.start();
    m.tick();
    const intent = deleteNginx(m);
    m.receive("a", "intent", intent);
    const out = m.tick();
    expect(out.deliveries).toEqual([
      expect.objectContaining({
        seatId: "a",
        type: "intentResult",
        payload: expect.objectContaining({ ok: true }),
      }),
    ]);
    expect(m.world.store.get("Pod", intent.pod)?.metadata.deletionTimestamp ?? "gone").toBeDefined();
    expect(m.log.ticks.at(-1)?.intents).toEqual([{ actor: "Ada", role: "workload-controller", intent }]);
  });
});
