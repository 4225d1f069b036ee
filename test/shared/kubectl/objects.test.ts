/** toApiObject's details: times, quantities, fields the API server and kubelet fill in, order, slices, events. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createWorld, stateHash, type Node, type Pod, type Service } from "../../../shared/sim";
import {
  apiObjectsOf,
  cpuQuantity,
  endpointSlicesOf,
  eventObjectOf,
  eventObjectsOf,
  gameSecondsOf,
  memoryQuantity,
  timestampOf,
  toApiObject,
  type ApiObject,
} from "../../../shared/kubectl/objects";
import { schemaProblems } from "./k8sSchema";

const EPOCH_MS = Date.UTC(2026, 0, 1);

/** A field of an API object by path (`status.containerStatuses.0.imageID`). */
function at(obj: ApiObject, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}

describe("timestampOf / gameSecondsOf", () => {
  it("is the epoch 2026-01-01T00:00:00Z plus game seconds, to the second, truncated", () => {
    expect(timestampOf(0)).toBe("2026-01-01T00:00:00Z");
    expect(timestampOf(-60)).toBe("2025-12-31T23:59:00Z");
    expect(timestampOf(-59.9)).toBe("2025-12-31T23:59:00Z");
    expect(timestampOf(59.9)).toBe("2026-01-01T00:00:59Z");
    // Game time adds tenths; a sum that lands a hair under a whole second still reads as it.
    expect(timestampOf(0.1 + 0.2 + 2.7)).toBe("2026-01-01T00:00:03Z");
    expect(timestampOf(59 * 86_400)).toBe("2026-03-01T00:00:00Z");
  });

  it("agrees with Date for any second within ±10 years, and gameSecondsOf inverts it", () => {
    const tenYears = 10 * 366 * 86_400;
    fc.assert(
      fc.property(fc.integer({ min: -tenYears, max: tenYears }), (s) => {
        const iso = new Date(EPOCH_MS + s * 1000).toISOString().replace(".000Z", "Z");
        expect(timestampOf(s)).toBe(iso);
        expect(gameSecondsOf(iso)).toBe(s);
      }),
    );
    expect(gameSecondsOf("yesterday")).toBeUndefined();
  });
});

describe("quantities", () => {
  it("writes cpu millicores and memory MiB as canonical Kubernetes quantities", () => {
    expect([250, 2000, 1500, 100, 0].map(cpuQuantity)).toEqual(["250m", "2", "1500m", "100m", "0"]);
    expect([256, 4096, 1536, 0.5, 1024 * 1024, 0].map(memoryQuantity)).toEqual([
      "256Mi",
      "4Gi",
      "1536Mi",
      "512Ki",
      "1Ti",
      "0",
    ]);
  });

  it("puts them in pods, templates and nodes as strings", () => {
    const world = createWorld({ scenario: "nmt", seed: 1 });
    const pod = apiObjectsOf(world, "Pod").find((p) => p.metadata.name.startsWith("tomcat-"))!;
    expect(at(pod, "spec.containers.0.resources.requests")).toEqual({ cpu: "250m", memory: "256Mi" });
    const deploy = apiObjectsOf(world, "Deployment").find((d) => d.metadata.name === "tomcat")!;
    expect(at(deploy, "spec.template.spec.containers.0.resources.requests")).toEqual({
      cpu: "250m",
      memory: "256Mi",
    });
    const node = apiObjectsOf(world, "Node")[0]!;
    expect(at(node, "status.capacity")).toEqual({ cpu: "2", memory: "4Gi", pods: "110" });
  });
});

describe("toApiObject", () => {
  const world = createWorld({ scenario: "nmt-full", seed: 1 });

  it("gives each kind its apiVersion, string resourceVersion, UUID uid and RFC 3339 creationTimestamp", () => {
    const versions: Record<string, string> = {};
    for (const kind of [
      "Pod",
      "Deployment",
      "Job",
      "DaemonSet",
      "PersistentVolumeClaim",
      "Endpoints",
    ] as const)
      for (const o of apiObjectsOf(world, kind)) {
        versions[o.kind] = o.apiVersion;
        expect(o.metadata.resourceVersion).toMatch(/^\d+$/);
        expect(o.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
        expect(o.metadata.creationTimestamp).toMatch(/^2025-12-31T23:59:\d\dZ$/);
      }
    expect(versions).toEqual({
      Pod: "v1",
      Deployment: "apps/v1",
      Job: "batch/v1",
      DaemonSet: "apps/v1",
      PersistentVolumeClaim: "v1",
      Endpoints: "v1",
    });
    expect(apiObjectsOf(world, "Deployment")[0]!.metadata.generation).toBe(1);
    // The game derives an Endpoints' uid from its Service's (`…-ep`); the API has two UUIDs.
    const ep = apiObjectsOf(world, "Endpoints").find((e) => e.metadata.name === "tomcat")!;
    const svc = apiObjectsOf(world, "Service").find((s) => s.metadata.name === "tomcat")!;
    expect(ep.metadata.uid).not.toBe(svc.metadata.uid);
  });

  it("writes times of conditions, containers and Jobs as RFC 3339 strings", () => {
    const job = apiObjectsOf(world, "Job")[0]!;
    expect(at(job, "status.startTime")).toBe("2025-12-31T23:59:00Z");
    expect(at(job, "status.completionTime")).toMatch(/^2025-12-31T23:59:\d\dZ$/);
    expect(at(job, "status.conditions.0.lastTransitionTime")).toBe(at(job, "status.completionTime"));
    const pod = apiObjectsOf(world, "Pod").find((p) => p.metadata.name.startsWith("nginx-"))!;
    expect(at(pod, "status.containerStatuses.0.state.running.startedAt")).toMatch(/^2025-12-31T23:59:\d\dZ$/);
    expect(at(pod, "status.containerStatuses.0.imageID")).toMatch(
      /^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/,
    );
    expect(at(pod, "status.containerStatuses.0.containerID")).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
  });

  it("leaves out the game's bookkeeping, and a container that never started has no IDs yet", () => {
    const pod = structuredClone(
      world.store.list("Pod").find((p) => p.metadata.name.startsWith("tomcat-"))!,
    ) as Pod;
    pod.status.containerStatuses![0]!.state = {
      waiting: { reason: "ImagePullBackOff", message: "back-off pulling image", since: 12.3, attempt: 2 },
    };
    pod.status.containerStatuses![0]!.ready = false;
    const api = toApiObject(world, pod);
    expect(at(api, "status.containerStatuses.0.state")).toEqual({
      waiting: { reason: "ImagePullBackOff", message: "back-off pulling image" },
    });
    expect(at(api, "status.containerStatuses.0.imageID")).toBe("");
    expect(at(api, "status.containerStatuses.0.containerID")).toBeUndefined();
    expect(schemaProblems(api)).toEqual([]);
  });

  it("gives a Deployment its newest ReplicaSet's revision, as the deployment controller does", () => {
    const w = createWorld({ scenario: "nmt", seed: 1 });
    const revision = () =>
      apiObjectsOf(w, "Deployment").find((d) => d.metadata.name === "tomcat")!.metadata.annotations?.[
        "deployment.kubernetes.io/revision"
      ];
    expect(revision()).toBe("1");
    const rs = structuredClone(
      w.store.list("ReplicaSet").find((r) => r.metadata.name.startsWith("tomcat-"))!,
    );
    rs.metadata.annotations = { "deployment.kubernetes.io/revision": "3" };
    w.store.put(rs);
    expect(revision()).toBe("3");
  });

  it("counts a DaemonSet's pod on a node it no longer tolerates as misscheduled", () => {
    const w = createWorld({ scenario: "nmt-full", seed: 1 });
    expect(at(apiObjectsOf(w, "DaemonSet")[0]!, "status.numberMisscheduled")).toBe(0);
    const node = structuredClone(w.store.get("Node", "node-2")!) as Node;
    node.spec.taints = [{ key: "dedicated", value: "db", effect: "NoSchedule" }];
    w.store.put(node);
    expect(at(apiObjectsOf(w, "DaemonSet")[0]!, "status.numberMisscheduled")).toBe(1);
  });

  it("gives pods the default not-ready/unreachable tolerations the game evicts by (the clock's seconds)", () => {
    const arcade = createWorld({ scenario: "nmt-full", seed: 1 });
    const realistic = createWorld({ scenario: "nmt-full", seed: 1, clock: "realistic" });
    const tolerations = (w: typeof arcade, prefix: string) =>
      at(
        apiObjectsOf(w, "Pod").find((p) => p.metadata.name.startsWith(prefix))!,
        "spec.tolerations",
      );
    expect(tolerations(arcade, "tomcat-")).toEqual([
      { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 15 },
      {
        key: "node.kubernetes.io/unreachable",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 15,
      },
    ]);
    expect(tolerations(realistic, "tomcat-")).toContainEqual(
      expect.objectContaining({ tolerationSeconds: 300 }),
    );
    // A DaemonSet's pods tolerate them forever: no defaults are added.
    const agent = tolerations(arcade, "node-agent-") as { tolerationSeconds?: number }[];
    expect(agent.length).toBeGreaterThan(0);
    expect(agent.every((t) => t.tolerationSeconds === undefined)).toBe(true);
    // Templates get no admission defaults.
    expect(at(apiObjectsOf(arcade, "Deployment")[0]!, "spec.template.spec.tolerations")).toBeUndefined();
  });

  it("writes a node's last heartbeat: now for a running machine, when it went down for a dead one", () => {
    const w = createWorld({ scenario: "nmt", seed: 1 });
    w.time = 42;
    w.machines["node-2"] = { up: false, since: 30, downSince: 31 };
    const heartbeat = (name: string) =>
      at(
        apiObjectsOf(w, "Node").find((n) => n.metadata.name === name)!,
        "status.conditions.0.lastHeartbeatTime",
      );
    expect(heartbeat("node-1")).toBe("2026-01-01T00:00:42Z");
    expect(heartbeat("node-2")).toBe("2026-01-01T00:00:31Z");
  });

  it("lists by namespace then name (the store's key order puts shop-b/… before shop/…)", () => {
    const w = createWorld({ scenario: "nmt", seed: 1 });
    const other = structuredClone(w.store.get("Service", "shop/tomcat")!) as Service;
    other.metadata.namespace = "shop-b";
    other.metadata.name = "aaa";
    w.store.put(other);
    const names = apiObjectsOf(w, "Service").map((s) => `${s.metadata.namespace}/${s.metadata.name}`);
    expect(names.indexOf("shop-b/aaa")).toBe(names.length - 1);
    const byNamespaceThenName = (a: string, b: string) => {
      const [na = "", a1 = ""] = a.split("/");
      const [nb = "", b1 = ""] = b.split("/");
      return na !== nb ? (na < nb ? -1 : 1) : a1 < b1 ? -1 : a1 > b1 ? 1 : 0;
    };
    expect(names).toEqual([...names].sort(byNamespaceThenName));
  });

  it("is pure: the same world twice gives the same JSON, and the world is unchanged", () => {
    const w = createWorld({ scenario: "nmt-full", seed: 3 });
    const before = stateHash(w);
    const all = () =>
      JSON.stringify([
        ...(["Pod", "Node", "Deployment", "Service"] as const).flatMap((k) => apiObjectsOf(w, k)),
        ...endpointSlicesOf(w),
        ...eventObjectsOf(w),
      ]);
    expect(all()).toBe(all());
    expect(stateHash(w)).toBe(before);
  });
});

describe("endpointSlicesOf", () => {
  it("gives each Service one IPv4 slice of its Endpoints' addresses, owned by the Service", () => {
    const world = createWorld({ scenario: "nmt", seed: 1 });
    const slices = endpointSlicesOf(world);
    expect(slices.map((s) => s.metadata.namespace)).toEqual(
      world.store.list("Endpoints").map((e) => e.metadata.namespace),
    );
    const tomcat = slices.find((s) => s.metadata.labels?.["kubernetes.io/service-name"] === "tomcat")!;
    expect(tomcat.apiVersion).toBe("discovery.k8s.io/v1");
    expect(tomcat.metadata.name).toMatch(/^tomcat-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    const ep = world.store.get("Endpoints", "shop/tomcat")!;
    const svc = world.store.get("Service", "shop/tomcat")!;
    expect((tomcat.endpoints as { addresses: string[] }[]).map((e) => e.addresses[0]).sort()).toEqual(
      ep.subsets.flatMap((s) => s.addresses.map((a) => a.ip)).sort(),
    );
    expect(tomcat.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: "Service", name: "tomcat", uid: svc.metadata.uid }),
    ]);
    const mysql = slices.find((s) => s.metadata.labels?.["kubernetes.io/service-name"] === "mysql")!;
    expect(mysql.metadata.labels?.["service.kubernetes.io/headless"]).toBe("");
  });
});

describe("eventObjectsOf", () => {
  it("turns the world's events into core/v1 Events about the objects they name", () => {
    const world = createWorld({ scenario: "nmt", seed: 1 });
    const events = eventObjectsOf(world);
    expect(events).toHaveLength(world.events.filter((e) => !e.object.startsWith("Intent/")).length);
    expect(events.length).toBeGreaterThan(10);
    const started = events.find((e) => e.reason === "Started")!;
    expect(started.metadata.name).toMatch(/^[a-z0-9-]+\.[0-9a-f]{16}$/);
    expect(started.involvedObject).toMatchObject({ apiVersion: "v1", kind: "Pod" });
    expect(started.source).toMatchObject({ component: "kubelet", host: expect.stringMatching(/^node-\d$/) });
    expect(started.type).toBe("Normal");
    expect(started.firstTimestamp).toMatch(/^2025-12-31T23:59:\d\dZ$/);
  });

  it("leaves out the players' action log, which names no API object", () => {
    const world = createWorld({ scenario: "nmt", seed: 1 });
    const note = {
      time: 1,
      type: "Intent",
      object: "Intent/scale",
      message: "alice scaled",
      severity: "Intent",
    } as const;
    expect(eventObjectOf(world, note, 0)).toBeUndefined();
    const kill = { ...note, type: "Killing", object: "Pod/shop/gone", message: "Stopping pod gone (alice)" };
    expect(eventObjectOf(world, kill, 1)).toMatchObject({
      type: "Normal",
      reason: "Killing",
      involvedObject: { kind: "Pod", name: "gone", namespace: "shop" },
      source: { component: "reconcile.game/player" },
    });
  });
});
