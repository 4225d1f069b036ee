import { describe, expect, it } from "vitest";
import { statefulSetController } from "../../../shared/sim/controllers/statefulset";
import type { StatefulSet } from "../../../shared/sim/types";
import { apply, deletesOf, fixtureWorld, putPod, putsOf, runSync, statefulSet } from "../fixtures";

const LABELS = { app: "mysql" };

function stsWorld(replicas: number) {
  const world = fixtureWorld();
  const sts = apply(world, statefulSet("mysql", "shop", LABELS, replicas))[0] as StatefulSet;
  return { world, sts };
}

describe("StatefulSet controller", () => {
  it("creates mysql-0 with its PVC data-mysql-0 and a stable DNS identity", () => {
    const { world, sts } = stsWorld(1);
    const { changes } = runSync(statefulSetController, "shop/mysql", world);
    const [pvc] = putsOf(changes, "PersistentVolumeClaim");
    const [pod] = putsOf(changes, "Pod");
    expect(pvc?.metadata.name).toBe("data-mysql-0");
    expect(pvc?.status.phase).toBe("Pending");
    expect(pod?.metadata.name).toBe("mysql-0");
    expect(pod?.spec.hostname).toBe("mysql-0");
    expect(pod?.spec.subdomain).toBe("mysql");
    expect(pod?.spec.volumes).toContainEqual({
      name: "data",
      persistentVolumeClaim: { claimName: "data-mysql-0" },
    });
    expect(pod?.metadata.labels["statefulset.kubernetes.io/pod-name"]).toBe("mysql-0");
    expect(pod?.metadata.ownerReferences?.[0]).toMatchObject({ kind: "StatefulSet", uid: sts.metadata.uid });
  });

  it("creates pods in order: nothing past an ordinal that is not yet Ready", () => {
    const { world, sts } = stsWorld(3);
    putPod(world, "mysql-0", "shop", { labels: LABELS, owner: sts, node: "node-1", ready: false });
    expect(putsOf(runSync(statefulSetController, "shop/mysql", world).changes, "Pod")).toEqual([]);
  });

  it("creates only the next ordinal once its predecessor is Ready", () => {
    const { world, sts } = stsWorld(3);
    putPod(world, "mysql-0", "shop", { labels: LABELS, owner: sts, node: "node-1" });
    const pods = putsOf(runSync(statefulSetController, "shop/mysql", world).changes, "Pod");
    expect(pods.map((p) => p.metadata.name)).toEqual(["mysql-1"]);
  });

  it("reuses an existing claim: a recreated mysql-0 mounts the same data-mysql-0", () => {
    const { world } = stsWorld(1);
    const first = runSync(statefulSetController, "shop/mysql", world).changes;
    for (const pvc of putsOf(first, "PersistentVolumeClaim")) world.store.put(pvc);
    const { changes } = runSync(statefulSetController, "shop/mysql", world);
    expect(putsOf(changes, "PersistentVolumeClaim")).toEqual([]);
    expect(putsOf(changes, "Pod")[0]?.spec.volumes?.[0]?.persistentVolumeClaim?.claimName).toBe(
      "data-mysql-0",
    );
  });

  it("scales down from the highest ordinal, one pod at a time", () => {
    const { world, sts } = stsWorld(1);
    for (const i of [0, 1, 2])
      putPod(world, `mysql-${i}`, "shop", { labels: LABELS, owner: sts, node: "node-1" });
    expect(deletesOf(runSync(statefulSetController, "shop/mysql", world).changes)).toEqual([
      "Pod/shop/mysql-2",
    ]);
  });

  it("reports replicas and readyReplicas in status", () => {
    const { world, sts } = stsWorld(2);
    putPod(world, "mysql-0", "shop", { labels: LABELS, owner: sts, node: "node-1" });
    putPod(world, "mysql-1", "shop", { labels: LABELS, owner: sts, node: "node-2", ready: false });
    const [next] = putsOf(runSync(statefulSetController, "shop/mysql", world).changes, "StatefulSet");
    expect(next?.status).toMatchObject({ replicas: 2, readyReplicas: 1 });
  });
});
