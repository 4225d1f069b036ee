import { describe, expect, it } from "vitest";
import { persistentVolumeBinder } from "../../../shared/sim/controllers/persistentvolume";
import type { PersistentVolumeClaim } from "../../../shared/sim/types";
import { apply, eventsOf, fixtureWorld, putsOf, runSync } from "../fixtures";

function pvcWorld() {
  const world = fixtureWorld();
  const [pvc] = apply(world, {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "data-mysql-0", namespace: "shop" },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
  }) as PersistentVolumeClaim[];
  return { world, pvc: pvc! };
}

describe("PersistentVolume binder", () => {
  it("binds a Pending claim to a provisioned volume pvc-<uid>", () => {
    const { world, pvc } = pvcWorld();
    expect(pvc.status.phase).toBe("Pending");
    const { changes } = runSync(persistentVolumeBinder, "shop/data-mysql-0", world);
    const [bound] = putsOf(changes, "PersistentVolumeClaim");
    expect(bound?.status.phase).toBe("Bound");
    expect(bound?.spec.volumeName).toBe(`pvc-${pvc.metadata.uid}`);
    expect(eventsOf(changes)[0]?.type).toBe("ProvisioningSucceeded");
  });

  it("leaves a Bound claim (and its volume) alone", () => {
    const { world } = pvcWorld();
    for (const p of putsOf(
      runSync(persistentVolumeBinder, "shop/data-mysql-0", world).changes,
      "PersistentVolumeClaim",
    ))
      world.store.put(p);
    expect(runSync(persistentVolumeBinder, "shop/data-mysql-0", world).changes).toEqual([]);
  });

  it("returns nothing for a claim that does not exist", () => {
    expect(runSync(persistentVolumeBinder, "shop/ghost", fixtureWorld()).changes).toEqual([]);
  });
});
