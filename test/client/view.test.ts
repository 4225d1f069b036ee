/** The view model built from room-state JSON, and the action/keyboard mapping on top of it. */
import { describe, expect, it } from "vitest";
import {
  actionForKey,
  actionsFor,
  conceptFor,
  nextSelection,
  selectionOrder,
  serviceOfDnsName,
} from "../../client/src/actions";
import { changedDnsRows, podLook, selectedPods, toMatchView } from "../../client/src/net/view";

/** A state shaped like server/rooms/schema/MatchState's toJSON(). */
const state = {
  phase: "running",
  code: "AB12",
  hostId: "s1",
  time: 12.5,
  duration: 180,
  players: { s1: { id: "s1", name: "Ada", role: "scheduler", connected: true, points: 3 } },
  roles: { scheduler: { role: "scheduler", mode: "manual", holder: "s1" } },
  nodes: {
    "node-1": {
      name: "node-1",
      internalIP: "192.168.56.11",
      podCIDR: "10.244.1.0/24",
      ready: true,
      cordoned: false,
      up: true,
    },
    "node-2": {
      name: "node-2",
      internalIP: "192.168.56.12",
      podCIDR: "10.244.2.0/24",
      ready: true,
      cordoned: true,
      up: true,
    },
  },
  pods: {
    "shop/tomcat-abc-x1": {
      key: "shop/tomcat-abc-x1",
      name: "tomcat-abc-x1",
      namespace: "shop",
      node: "node-1",
      phase: "Running",
      podIP: "10.244.1.4",
      ready: true,
      reason: "",
      owner: "ReplicaSet/tomcat-abc",
      tier: "tomcat",
      labels: "app=tomcat,tier=backend",
    },
    "shop/tomcat-abc-p9": {
      key: "shop/tomcat-abc-p9",
      name: "tomcat-abc-p9",
      namespace: "shop",
      node: "",
      phase: "Pending",
      podIP: "",
      ready: false,
      reason: "",
      owner: "ReplicaSet/tomcat-abc",
      tier: "tomcat",
      labels: "app=tomcat,tier=backend",
    },
  },
  services: {
    "shop/tomcat": {
      key: "shop/tomcat",
      name: "tomcat",
      namespace: "shop",
      type: "ClusterIP",
      clusterIP: "10.96.4.2",
      selector: "app=tomcat",
      nodePort: 0,
    },
  },
  endpoints: { "shop/tomcat": { key: "shop/tomcat", ips: ["10.244.1.4"], pods: ["shop/tomcat-abc-x1"] } },
  dns: {
    "tomcat.shop.svc.cluster.local": {
      name: "tomcat.shop.svc.cluster.local",
      ips: ["10.96.4.2"],
      changedAt: 10,
    },
  },
  workloads: {
    "Deployment/shop/tomcat": {
      key: "Deployment/shop/tomcat",
      kind: "Deployment",
      name: "tomcat",
      namespace: "shop",
      desired: 2,
      ready: 1,
      image: "tomcat:9",
    },
    "ReplicaSet/shop/tomcat-abc": {
      key: "ReplicaSet/shop/tomcat-abc",
      kind: "ReplicaSet",
      name: "tomcat-abc",
      namespace: "shop",
      desired: 2,
      ready: 1,
      image: "tomcat:9",
    },
  },
  availability: { overall: 0.95, nginx: 1, tomcat: 0.9, mysql: 1, errorBudget: 0.4 },
  events: [
    {
      seq: 1,
      time: 3,
      type: "PodKill",
      object: "Pod/shop/tomcat-abc-zz",
      message: "killed",
      severity: "Chaos",
    },
  ],
  traffic: {
    a: { hops: "shop/nginx-1>shop/tomcat-abc-x1", failedTier: "mysql", reason: "NO_ENDPOINTS", count: 4 },
  },
  debrief: {
    availability: 0.97,
    requests: 100,
    ok: 97,
    timeline: [1, 1, 1, 0.5, 0.8, 1, 1],
    marks: [{ time: 3, type: "PodKill", object: "tomcat", message: "", severity: "Chaos" }],
    incidents: [
      { seq: 0, cause: "pod-kill:shop/tomcat", source: "schedule", start: 3, end: 5, mttr: 2, open: false },
      { seq: 1, cause: "node-crash:node-2", source: "injected", start: 6, end: -1, mttr: -1, open: true },
    ],
    mttr: 2,
  },
};

describe("view model", () => {
  const v = toMatchView(state);

  it("reads nodes, pods, services with endpoints, DNS and workloads", () => {
    expect(v.nodes.map((n) => [n.name, n.ip, n.unschedulable])).toEqual([
      ["node-1", "192.168.56.11", false],
      ["node-2", "192.168.56.12", true],
    ]);
    const running = v.pods.find((p) => p.key === "shop/tomcat-abc-x1")!;
    expect(running).toMatchObject({
      ip: "10.244.1.4",
      look: "ready",
      owner: "ReplicaSet/shop/tomcat-abc",
      labels: { app: "tomcat", tier: "backend" },
    });
    expect(v.pods.find((p) => !p.node)?.look).toBe("pending");
    expect(v.services[0]).toMatchObject({
      clusterIP: "10.96.4.2",
      selector: { app: "tomcat" },
      endpoints: ["10.244.1.4"],
    });
    expect(v.dns[0]).toEqual({ name: "tomcat.shop.svc.cluster.local", ips: ["10.96.4.2"], changedAt: 10 });
    expect(v.traffic[0]).toEqual({
      hops: ["shop/nginx-1", "shop/tomcat-abc-x1"],
      failedTier: "mysql",
      reason: "NO_ENDPOINTS",
      count: 4,
    });
    expect(v.players[0]).toMatchObject({ name: "Ada", host: true });
    expect(v.debrief.timeline).toHaveLength(7);
    expect(selectedPods(v.services[0]!, v.pods)).toHaveLength(2);
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

  it("flags DNS rows that changed", () => {
    expect(changedDnsRows(v.dns, v.dns)).toEqual([]);
    const next = [{ ...v.dns[0]!, ips: ["10.96.9.9"] }];
    expect(changedDnsRows(v.dns, next)).toEqual(["tomcat.shop.svc.cluster.local"]);
  });

  it("offers each role its own actions with the intents the server expects", () => {
    const pending = { kind: "pod" as const, key: "shop/tomcat-abc-p9" };
    const bind = actionsFor("scheduler", pending, v);
    expect(bind.map((a) => a.key)).toEqual(["1", "2"]);
    expect(actionForKey("2", bind)?.intent).toEqual({
      type: "bindPod",
      pod: "shop/tomcat-abc-p9",
      node: "node-2",
    });
    expect(actionsFor("scheduler", { kind: "node", key: "node-2" }, v)[0]?.intent).toEqual({
      type: "uncordon",
      node: "node-2",
    });
    const wc = actionsFor("workload-controller", { kind: "pod", key: "shop/tomcat-abc-x1" }, v);
    expect(actionForKey("d", wc)?.intent).toEqual({ type: "deletePod", pod: "shop/tomcat-abc-x1" });
    expect(actionForKey("=", wc)?.intent).toEqual({
      type: "scale",
      workload: "Deployment/shop/tomcat",
      replicas: 3,
    });
    expect(actionForKey("-", wc)?.intent).toEqual({
      type: "scale",
      workload: "Deployment/shop/tomcat",
      replicas: 1,
    });
    expect(actionForKey("n", wc)?.intent).toEqual({ type: "createPod", owner: "ReplicaSet/shop/tomcat-abc" });
    expect(actionForKey("z", wc)?.intent).toEqual({
      type: "rolloutUndo",
      workload: "Deployment/shop/tomcat",
    });
    const sc = actionsFor("service-controller", { kind: "dns", key: "tomcat.shop.svc.cluster.local" }, v);
    expect(sc.map((a) => a.intent?.type)).toEqual(["recreateService", "updateEndpoints", "registerDns"]);
    expect(actionForKey("l", actionsFor("service-controller", pending, v))?.intent).toEqual({
      type: "labelPod",
      pod: "shop/tomcat-abc-p9",
      labels: { app: "tomcat" },
    });
    expect(actionsFor("scheduler", { kind: "service", key: "shop/tomcat" }, v)).toEqual([]);
  });

  it("walks selections with Tab/arrows and picks the concept card", () => {
    const order = selectionOrder(v);
    expect(order[0]).toEqual({ kind: "node", key: "node-1" });
    expect(nextSelection(v, order[order.length - 1], 1)).toEqual(order[0]);
    expect(nextSelection(v, undefined, -1)).toEqual(order[order.length - 1]);
    expect(conceptFor({ kind: "dns", key: "x" }, v)).toBe("dns");
    expect(conceptFor(undefined, v)).toBe("networks");
    expect(serviceOfDnsName("mysql-0.mysql.shop.svc.cluster.local")).toBe("shop/mysql");
  });

  it("takes incidents and MTTR from the server's score, open ones with end -1", () => {
    expect(v.debrief.incidents).toEqual([
      { cause: "pod-kill:shop/tomcat", start: 3, end: 5 },
      { cause: "node-crash:node-2", start: 6, end: -1 },
    ]);
    expect(v.debrief.mttr).toBe(2);
  });
});
