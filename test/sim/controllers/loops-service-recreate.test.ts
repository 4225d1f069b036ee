/** Service re-apply loop: a deleted Service with a kept manifest comes back with a new ClusterIP. */
import { describe, expect, it } from "vitest";
import { serviceRecreateController } from "../../../shared/sim/controllers/service-recreate";
import { createWorld } from "../../../shared/sim";
import { putsOf, runSync } from "../fixtures";

describe("service-recreate sync", () => {
  it("does nothing while the Service exists", () => {
    const world = createWorld({ scenario: "nmt", seed: 3, chaos: false });
    expect(runSync(serviceRecreateController, "shop/tomcat", world).changes).toEqual([]);
  });

  it("re-applies a deleted Service from its manifest, with a new ClusterIP", () => {
    const world = createWorld({ scenario: "nmt", seed: 3, chaos: false });
    const old = world.store.get("Service", "shop/tomcat")!;
    world.store.delete("Service", "shop/tomcat");
    const svc = putsOf(runSync(serviceRecreateController, "shop/tomcat", world).changes, "Service")[0]!;
    expect(svc.metadata.name).toBe("tomcat");
    expect(svc.spec.selector).toEqual(old.spec.selector);
    expect(svc.spec.clusterIP).not.toBe(old.spec.clusterIP);
    expect(svc.metadata.uid).not.toBe(old.metadata.uid);
  });

  it("leaves a Service nobody kept a manifest for", () => {
    const world = createWorld({ scenario: "nmt", seed: 3, chaos: false });
    expect(runSync(serviceRecreateController, "shop/unknown", world).changes).toEqual([]);
  });
});
