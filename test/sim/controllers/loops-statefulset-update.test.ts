/**
 * A StatefulSet's RollingUpdate (the default strategy): a changed template reaches the pods
 * highest ordinal first, one at a time, each deleted and recreated from the new template
 * only while every pod is Running and Ready; each pod's `controller-revision-hash` names the
 * revision it was made from. OnDelete leaves the pods alone.
 */
import { describe, expect, it } from "vitest";
import { createWorld, step, type World } from "../../../shared/sim";
import { REVISION_LABEL, updateRevision } from "../../../shared/sim/controllers/statefulset";
import type { StatefulSet } from "../../../shared/sim/types";
import { isPodReady } from "../../../shared/sim/world";
import { apply, fixtureWorld, settle, statefulSet, update } from "../fixtures";

function dbWorld(replicas: number, strategy?: "OnDelete"): World {
  const world = fixtureWorld({ nodes: 3 });
  const m = statefulSet("db", "shop", { app: "db" }, replicas);
  if (strategy && m.kind === "StatefulSet") m.spec.updateStrategy = { type: strategy };
  apply(world, m);
  settle(world, 30);
  return world;
}

const pods = (w: World) => w.store.podsMatching("shop", { app: "db" });
const imageOf = (w: World, name: string) => w.store.get("Pod", `shop/${name}`)?.spec.containers[0]!.image;

function setImage(w: World, image: string): StatefulSet {
  return update(w, "StatefulSet", "shop/db", (s) => {
    s.spec.template.spec.containers[0]!.image = image;
  });
}

describe("StatefulSet RollingUpdate (autopilot)", () => {
  it("replaces db-2, then db-1, then db-0, each only while every other pod is Running and Ready", () => {
    const w = dbWorld(3);
    expect(pods(w).filter(isPodReady)).toHaveLength(3);
    const sts = setImage(w, "mysql:8.4");
    const order: string[] = [];
    for (let i = 0; i < 900 && order.length < 3; i++) {
      const before = pods(w);
      step(w);
      for (const p of before)
        if (w.store.get("Pod", `shop/${p.metadata.name}`)?.metadata.uid !== p.metadata.uid) {
          // Deleted this tick: every pod was Running and Ready just before.
          expect(before.every(isPodReady)).toBe(true);
          order.push(p.metadata.name);
        }
    }
    expect(order).toEqual(["db-2", "db-1", "db-0"]);
    const settled = () => pods(w).length === 3 && pods(w).every(isPodReady);
    for (let i = 0; i < 100 && !settled(); i++) step(w);
    for (const name of ["db-0", "db-1", "db-2"]) {
      expect(imageOf(w, name)).toBe("mysql:8.4");
      expect(w.store.get("Pod", `shop/${name}`)!.metadata.labels[REVISION_LABEL]).toBe(updateRevision(sts));
    }
    // Each kept its volume.
    expect(w.store.get("Pod", "shop/db-0")!.spec.volumes).toContainEqual({
      name: "data",
      persistentVolumeClaim: { claimName: "data-db-0" },
    });
  });

  it("labels new pods with the template's revision; a changed template is a new revision", () => {
    const w = dbWorld(1);
    const before = w.store.get("StatefulSet", "shop/db")!;
    expect(w.store.get("Pod", "shop/db-0")!.metadata.labels[REVISION_LABEL]).toBe(updateRevision(before));
    expect(updateRevision(before)).toMatch(/^db-[a-z0-9]+$/);
    expect(updateRevision(setImage(w, "mysql:8.4"))).not.toBe(updateRevision(before));
  });

  it("OnDelete leaves the pods on the old template", () => {
    const w = dbWorld(2, "OnDelete");
    setImage(w, "mysql:8.4");
    for (let i = 0; i < 200; i++) step(w);
    expect([imageOf(w, "db-0"), imageOf(w, "db-1")]).toEqual(["mysql:8.0", "mysql:8.0"]);
  });

  it("`kubectl set image statefulset/mysql` rolls mysql-0 to the new image, keeping data-mysql-0", () => {
    const w = createWorld({ scenario: "nmt", seed: 3, chaos: false });
    const pvc = w.store.get("PersistentVolumeClaim", "shop/data-mysql-0")!.metadata.uid;
    const { results } = step(w, [
      {
        actor: "ada",
        role: "workload-controller",
        intent: {
          type: "setImage",
          workload: "StatefulSet/shop/mysql",
          container: "mysql",
          image: "mysql:8.4",
        },
      },
    ]);
    expect(results[0]).toMatchObject({
      ok: true,
      kubectl: "kubectl -n shop set image statefulset/mysql mysql=mysql:8.4",
    });
    for (
      let i = 0;
      i < 300 && !(imageOf(w, "mysql-0") === "mysql:8.4" && isPodReady(w.store.get("Pod", "shop/mysql-0")!));
      i++
    )
      step(w);
    expect(imageOf(w, "mysql-0")).toBe("mysql:8.4");
    expect(isPodReady(w.store.get("Pod", "shop/mysql-0")!)).toBe(true);
    expect(w.store.get("PersistentVolumeClaim", "shop/data-mysql-0")!.metadata.uid).toBe(pvc);
  });
});
