import { describe, expect, it } from "vitest";
import { createWorld, setRoleMode, step, type QueuedIntent, type World } from "../../shared/sim";

const worker = (intent: QueuedIntent["intent"]): QueuedIntent => ({
  actor: "p1",
  role: "workload-controller",
  intent,
});

function tomcatReplicaSet(world: World) {
  const rs = world.store.list("ReplicaSet").find((r) => r.metadata.name.startsWith("tomcat-"));
  if (!rs) throw new Error("no tomcat ReplicaSet");
  return rs;
}

describe("scale intent", () => {
  it("with a person as workload controller, scaling a Deployment also scales its current ReplicaSet", () => {
    const world = createWorld({ scenario: "nmt", seed: 5, chaos: false });
    setRoleMode(world, "workload-controller", "manual");
    const { results } = step(world, [
      worker({ type: "scale", workload: "Deployment/shop/tomcat", replicas: 3 }),
    ]);
    expect(results[0]).toMatchObject({
      ok: true,
      kubectl: "kubectl -n shop scale deployment tomcat --replicas=3",
    });
    expect(world.store.get("Deployment", "shop/tomcat")!.spec.replicas).toBe(3);
    expect(tomcatReplicaSet(world).spec.replicas).toBe(3);
  });

  it("moves a Deployment's ReplicaSet only within its rollout: past spec.replicas is refused, nothing changes", () => {
    const world = createWorld({ scenario: "nmt", seed: 5, chaos: false });
    setRoleMode(world, "workload-controller", "manual");
    const rs = tomcatReplicaSet(world).metadata.name;
    const { results } = step(world, [
      worker({ type: "scale", workload: `ReplicaSet/shop/${rs}`, replicas: 4 }),
    ]);
    expect(results[0]).toMatchObject({
      ok: false,
      code: "CONFLICT",
      kubectl: `kubectl -n shop scale replicaset ${rs} --replicas=4`,
    });
    expect(results[0]!.message).toContain("more than deployment tomcat's replicas (2)");
    expect(tomcatReplicaSet(world).spec.replicas).toBe(2);
    expect(world.store.get("Deployment", "shop/tomcat")!.spec.replicas).toBe(2);
  });

  it("refuses a replica count outside 0..10 and changes nothing", () => {
    const world = createWorld({ scenario: "nmt", seed: 5, chaos: false });
    const { results } = step(world, [
      worker({ type: "scale", workload: "Deployment/shop/tomcat", replicas: 11 }),
    ]);
    expect(results[0]).toMatchObject({ ok: false, code: "INVALID" });
    expect(world.store.get("Deployment", "shop/tomcat")!.spec.replicas).toBe(2);
  });
});
