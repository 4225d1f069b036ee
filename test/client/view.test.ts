/**
 * The client's view model, built from the REAL projection: a simulated `nmt` world stepped
 * and projected by the server's Projector into a MatchState (the same classes the client
 * decodes), so a renamed or unfilled state field fails here.
 */
import { describe, expect, it } from "vitest";
import { createWorld, injectChaos, setRoleMode, step, type World } from "../../shared/sim";
import { Projector } from "../../server/rooms/project";
import { MatchState } from "../../server/rooms/schema/MatchState";
import {
  dnsRecentlyChanged,
  podLook,
  selectedPods,
  staleEndpoints,
  toMatchView,
  workloadOfPod,
  type MatchView,
} from "../../client/src/net/view";

/** Steps a world for `seconds` of game time. */
function run(world: World, seconds: number): void {
  for (let i = 0; i < Math.round(seconds * 10); i++) step(world);
}

/** A fresh nmt world (seed 1, arcade clock, scheduled chaos). */
function nmt(): World {
  return createWorld({ scenario: "nmt", seed: 1, clock: "arcade", chaos: true });
}

/** The view the client would build from the state the server projects for `world`. */
function viewOf(world: World, projector = new Projector(), state = new MatchState()): MatchView {
  projector.project(state, world, { hash: false });
  return toMatchView(state);
}

describe("view model from the real projection", () => {
  const world = nmt();
  run(world, 1);
  const v = viewOf(world);

  it("reads nodes with their node IP and pod CIDR", () => {
    expect(v.nodes.map((n) => n.name)).toEqual(["node-1", "node-2", "node-3"]);
    for (const n of v.nodes) {
      expect(n.internalIP).toMatch(/^192\.168\.56\.\d+$/);
      expect(n.podCIDR).toMatch(/^10\.244\.\d+\.0\/24$/);
      expect(n).toMatchObject({ ready: true, cordoned: false, up: true });
    }
  });

  it("reads pods with their IP, owner, workload, container and image", () => {
    const tomcat = v.pods.filter((p) => p.tier === "tomcat");
    expect(tomcat).toHaveLength(2);
    for (const p of tomcat) {
      expect(p.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
      expect(p.owner).toMatch(/^ReplicaSet\/shop\/tomcat-/);
      expect(p.workload).toBe("Deployment/shop/tomcat");
      expect(p.container).not.toBe("");
      expect(p.image).not.toBe("");
      expect(p).toMatchObject({ phase: "Running", ready: true, terminating: false, look: "ready" });
      expect(p.labels.app).toBe("tomcat");
    }
    const mysql = v.pods.find((p) => p.name === "mysql-0")!;
    expect(mysql).toMatchObject({ workload: "StatefulSet/shop/mysql", owner: "StatefulSet/shop/mysql" });
  });

  it("reads workloads with counts from the pods, container and current ReplicaSet", () => {
    const dep = v.workloads.find((w) => w.key === "Deployment/shop/tomcat")!;
    expect(dep).toMatchObject({ kind: "Deployment", name: "tomcat", namespace: "shop", desired: 2 });
    expect(dep).toMatchObject({ current: 2, ready: 2, updated: 2 });
    expect(dep.container).not.toBe("");
    expect(dep.image).not.toBe("");
    // the current ReplicaSet is the pods' owner, and it names its Deployment
    const owners = new Set(v.pods.filter((p) => p.workload === dep.key).map((p) => p.owner));
    expect([...owners]).toEqual([dep.currentReplicaSet]);
    const rs = v.workloads.find((w) => w.key === dep.currentReplicaSet)!;
    expect(rs).toMatchObject({ kind: "ReplicaSet", owner: dep.key });
    for (const p of v.pods.filter((x) => x.workload === dep.key))
      expect(workloadOfPod(p, v.workloads)).toBe(dep);
    const sts = v.workloads.find((w) => w.key === "StatefulSet/shop/mysql")!;
    expect(sts).toMatchObject({ desired: 1, current: 1, ready: 1 });
  });

  it("joins each Service with its Endpoints: Ready pod IPs and the pods they belong to", () => {
    // the shop's tiers first, in request order
    expect(v.services.slice(0, 3).map((s) => s.key)).toEqual(["shop/nginx", "shop/tomcat", "shop/mysql"]);
    const tomcat = v.services.find((s) => s.key === "shop/tomcat")!;
    expect(tomcat.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
    expect(tomcat.selector).toMatchObject({ app: "tomcat" });
    expect(tomcat.endpoints.length).toBe(2);
    expect(tomcat.endpointPods.map((k) => v.pods.find((p) => p.key === k)?.podIP)).toEqual(tomcat.endpoints);
    expect(staleEndpoints(tomcat, v.pods)).toEqual([]);
    expect(
      selectedPods(tomcat, v.pods)
        .map((p) => p.key)
        .sort(),
    ).toEqual([...tomcat.endpointPods].sort());
    expect(v.services.find((s) => s.name === "nginx")).toMatchObject({ type: "NodePort" });
    expect(v.services.find((s) => s.name === "mysql")?.clusterIP).toBe("None");
  });

  it("reads the match around the world: phase, round, players, roles, availability, debrief", () => {
    // A bare MatchState: the room fills these, the projection of a world leaves their defaults.
    expect(v).toMatchObject({ phase: "lobby", round: 1, chaos: true, players: [] });
    expect(v.time).toBeCloseTo(1, 5);
    expect(v.availability.overall).toBeGreaterThan(0.9);
    expect(v.debrief.timeline).toEqual([]);
  });

  it("does not flag DNS records unchanged since bring-up as changed", () => {
    expect(v.dns.map((r) => r.name)).toContain("tomcat.shop.svc.cluster.local");
    for (const r of v.dns) {
      expect(r.changedAt, r.name).toBe(-1);
      expect(dnsRecentlyChanged(r, v.time), r.name).toBe(false);
    }
  });

  it("flags the record of a recreated Service for a few seconds", () => {
    const w = nmt();
    const projector = new Projector();
    const state = new MatchState();
    run(w, 1);
    const before = viewOf(w, projector, state).services.find((s) => s.key === "shop/tomcat")!.clusterIP;
    expect(injectChaos(w, { type: "service-recreate", target: "shop/tomcat" })).toEqual({ ok: true });
    run(w, 3);
    const after = viewOf(w, projector, state);
    const row = after.dns.find((r) => r.name === "tomcat.shop.svc.cluster.local")!;
    expect(row.ips).not.toContain(before);
    expect(row.changedAt).toBeGreaterThan(1);
    expect(dnsRecentlyChanged(row, after.time)).toBe(true);
    expect(dnsRecentlyChanged(row, row.changedAt + 10)).toBe(false);
    expect(after.dns.filter((r) => dnsRecentlyChanged(r, after.time)).map((r) => r.name)).toEqual([
      "tomcat.shop.svc.cluster.local",
    ]);
  });

  it("shows a killed pod terminating and its replacement Pending while the scheduler is a person", () => {
    const w = nmt();
    run(w, 1);
    setRoleMode(w, "scheduler", "manual");
    expect(injectChaos(w, { type: "pod-kill", target: "shop/tomcat" })).toEqual({ ok: true });
    run(w, 1);
    const after = viewOf(w);
    const pending = after.pods.filter((p) => p.tier === "tomcat" && !p.node);
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({
      phase: "Pending",
      podIP: "",
      look: "pending",
      workload: "Deployment/shop/tomcat",
    });
    expect(after.events.some((e) => e.severity === "Chaos" && e.object.includes("tomcat"))).toBe(true);
  });

  it("gives each pod state its own look", () => {
    const base = { phase: "Running", ready: true, reason: "", terminating: false };
    expect(podLook(base)).toBe("ready");
    expect(podLook({ ...base, ready: false })).toBe("notReady");
    expect(podLook({ ...base, reason: "CrashLoopBackOff", ready: false })).toBe("failed");
    expect(podLook({ ...base, phase: "Pending", ready: false, reason: "ImagePullBackOff" })).toBe("failed");
    expect(podLook({ ...base, terminating: true })).toBe("terminating");
    expect(podLook({ ...base, phase: "Pending", ready: false })).toBe("pending");
  });
});
