import { describe, expect, it } from "vitest";
import { garbageCollector } from "../../../shared/sim/controllers/garbage-collector";
import type { ReplicaSet } from "../../../shared/sim/types";
import { apply, deletesOf, deployment, fixtureWorld, putPod, replicaSet, runSync } from "../fixtures";

describe("garbage collector", () => {
  it("deletes a pod whose owning ReplicaSet is gone", () => {
    const world = fixtureWorld();
    const rs = apply(world, replicaSet("web-abc", "shop", { app: "web" }, 1))[0] as ReplicaSet;
    putPod(world, "web-abc-11111", "shop", { owner: rs, node: "node-1" });
    world.store.delete("ReplicaSet", "shop/web-abc");
    expect(deletesOf(runSync(garbageCollector, "Pod|shop/web-abc-11111", world).changes)).toEqual([
      "Pod/shop/web-abc-11111",
    ]);
  });

  it("keeps a pod whose owner still exists", () => {
    const world = fixtureWorld();
    const rs = apply(world, replicaSet("web-abc", "shop", { app: "web" }, 1))[0] as ReplicaSet;
    putPod(world, "web-abc-11111", "shop", { owner: rs, node: "node-1" });
    expect(runSync(garbageCollector, "Pod|shop/web-abc-11111", world).changes).toEqual([]);
  });

  it("deletes a pod whose owner was recreated under the same name (another uid)", () => {
    const world = fixtureWorld();
    const rs = apply(world, replicaSet("web-abc", "shop", { app: "web" }, 1))[0] as ReplicaSet;
    putPod(world, "web-abc-11111", "shop", { owner: rs, node: "node-1" });
    world.store.delete("ReplicaSet", "shop/web-abc");
    apply(world, replicaSet("web-abc", "shop", { app: "web" }, 1));
    expect(deletesOf(runSync(garbageCollector, "Pod|shop/web-abc-11111", world).changes)).toHaveLength(1);
  });

  it("keeps objects without a controller owner", () => {
    const world = fixtureWorld();
    putPod(world, "bare", "shop", { node: "node-1" });
    expect(runSync(garbageCollector, "Pod|shop/bare", world).changes).toEqual([]);
  });

  it("cascades: deleting a Deployment enqueues its ReplicaSets, which are then deleted", () => {
    const world = fixtureWorld();
    const d = apply(world, deployment("web", "shop", { app: "web" }, 1))[0]!;
    const rs = apply(world, replicaSet("web-abc", "shop", { app: "web" }, 1))[0] as ReplicaSet;
    const owned = {
      ...rs,
      metadata: {
        ...rs.metadata,
        ownerReferences: [
          { apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: d.metadata.uid, controller: true },
        ],
      },
    };
    world.store.put(owned);
    world.store.drainWatch();
    world.store.delete("Deployment", "shop/web");
    const keys: string[] = [];
    for (const ev of world.store.drainWatch()) garbageCollector.enqueue(ev, world, (k) => keys.push(k));
    expect(keys).toEqual(["ReplicaSet|shop/web-abc"]);
    expect(deletesOf(runSync(garbageCollector, keys[0]!, world).changes)).toEqual([
      "ReplicaSet/shop/web-abc",
    ]);
  });
});
