/**
 * shared/booth, pure: settings changes (all or nothing), nicknames against the blocklist,
 * the ranking keys, and what a booth round is — its chaos shows at least 3 incidents in a
 * default round over many seeds, and its log check accepts a real solo round and refuses
 * every way a log could differ from one.
 */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_BOOTH_SETTINGS,
  NEVER_RECOVERED,
  ROLE_CHOICE,
  applySettingsPatch,
  boothMatchOptions,
  checkBoothLog,
  checkBoothName,
  compareKeys,
  lastTickOf,
  rankKeys,
  roleFor,
  type BoothSettings,
} from "../../shared/booth";
import { Match, worldFor, type MatchLog } from "../../shared/match";
import { ROLES, scoreOf, type Role } from "../../shared/sim";

const anyZone = () => true;
const SETTINGS: BoothSettings = { ...DEFAULT_BOOTH_SETTINGS };

/** Plays a solo booth round to its end with a visitor idle in `role`; returns the match. */
function playRound(settings: BoothSettings, seed: number, role: Role, act?: (m: Match) => void): Match {
  const m = new Match(boothMatchOptions(settings, seed));
  m.join("visitor", { name: "Ada", role });
  m.start();
  while (m.phase === "running") {
    act?.(m);
    m.tick();
  }
  return m;
}

const copy = (log: MatchLog): MatchLog => JSON.parse(JSON.stringify(log)) as MatchLog;

describe("booth settings", () => {
  it("defaults to the DESIGN's 3-minute round with the player's choice of role", () => {
    expect(SETTINGS.durationSeconds).toBe(180);
    expect(SETTINGS.role).toBe(ROLE_CHOICE);
    expect(roleFor(SETTINGS, "scheduler")).toBe("scheduler");
    expect(roleFor({ role: "service-controller" }, "scheduler")).toBe("service-controller");
  });

  it("applies a valid change and refuses a bad field without changing anything", () => {
    const ok = applySettingsPatch(SETTINGS, { durationSeconds: 30, role: "scheduler" }, anyZone);
    expect(ok).toEqual({ ok: true, value: { ...SETTINGS, durationSeconds: 30, role: "scheduler" } });
    for (const bad of [
      { durationSeconds: 5 },
      { durationSeconds: 30.5 },
      { role: "admin" },
      { difficulty: "insane" },
      { scenario: "nope" },
      { blocklist: "word" },
      { blocklist: ["ok", "\u202eevil"] },
      { colour: "red" },
    ]) {
      const before = JSON.stringify(SETTINGS);
      const r = applySettingsPatch(SETTINGS, { durationSeconds: 60, ...bad }, anyZone);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      expect(JSON.stringify(SETTINGS)).toBe(before);
    }
  });

  it("refuses a patch that is not an object", () => {
    for (const bad of [[], null, "x", 3]) expect(applySettingsPatch(SETTINGS, bad, anyZone).ok).toBe(false);
  });

  it("asks the caller whether a time zone exists", () => {
    const zones = new Set(["Asia/Shanghai"]);
    const known = (tz: string) => zones.has(tz);
    expect(applySettingsPatch(SETTINGS, { timeZone: "Asia/Shanghai" }, known).ok).toBe(true);
    const r = applySettingsPatch(SETTINGS, { timeZone: "Mars/Olympus" }, known);
    expect(r).toEqual({ ok: false, error: expect.stringContaining("timeZone") });
  });
});

describe("booth nicknames", () => {
  const list = ["fuck", "nazi"];
  it("cleans and accepts initials and short nicknames", () => {
    expect(checkBoothName("  A\u200bDA ", list)).toEqual({ ok: true, value: "ADA" });
    expect(checkBoothName("李雷", list)).toEqual({ ok: true, value: "李雷" });
  });
  it("refuses empty, long and non-string names with a sentence", () => {
    for (const bad of ["", "   ", "\u200b", "ABCDEFGHIJKLM", 42, null])
      expect(checkBoothName(bad, list).ok, String(bad)).toBe(false);
  });
  it("refuses a blocked word however it is disguised", () => {
    for (const bad of [
      "FUCK",
      "f.u.c.k",
      "ＦＵＣＫ",
      "xNaZix",
      "N4ZI".replace("4", "A"),
      "nаzi" /* Cyrillic а */,
    ])
      expect(checkBoothName(bad, list), bad).toEqual({
        ok: false,
        error: expect.stringContaining("not allowed"),
      });
    expect(checkBoothName("Nadia", list).ok).toBe(true);
  });
});

describe("booth ranking", () => {
  const r = (availability: number, errorBudget: number, mttr: number | null, incidents = 3) => ({
    availability,
    errorBudget,
    mttr,
    incidents,
  });
  it("ranks availability, then the error budget, then MTTR; never recovering ranks last", () => {
    const order = [r(0.999, 0.9, 20), r(0.999, 0.9, 25), r(0.999, 0.8, 1), r(0.99, 1, 1), r(0.99, 1, null)];
    for (let i = 0; i + 1 < order.length; i++)
      expect(compareKeys(rankKeys(order[i]!), rankKeys(order[i + 1]!)), String(i)).toBeLessThan(0);
    expect(rankKeys(r(0.5, 0, null)).mttr).toBe(NEVER_RECOVERED);
    expect(rankKeys(r(0.5, 0, null, 0)).mttr).toBe(0);
  });
  it("float noise below the share precision is a tie", () => {
    expect(compareKeys(rankKeys(r(0.1 + 0.2, 0.5, 10)), rankKeys(r(0.3, 0.5, 10)))).toBe(0);
  });
});

describe("a booth round", () => {
  it("shows at least 3 incidents in a default round, whatever the seed and the role", () => {
    let fewest = Infinity;
    for (const role of ROLES)
      for (let seed = 1; seed <= 8; seed++) {
        const m = playRound(SETTINGS, seed * 7919, role);
        fewest = Math.min(fewest, scoreOf(m.world, { windowSeconds: 180 }).incidents.length);
      }
    expect(fewest).toBeGreaterThanOrEqual(3);
  });

  it("a real solo round passes the log check, and names its visitor", () => {
    const settings = { ...SETTINGS, durationSeconds: 20 };
    const m = playRound(settings, 5, "scheduler", (match) => {
      if (match.world.tick === 30) match.receive("visitor", "intent", { type: "cordon", node: "node-1" });
      if (match.world.tick === 60) match.receive("visitor", "intent", { type: "uncordon", node: "node-1" });
    });
    expect(m.log.end?.tick).toBe(lastTickOf(20));
    const initial = worldFor(m.log.options).roles;
    expect(m.log.ticks.some((t) => t.intents?.some((q) => q.actor === "Ada"))).toBe(true);
    expect(checkBoothLog(m.log, settings, "scheduler", initial)).toEqual({ ok: true, value: "Ada" });
    // With bots in the other roles too.
    const bots = { ...settings, difficulty: "bots" as const };
    const b = playRound(bots, 6, "service-controller");
    expect(checkBoothLog(b.log, bots, "service-controller", worldFor(b.log.options).roles).ok).toBe(true);
  });

  it("refuses a log that is not a whole booth round", () => {
    const settings = { ...SETTINGS, durationSeconds: 12 };
    const m = playRound(settings, 9, "scheduler");
    const initial = worldFor(m.log.options).roles;
    const refused = (log: MatchLog, role: Role = "scheduler", s = settings) => {
      const r = checkBoothLog(log, s, role, initial);
      return r.ok ? "accepted" : r.error;
    };
    expect(refused(m.log)).toBe("accepted");
    expect(refused(m.log, "scheduler", { ...settings, durationSeconds: 20 })).toMatch(/durationSeconds/);
    expect(refused(m.log, "scheduler", { ...settings, difficulty: "hard" })).toMatch(/difficulty/);
    expect(refused({ ...copy(m.log), options: { ...m.log.options, chaos: false } })).toMatch(/chaos/);
    expect(refused({ ...copy(m.log), end: undefined })).toMatch(/end/);
    expect(refused({ ...copy(m.log), end: { tick: 50, stateHash: "x" } })).toMatch(/end/);
    const injected = copy(m.log);
    injected.ticks.push({ tick: 60, injections: [{ actor: "Ada", type: "pod-kill" }] });
    expect(refused(injected)).toMatch(/injected/);
    // The visitor's own role on autopilot: the sim would play it for them.
    const autopilot = copy(m.log);
    autopilot.ticks[0]!.modes = {};
    expect(refused(autopilot)).toMatch(/modes/);
    const late = copy(m.log);
    late.ticks.push({ tick: 70, modes: { scheduler: "autopilot" } });
    expect(refused(late)).toMatch(/modes changed/);
    const otherRole = copy(m.log);
    otherRole.ticks.push({
      tick: 80,
      intents: [
        {
          actor: "Ada",
          role: "workload-controller",
          intent: { type: "scale", workload: "shop/tomcat", replicas: 3 },
        },
      ],
    } as MatchLog["ticks"][number]);
    expect(refused(otherRole)).toMatch(/workload-controller/);
    const twoPeople = copy(m.log);
    twoPeople.ticks.push(
      {
        tick: 81,
        intents: [{ actor: "Ada", role: "scheduler", intent: { type: "bindPod", pod: "x", node: "node-1" } }],
      },
      {
        tick: 82,
        intents: [{ actor: "Bob", role: "scheduler", intent: { type: "bindPod", pod: "x", node: "node-1" } }],
      },
    );
    expect(refused(twoPeople)).toMatch(/more than one/);
    const flood = copy(m.log);
    const bind = {
      actor: "Ada",
      role: "scheduler" as const,
      intent: { type: "uncordon" as const, node: "node-1" },
    };
    flood.ticks.push({ tick: 84, intents: Array.from({ length: 4 }, () => bind) });
    expect(refused(flood)).toBe("accepted");
    flood.ticks.push({ tick: 85, intents: Array.from({ length: 5 }, () => bind) });
    expect(refused(flood)).toMatch(/more than 4 intents at tick 85/);
    const fakeBot = copy(m.log);
    fakeBot.ticks.push({
      tick: 83,
      intents: [
        { actor: "scheduler-bot", role: "scheduler", intent: { type: "bindPod", pod: "x", node: "node-1" } },
      ],
    });
    expect(refused(fakeBot)).toMatch(/not a bot/);
  });
});
