import { describe, expect, it } from "vitest";
import { replicaSetController } from "../../../shared/sim/controllers/replicaset";
import { NAME_ALPHABET } from "../../../shared/sim/rng";
import type { ReplicaSet } from "../../../shared/sim/types";
import {
  apply,
  deletesOf,
  eventsOf,
  fixtureWorld,
  putPod,
  putsOf,
  replicaSet,
  run,
  runSync,
  settle,
  update,
} from "../fixtures";

const LABELS = { app: "tomcat" };
const SUFFIX = new RegExp(`^tomcat-abc-[${NAME_ALPHABET}]{5}$`);

function rsWorld(replicas: number) {
  const world = fixtureWorld();
  const rs = apply(world, replicaSet("tomcat-abc", "shop", LABELS, replicas))[0] as ReplicaSet;
  return { world, rs };
}

describe("ReplicaSet controller", () => {
  it("creates one Pending pod named <rs>-<5 chars> with an ownerReference when one is missing", () => {
    const { world, rs } = rsWorld(2);
    putPod(world, "tomcat-abc-aaaaa", "shop", { labels: LABELS, owner: rs, node: "node-1" });
    const { changes } = runSync(replicaSetController, "shop/tomcat-abc", world);
    const pods = putsOf(changes, "Pod");
    expect(pods).toHaveLength(1);
    const pod = pods[0]!;
    expect(pod.metadata.name).toMatch(SUFFIX);
    expect(pod.metadata.namespace).toBe("shop");
    expect(pod.status.phase).toBe("Pending");
    expect(pod.spec.nodeName).toBeUndefined();
    expect(pod.metadata.labels).toEqual(LABELS);
    expect(pod.metadata.ownerReferences).toEqual([
      {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        name: "tomcat-abc",
        uid: rs.metadata.uid,
        controller: true,
      },
    ]);
    expect(eventsOf(changes).map((e) => e.type)).toContain("SuccessfulCreate");
  });

  it("does nothing to pods when the count is right", () => {
    const { world, rs } = rsWorld(1);
    putPod(world, "tomcat-abc-aaaaa", "shop", { labels: LABELS, owner: rs, node: "node-1" });
    update(world, "ReplicaSet", "shop/tomcat-abc", (r) => {
      r.status = { replicas: 1, readyReplicas: 1, availableReplicas: 1 };
    });
    expect(runSync(replicaSetController, "shop/tomcat-abc", world).changes).toEqual([]);
  });

  it("ignores pods it does not own, even with matching labels", () => {
    const { world } = rsWorld(1);
    putPod(world, "stray", "shop", { labels: LABELS, node: "node-1" });
    expect(putsOf(runSync(replicaSetController, "shop/tomcat-abc", world).changes, "Pod")).toHaveLength(1);
  });

  it("scales down unbound and not-ready pods before Ready ones", () => {
    const { world, rs } = rsWorld(1);
    putPod(world, "tomcat-abc-ready", "shop", { labels: LABELS, owner: rs, node: "node-1" });
    putPod(world, "tomcat-abc-notrd", "shop", { labels: LABELS, owner: rs, node: "node-2", ready: false });
    putPod(world, "tomcat-abc-pendg", "shop", { labels: LABELS, owner: rs });
    const { changes } = runSync(replicaSetController, "shop/tomcat-abc", world);
    expect(deletesOf(changes).sort()).toEqual(["Pod/shop/tomcat-abc-notrd", "Pod/shop/tomcat-abc-pendg"]);
  });

  it("deletes a Failed pod and creates a replacement", () => {
    const { world, rs } = rsWorld(1);
    putPod(world, "tomcat-abc-faild", "shop", { labels: LABELS, owner: rs, node: "node-1", phase: "Failed" });
    const { changes } = runSync(replicaSetController, "shop/tomcat-abc", world);
    expect(deletesOf(changes)).toEqual(["Pod/shop/tomcat-abc-faild"]);
    expect(putsOf(changes, "Pod")).toHaveLength(1);
  });

  it("reports replicas and readyReplicas in status", () => {
    const { world, rs } = rsWorld(2);
    putPod(world, "tomcat-abc-aaaaa", "shop", { labels: LABELS, owner: rs, node: "node-1" });
    putPod(world, "tomcat-abc-bbbbb", "shop", { labels: LABELS, owner: rs, node: "node-2", ready: false });
    const [next] = putsOf(runSync(replicaSetController, "shop/tomcat-abc", world).changes, "ReplicaSet");
    expect(next?.status).toEqual({ replicas: 2, readyReplicas: 1, availableReplicas: 1 });
  });

  it("returns nothing for a ReplicaSet that no longer exists", () => {
    const world = fixtureWorld();
    expect(runSync(replicaSetController, "shop/nope", world).changes).toEqual([]);
  });

  it("replaces a deleted pod with a new pod: new name, and once running a new IP", () => {
    const { world } = rsWorld(1);
    settle(world, 5);
    const [first] = world.store.podsMatching("shop", LABELS);
    expect(first?.status.podIP).toBeDefined();
    world.store.delete("Pod", `shop/${first!.metadata.name}`);
    run(world, 5);
    const [second] = world.store.podsMatching("shop", LABELS);
    expect(second).toBeDefined();
    expect(second!.metadata.name).toMatch(SUFFIX);
    expect(second!.metadata.name).not.toBe(first!.metadata.name);
    expect(second!.metadata.uid).not.toBe(first!.metadata.uid);
    expect(second!.status.phase).toBe("Running");
    expect(second!.status.podIP).toBeDefined();
    expect(second!.status.podIP).not.toBe(first!.status.podIP);
  });
});
