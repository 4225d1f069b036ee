/** The match log: what enters a match, replayed bit for bit; bad logs refused with a reason. */
import { describe, expect, it } from "vitest";
import { stateHash } from "../../shared/sim";
import { Match, replayLog, validateMatchLog, verifyLog } from "../../shared/match";
import { options } from "./fixtures";

/** A match with a person, a bot, a role given away, an injection and a mode switch. */
function busyMatch(): { m: Match; hashes: string[] } {
  const m = new Match(options({ difficulty: "bots", durationSeconds: 15, seed: 7 }));
  m.join("a", { name: "Ada", role: "workload-controller" });
  m.join("b", { name: "Bob", role: "" });
  m.start();
  const hashes: string[] = [];
  for (let i = 0; m.phase === "running"; i++) {
    if (i === 20) m.receive("a", "inject", { type: "pod-kill", target: "shop/tomcat" });
    if (i === 40) {
      const pod = m.world.store.list("Pod").find((p) => p.metadata.name.startsWith("nginx"))!;
      m.receive("a", "intent", { type: "deletePod", pod: `shop/${pod.metadata.name}` });
    }
    if (i === 60) m.receive("a", "pickRole", { role: "" });
    if (i === 70) m.receive("a", "setMode", { role: "scheduler", mode: "autopilot" });
    if (i === 80) m.receive("b", "pickRole", { role: "service-controller" });
    m.tick();
    hashes.push(stateHash(m.world));
  }
  return { m, hashes };
}

describe("match log", () => {
  it("records modes, injections and every intent (bots' included) and replays to the same hash at every tick", () => {
    const { m, hashes } = busyMatch();
    const log = JSON.parse(JSON.stringify(m.log));
    expect(log.ticks.some((t: { injections?: unknown[] }) => t.injections?.length)).toBe(true);
    expect(log.ticks.some((t: { modes?: object }) => t.modes)).toBe(true);
    const actors = new Set(
      log.ticks.flatMap((t: { intents?: { actor: string }[] }) => (t.intents ?? []).map((q) => q.actor)),
    );
    expect(actors.has("Ada")).toBe(true);
    expect([...actors].some((a) => String(a).endsWith("-bot"))).toBe(true);
    const replayed: string[] = [];
    replayLog(log, (w) => replayed.push(stateHash(w)));
    expect(replayed).toEqual(hashes);
    expect(verifyLog(log)).toMatchObject({ ok: true });
  });

  it("validates a log read from outside and says what is wrong", () => {
    const { m } = busyMatch();
    const good = JSON.parse(JSON.stringify(m.log));
    expect(validateMatchLog(good).ok).toBe(true);
    const cases: [unknown, RegExp][] = [
      [null, /JSON object/],
      [{ ...good, format: 9 }, /format/],
      [{ ...good, options: { ...good.options, scenario: "nope" } }, /unknown scenario/],
      [{ ...good, ticks: [{ tick: 5 }, { tick: 3 }] }, /above the previous/],
      [
        {
          ...good,
          ticks: [{ tick: 1, intents: [{ actor: "x", role: "scheduler", intent: { type: "nuke" } }] }],
        },
        /unknown type/,
      ],
      [{ ...good, ticks: [{ tick: 1, modes: { scheduler: "sideways" } }] }, /role mode/],
      [{ ...good, ticks: [{ tick: 1, injections: [{ actor: "x", type: "meteor" }] }] }, /unknown chaos type/],
      [{ ...good, end: { tick: 0, stateHash: "x" } }, /before the last/],
    ];
    for (const [raw, why] of cases) {
      const v = validateMatchLog(raw);
      expect(v.ok).toBe(false);
      if (!v.ok) expect(v.error.message).toMatch(why);
    }
  });

  it("detects a tampered log: an intent removed changes the final hash", () => {
    const { m } = busyMatch();
    const log = JSON.parse(JSON.stringify(m.log));
    const t = log.ticks.find((x: { intents?: unknown[] }) => x.intents?.length);
    t.intents = [];
    expect(verifyLog(log).ok).toBe(false);
  });
});
