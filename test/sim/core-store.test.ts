import { describe, expect, it } from "vitest";
import { keyOf, objectKey, refOf } from "../../shared/sim/store";
import type { Service } from "../../shared/sim/types";
import { apply, fixtureWorld, putPod, service, update } from "./fixtures";

describe("store keys", () => {
  it("keys namespaced objects by namespace/name and nodes by name", () => {
    expect(objectKey("Pod", "web", "shop")).toBe("shop/web");
    expect(objectKey("Node", "node-1")).toBe("node-1");
    expect(objectKey("Service", "x")).toBe("default/x");
    const world = fixtureWorld();
    const pod = putPod(world, "web", "shop");
    expect(keyOf(pod)).toBe("shop/web");
    expect(refOf(pod)).toBe("Pod/shop/web");
  });

  it("lists a kind sorted by key, whatever the insertion order", () => {
    const world = fixtureWorld();
    for (const n of ["c", "a", "b"]) putPod(world, n, "shop");
    putPod(world, "a", "other");
    expect(world.store.list("Pod").map(keyOf)).toEqual(["other/a", "shop/a", "shop/b", "shop/c"]);
  });
});

describe("podsMatching", () => {
  it("returns the pods with every selector label, in the namespace only", () => {
    const world = fixtureWorld();
    putPod(world, "t1", "shop", { labels: { app: "tomcat", tier: "backend" } });
    putPod(world, "t2", "shop", { labels: { app: "tomcat", tier: "backend", extra: "x" } });
    putPod(world, "t3", "shop", { labels: { app: "tomcat" } });
    putPod(world, "t4", "other", { labels: { app: "tomcat", tier: "backend" } });
    const names = world.store.podsMatching("shop", { app: "tomcat", tier: "backend" }).map(keyOf);
    expect(names).toEqual(["shop/t1", "shop/t2"]);
  });

  it("selects nothing with an empty selector", () => {
    const world = fixtureWorld();
    putPod(world, "t1", "shop", { labels: { app: "tomcat" } });
    expect(world.store.podsMatching("shop", {})).toEqual([]);
  });

  it("follows relabelling and deletion", () => {
    const world = fixtureWorld();
    putPod(world, "t1", "shop", { labels: { app: "tomcat" } });
    putPod(world, "t2", "shop", { labels: { app: "tomcat" } });
    update(world, "Pod", "shop/t1", (p) => {
      p.metadata.labels = { app: "debug" };
    });
    expect(world.store.podsMatching("shop", { app: "tomcat" }).map(keyOf)).toEqual(["shop/t2"]);
    expect(world.store.podsMatching("shop", { app: "debug" }).map(keyOf)).toEqual(["shop/t1"]);
    world.store.delete("Pod", "shop/t2");
    expect(world.store.podsMatching("shop", { app: "tomcat" })).toEqual([]);
  });
});

describe("IP indexes", () => {
  it("finds the pod holding an IP, and forgets it when the pod goes", () => {
    const world = fixtureWorld();
    putPod(world, "a", "shop", { node: "node-1", ip: "10.244.1.2" });
    expect(world.store.podWithIP("10.244.1.2")?.metadata.name).toBe("a");
    expect(world.store.podWithIP("10.244.1.3")).toBeUndefined();
    world.store.delete("Pod", "shop/a");
    expect(world.store.podWithIP("10.244.1.2")).toBeUndefined();
  });

  it("finds a Service by ClusterIP; headless Services are not indexed; delete releases the IP", () => {
    const world = fixtureWorld();
    const svc = apply(world, service("tomcat", "shop", { app: "tomcat" }))[0] as Service;
    apply(world, service("mysql", "shop", { app: "mysql" }, { clusterIP: "None" }));
    const ip = svc.spec.clusterIP;
    expect(world.store.serviceWithClusterIP(ip)?.metadata.name).toBe("tomcat");
    expect(world.store.serviceWithClusterIP("None")).toBeUndefined();
    world.store.delete("Service", "shop/tomcat");
    expect(world.store.serviceWithClusterIP(ip)).toBeUndefined();
    expect(world.store.serviceByClusterIP.has(ip)).toBe(false);
  });
});

describe("nodeUsage (the scheduler cache)", () => {
  it("sums the requests of bound, non-terminated pods per node", () => {
    const world = fixtureWorld();
    putPod(world, "a", "shop", { node: "node-1", cpu: 100 });
    putPod(world, "b", "shop", { node: "node-1", cpu: 250 });
    putPod(world, "c", "shop", { node: "node-2", cpu: 500 });
    putPod(world, "d", "shop", { cpu: 900 }); // Pending, unbound: counts nowhere
    expect(world.store.nodeUsage.get("node-1")).toEqual({ cpu: 350, memory: 128, pods: 2 });
    expect(world.store.nodeUsage.get("node-2")).toEqual({ cpu: 500, memory: 64, pods: 1 });
    expect(world.store.pendingUnbound.has("shop/d")).toBe(true);
  });

  it("releases a pod's requests when it fails or is deleted", () => {
    const world = fixtureWorld();
    putPod(world, "a", "shop", { node: "node-1", cpu: 100 });
    putPod(world, "b", "shop", { node: "node-1", cpu: 250 });
    update(world, "Pod", "shop/a", (p) => {
      p.status.phase = "Failed";
    });
    expect(world.store.nodeUsage.get("node-1")).toEqual({ cpu: 250, memory: 64, pods: 1 });
    world.store.delete("Pod", "shop/b");
    expect(world.store.nodeUsage.get("node-1")).toEqual({ cpu: 0, memory: 0, pods: 0 });
  });

  it("moves a pod from pendingUnbound to its node when it is bound", () => {
    const world = fixtureWorld();
    putPod(world, "a", "shop", { cpu: 300 });
    update(world, "Pod", "shop/a", (p) => {
      p.spec.nodeName = "node-3";
    });
    expect(world.store.pendingUnbound.size).toBe(0);
    expect(world.store.podsOnNode("node-3").map(keyOf)).toEqual(["shop/a"]);
    expect(world.store.nodeUsage.get("node-3")?.cpu).toBe(300);
  });
});

describe("resourceVersion and watch", () => {
  it("increments resourceVersion on every write and stamps it on the object", () => {
    const world = fixtureWorld();
    const before = world.store.resourceVersion;
    const pod = putPod(world, "a", "shop");
    expect(world.store.resourceVersion).toBe(before + 1);
    expect(pod.metadata.resourceVersion).toBe(String(before + 1));
    const next = update(world, "Pod", "shop/a", (p) => {
      p.metadata.labels.x = "y";
    });
    expect(Number(next.metadata.resourceVersion)).toBe(before + 2);
  });

  it("moves resourceVersion on a delete, as Kubernetes does, and not on deleting nothing", () => {
    const world = fixtureWorld();
    putPod(world, "a", "shop");
    const before = world.store.resourceVersion;
    world.store.delete("Pod", "shop/a");
    // A projection that skips work while resourceVersion stands still must see the pod go.
    expect(world.store.resourceVersion).toBe(before + 1);
    world.store.delete("Pod", "shop/a");
    expect(world.store.resourceVersion).toBe(before + 1);
    expect(putPod(world, "b", "shop").metadata.resourceVersion).toBe(String(before + 2));
  });

  it("emits ADDED, MODIFIED and DELETED watch events with old and new objects", () => {
    const world = fixtureWorld();
    world.store.drainWatch();
    putPod(world, "a", "shop", { labels: { v: "1" } });
    update(world, "Pod", "shop/a", (p) => {
      p.metadata.labels.v = "2";
    });
    world.store.delete("Pod", "shop/a");
    const evs = world.store.drainWatch();
    expect(evs.map((e) => [e.type, e.kind, e.key])).toEqual([
      ["ADDED", "Pod", "shop/a"],
      ["MODIFIED", "Pod", "shop/a"],
      ["DELETED", "Pod", "shop/a"],
    ]);
    expect(evs[0]!.old).toBeUndefined();
    expect(evs[1]!.old?.metadata.labels.v).toBe("1");
    expect(evs[1]!.obj?.metadata.labels.v).toBe("2");
    expect(evs[2]!.obj).toBeUndefined();
    expect(evs[2]!.old?.metadata.labels.v).toBe("2");
    expect(world.store.drainWatch()).toEqual([]);
  });

  it("returns undefined when deleting what does not exist, without a watch event", () => {
    const world = fixtureWorld();
    world.store.drainWatch();
    expect(world.store.delete("Pod", "shop/ghost")).toBeUndefined();
    expect(world.store.drainWatch()).toEqual([]);
  });

  it("indexes pods by owner uid", () => {
    const world = fixtureWorld();
    const owner = putPod(world, "owner-stand-in", "shop");
    putPod(world, "child", "shop", { owner });
    expect(world.store.podsOwnedBy(owner.metadata.uid).map(keyOf)).toEqual(["shop/child"]);
  });
});
