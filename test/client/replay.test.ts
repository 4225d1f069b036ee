/**
 * The browser's replay: the view it builds from a re-simulated world equals the view the
 * client builds from the server's real projection of that world; the player reaches the
 * stored hash, seeks back and forth to the same worlds, places every mark on the tick that
 * first shows it, and plays at its speeds.
 */
import { describe, expect, it } from "vitest";
import { Match, replayLog, type MatchLog } from "../../shared/match";
import { stateHash } from "../../shared/sim";
import { Projector } from "../../server/rooms/project";
import { MatchState } from "../../server/rooms/schema/MatchState";
import { toMatchView, type MatchView } from "../../client/src/net/view";
import { ReplayPlayer } from "../../client/src/replay/player";
import { worldView } from "../../client/src/replay/worldView";
import { options } from "../match/fixtures";

/** A bots match with injected faults, played to its end; its log as stored (plain JSON). */
function storedLog(): MatchLog {
  const m = new Match(options({ difficulty: "bots", durationSeconds: 30, seed: 3 }));
  m.join("a", { name: "Ada", role: "" });
  m.start();
  for (let i = 0; m.phase === "running"; i++) {
    if (i === 30) m.inject("Ada", "pod-kill", "shop/tomcat");
    if (i === 120) m.inject("Ada", "node-crash", "node-2");
    m.tick();
  }
  return JSON.parse(JSON.stringify(m.log)) as MatchLog;
}

const SEATS = [{ name: "Ada", actor: "Ada", role: "", isBot: false }];
const log = storedLog();

/** The cluster part of a view (what both paths must agree on). */
function cluster(v: MatchView) {
  return {
    nodes: v.nodes,
    pods: v.pods,
    services: v.services,
    workloads: v.workloads,
    pvcs: v.pvcs,
    dns: v.dns.map((r) => ({ name: r.name, ips: r.ips })),
  };
}

describe("replay in the browser", () => {
  it("draws from the same view the server's projection gives the client, tick after tick", () => {
    const projector = new Projector();
    const state = new MatchState();
    let checked = 0;
    replayLog(log, (world) => {
      if (world.tick % 25 !== 0) return;
      projector.project(state, world, { hash: false, windowSeconds: 30 });
      const live = toMatchView(state);
      const replay = worldView(world, {
        options: log.options,
        code: "TN9U",
        round: 1,
        seats: SEATS,
        dnsChangedAt: new Map(),
        traffic: [],
      });
      expect(cluster(replay), `tick ${world.tick}`).toEqual(cluster(live));
      expect(Math.fround(replay.availability.overall)).toBe(live.availability.overall);
      expect(Math.fround(replay.availability.errorBudget)).toBe(live.availability.errorBudget);
      expect(replay.score.teamPoints).toBe(live.score.teamPoints);
      expect(replay.incidents.map((i) => i.cause)).toEqual(live.incidents.map((i) => i.cause));
      expect(replay.events.map((e) => e.seq)).toEqual(live.events.map((e) => e.seq).slice(-30));
      checked++;
    });
    expect(checked).toBe(12);
  });

  it("ends on the stored hash (✓) and says so only when a hash was stored", () => {
    const p = new ReplayPlayer(log, { code: "TN9U", seats: SEATS, storedHash: log.end!.stateHash });
    expect(p.lastTick).toBe(300);
    expect(p.finalHash).toBe(log.end!.stateHash);
    expect(p.verified).toBe(true);
    expect(new ReplayPlayer(log, { code: "TN9U", seats: SEATS, storedHash: "deadbeef" }).verified).toBe(
      false,
    );
    expect(new ReplayPlayer(log, { code: "TN9U", seats: SEATS }).verified).toBeUndefined();
    expect(p.timeline).toHaveLength(30);
    expect(p.tick).toBe(0);
  });

  it("seeks forward and back to the world the match had at that tick", () => {
    const p = new ReplayPlayer(log, { code: "TN9U", seats: SEATS });
    for (const tick of [200, 50, 51, 300, 0, 137]) {
      p.seek(tick);
      expect(p.tick).toBe(tick);
      expect(p.stateHash(), `tick ${tick}`).toBe(stateHash(replayLog(log, undefined, tick)));
    }
    p.seek(10_000);
    expect(p.tick).toBe(300);
    p.seek(-5);
    expect(p.tick).toBe(0);
  });

  it("puts every chaos and action mark on the first tick whose world shows it", () => {
    const p = new ReplayPlayer(log, { code: "TN9U", seats: SEATS });
    const chaos = p.marks.filter((m) => m.kind === "chaos");
    expect(chaos.map((m) => m.label)).toEqual(
      expect.arrayContaining([expect.stringContaining("shop/tomcat"), expect.stringContaining("node-2")]),
    );
    const intents = p.marks.filter((m) => m.kind === "intent");
    expect(intents.length).toBeGreaterThan(0);
    // An action reads as who did what (its kubectl line), not "Intent Intent/<type>".
    for (const m of intents)
      expect(m.label).toMatch(/^\S+ \([a-z-]+\): (.*kubectl |[a-zA-Z]+ \(by hand; in a real cluster )/);
    const shows = (tick: number, m: { time: number; label: string }) =>
      replayLog(log, undefined, tick).events.some(
        (e) => e.time === m.time && `${e.type} ${e.object}`.trim() === m.label,
      );
    for (const m of chaos) {
      expect(shows(m.tick, m), m.label).toBe(true);
      expect(shows(m.tick - 1, m), m.label).toBe(false);
    }
  });

  it("plays at ×1, ×4 and ×16 game seconds per second and stops at the end", () => {
    const p = new ReplayPlayer(log, { code: "TN9U", seats: SEATS });
    expect(p.update(1000)).toBe(false);
    p.toggle();
    p.update(1000);
    expect(p.tick).toBe(10);
    p.speed = 4;
    p.update(500);
    expect(p.tick).toBe(30);
    p.speed = 16;
    p.update(1000);
    expect(p.tick).toBe(190);
    p.update(10_000);
    expect(p.tick).toBe(300);
    expect(p.playing).toBe(false);
    p.toggle();
    expect(p.tick).toBe(0);
    expect(p.playing).toBe(true);
  });

  it("shows DNS rows that changed during the replay and the request paths of the last second", () => {
    const p = new ReplayPlayer(log, { code: "TN9U", seats: SEATS });
    p.seek(5);
    const v = p.view();
    expect(v.traffic.reduce((n, r) => n + r.count, 0)).toBeGreaterThan(0);
    expect(v.traffic.every((r) => r.hops.length > 0 || r.failedTier)).toBe(true);
    expect(v.dns.every((r) => r.changedAt === -1)).toBe(true);
    expect(v.players).toMatchObject([{ name: "Ada", actor: "Ada" }]);
    expect(p.view()).toBe(v);
  });
});
