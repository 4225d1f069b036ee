/**
 * The state contract as a colyseus.js client decodes it (issue 9's server fixes): a delete
 * reaches every client, workloads count their pods truly while people hold every role, pods
 * name their owner and workload, and the events and DNS rows start at the match's first second.
 */
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import appConfig from "../../server/app.config";
import type { MatchRoom } from "../../server/rooms/MatchRoom";
import type { MatchState } from "../../server/rooms/schema/MatchState";
import { MATCH_ROOM, ServerMessage, type IntentResultPayload } from "../../shared/protocol";
import { collect, eventually, EventTrail, sent, synced, tickSeconds, type Client } from "./helpers";

let colyseus: ColyseusTestServer;

beforeAll(async () => {
  colyseus = await boot(appConfig, 2574);
});
afterEach(async () => {
  await colyseus.cleanup();
});
afterAll(async () => {
  await colyseus.shutdown();
});

/** Ada (scheduler, host), Bob (workload controller) and Cy (service controller), running. */
async function threeRoles(): Promise<{ room: MatchRoom; clients: Client[] }> {
  const a = await colyseus.sdk.create<MatchState>(MATCH_ROOM, {
    seed: 42,
    manualClock: true,
    name: "Ada",
    role: "scheduler",
  });
  const room = colyseus.getRoomById(a.roomId) as MatchRoom;
  const b = await colyseus.sdk.joinById<MatchState>(a.roomId, { name: "Bob", role: "workload-controller" });
  const c = await colyseus.sdk.joinById<MatchState>(a.roomId, { name: "Cy", role: "service-controller" });
  const clients = [a, b, c];
  await synced(room, ...clients);
  for (const x of clients)
    expect([...x.state.roles.values()].map((r) => [r.holder, r.mode])).toEqual([
      [a.sessionId, "manual"],
      [b.sessionId, "manual"],
      [c.sessionId, "manual"],
    ]);
  await sent(room, a, "start");
  room.tickOnce();
  await synced(room, ...clients);
  return { room, clients };
}

describe("state contract", () => {
  it("with people in all three roles, a deletePod removes the pod from every client after the next tick", async () => {
    const { room, clients } = await threeRoles();
    const [a, b, c] = clients as [Client, Client, Client];
    const results = collect<IntentResultPayload>(b, ServerMessage.intentResult);
    const victim = [...a.state.pods.values()].find((p) => p.workload === "Deployment/shop/nginx")!;
    for (const x of clients) expect(x.state.pods.has(victim.key)).toBe(true);
    await sent(room, b, "intent", { type: "deletePod", pod: victim.key });
    room.tickOnce();
    await eventually(() => results.length === 1, "the deletePod result");
    expect(results[0]?.ok).toBe(true);
    await synced(room, ...clients);
    for (const x of [a, b, c]) expect(x.state.pods.has(victim.key), x.sessionId).toBe(false);
  });

  it("with people holding every role, workloads show the true counts: a deleted nginx pod nobody recreates leaves 1 of 2", async () => {
    const { room, clients } = await threeRoles();
    const [a, b] = clients as [Client, Client];
    for (const x of clients)
      expect(x.state.workloads.get("Deployment/shop/nginx")?.toJSON()).toMatchObject({
        desired: 2,
        current: 2,
        ready: 2,
        updated: 2,
      });
    const victim = [...a.state.pods.values()].find((p) => p.workload === "Deployment/shop/nginx")!;
    await sent(room, b, "intent", { type: "deletePod", pod: victim.key });
    room.tickOnce();
    await synced(room, ...clients);
    for (const x of clients) {
      expect(x.state.workloads.get("Deployment/shop/nginx")?.toJSON()).toMatchObject({
        desired: 2,
        current: 1,
        ready: 1,
      });
      expect(x.state.workloads.get(victim.owner)?.toJSON()).toMatchObject({
        desired: 2,
        current: 1,
        ready: 1,
      });
    }
    // Nobody recreates it (the workload controller is Bob's, and he does nothing): it stays so.
    tickSeconds(room, 5);
    await synced(room, ...clients);
    for (const x of clients) {
      const nginx = x.state.workloads.get("Deployment/shop/nginx")!;
      expect([nginx.desired, nginx.current, nginx.ready]).toEqual([2, 1, 1]);
      expect([...x.state.pods.values()].filter((p) => p.workload === "Deployment/shop/nginx")).toHaveLength(
        1,
      );
    }
    expect(a.state.workloads.get("Deployment/shop/tomcat")?.toJSON()).toMatchObject({
      desired: 2,
      current: 2,
      ready: 2,
    });
    expect(a.state.workloads.get("StatefulSet/shop/mysql")?.toJSON()).toMatchObject({
      desired: 1,
      current: 1,
      ready: 1,
    });
  });

  it("each pod carries its owner and its workload as Kind/namespace/name", async () => {
    const a = await colyseus.sdk.create<MatchState>(MATCH_ROOM, { seed: 42, manualClock: true, role: "" });
    const room = colyseus.getRoomById(a.roomId) as MatchRoom;
    await synced(room, a);
    const pods = [...a.state.pods.values()];
    expect(pods.length).toBeGreaterThanOrEqual(5);
    for (const p of pods) {
      expect(p.owner, p.key).toMatch(/^(ReplicaSet|StatefulSet|DaemonSet|Job)\/[a-z0-9-]+\/[a-z0-9-]+$/);
      expect(p.workload, p.key).toMatch(/^(Deployment|StatefulSet|DaemonSet|Job)\/[a-z0-9-]+\/[a-z0-9-]+$/);
      expect(p.owner.split("/")[1], p.key).toBe(p.namespace);
    }
    const nginx = pods.filter((p) => p.tier === "nginx");
    expect(nginx).toHaveLength(2);
    for (const p of nginx) {
      expect(p.workload).toBe("Deployment/shop/nginx");
      expect(p.owner).toMatch(/^ReplicaSet\/shop\/nginx-/);
      // The ReplicaSet is the Deployment's current one, and names the Deployment as its owner.
      expect(a.state.workloads.get("Deployment/shop/nginx")?.currentReplicaSet).toBe(p.owner);
      expect(a.state.workloads.get(p.owner)?.owner).toBe("Deployment/shop/nginx");
    }
    const mysql = a.state.pods.get("shop/mysql-0")!;
    expect(mysql.owner).toBe("StatefulSet/shop/mysql");
    expect(mysql.workload).toBe("StatefulSet/shop/mysql");
    for (const p of pods) expect(a.state.workloads.has(p.workload), p.workload).toBe(true);
  });

  it("events start at the match's first second (no bring-up) and DNS rows show changedAt -1 until they change", async () => {
    const a = await colyseus.sdk.create<MatchState>(MATCH_ROOM, { seed: 42, manualClock: true, role: "" });
    const room = colyseus.getRoomById(a.roomId) as MatchRoom;
    // Everything below is what the client decoded from its first patch (the join's full state).
    await eventually(() => (a.state.dns?.size ?? 0) > 0, "the first state");
    expect(a.state.events).toHaveLength(0);
    const dns = [...a.state.dns.values()];
    expect(dns.length).toBeGreaterThanOrEqual(4);
    for (const r of dns) expect(r.changedAt, r.name).toBe(-1);
    const mysqlName = "mysql-0.mysql.shop.svc.cluster.local";
    const mysqlIps = [...(a.state.dns.get(mysqlName)?.ips ?? [])];
    expect(mysqlIps).toHaveLength(1);
    await synced(room, a);
    for (const r of a.state.dns.values()) expect(r.changedAt, r.name).toBe(-1);

    // A running match: the host kills mysql-0; the autopilot brings it back under a new IP.
    await sent(room, a, "start");
    tickSeconds(room, 2);
    await synced(room, a);
    const trail = new EventTrail(a).record();
    for (const r of a.state.dns.values()) expect(r.changedAt, r.name).toBe(-1);
    await sent(room, a, "inject", { type: "pod-kill", target: "shop/mysql" });
    for (let s = 0; s < 20 && (a.state.dns.get(mysqlName)?.changedAt ?? -1) < 0; s++) {
      tickSeconds(room, 1);
      await synced(room, a);
      trail.record();
    }
    const changed = a.state.dns.get(mysqlName)!;
    expect(changed.changedAt).toBeGreaterThan(2);
    expect(changed.changedAt).toBeLessThanOrEqual(a.state.time);
    expect([...changed.ips]).not.toEqual(mysqlIps);
    expect(a.state.dns.get("kube-dns.kube-system.svc.cluster.local")?.changedAt).toBe(-1);
    const events = trail.all();
    expect(events.length).toBeGreaterThan(0);
    expect(events.some((e) => e.severity === "Chaos")).toBe(true);
    for (const e of events) expect(e.time, e.message).toBeGreaterThanOrEqual(0);
    // seq is the event's index in the world's whole log, bring-up included.
    expect(events[0]!.seq).toBeGreaterThan(0);
  });
});
