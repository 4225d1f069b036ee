import { describe, expect, it } from "vitest";
import { templateHash } from "../../../shared/sim/apiserver";
import { deploymentController, REVISION_ANNOTATION } from "../../../shared/sim/controllers/deployment";
import type { Deployment } from "../../../shared/sim/types";
import { apply, deployment, eventsOf, fixtureWorld, putsOf, runSync, update } from "../fixtures";

const LABELS = { app: "tomcat", tier: "backend" };

function deploymentWorld(replicas: number) {
  const world = fixtureWorld();
  const d = apply(world, deployment("tomcat", "shop", LABELS, replicas))[0] as Deployment;
  return { world, d };
}

/** Runs one sync and applies its ReplicaSet puts, as the loop machinery would. */
function syncAndApply(world: ReturnType<typeof fixtureWorld>) {
  const { changes } = runSync(deploymentController, "shop/tomcat", world);
  for (const rs of putsOf(changes, "ReplicaSet")) world.store.put(rs);
  return changes;
}

describe("Deployment controller", () => {
  it("creates a ReplicaSet <deployment>-<template hash> owned by the Deployment", () => {
    const { world, d } = deploymentWorld(2);
    const { changes } = runSync(deploymentController, "shop/tomcat", world);
    const sets = putsOf(changes, "ReplicaSet");
    expect(sets).toHaveLength(1);
    const rs = sets[0]!;
    const hash = templateHash(d.spec.template);
    expect(rs.metadata.name).toBe(`tomcat-${hash}`);
    expect(rs.spec.replicas).toBe(2);
    expect(rs.metadata.ownerReferences?.[0]).toMatchObject({
      kind: "Deployment",
      name: "tomcat",
      uid: d.metadata.uid,
      controller: true,
    });
    expect(rs.spec.selector.matchLabels).toEqual({ ...LABELS, "pod-template-hash": hash });
    expect(rs.spec.template.metadata.labels["pod-template-hash"]).toBe(hash);
    expect(rs.metadata.annotations?.[REVISION_ANNOTATION]).toBe("1");
    expect(eventsOf(changes)[0]?.type).toBe("ScalingReplicaSet");
  });

  it("gives the same template the same hash and a different template another", () => {
    const { d } = deploymentWorld(2);
    const changed = structuredClone(d.spec.template);
    changed.spec.containers[0]!.image = "nginx:1.26";
    expect(templateHash(structuredClone(d.spec.template))).toBe(templateHash(d.spec.template));
    expect(templateHash(changed)).not.toBe(templateHash(d.spec.template));
  });

  it("follows spec.replicas in the steady state", () => {
    const { world } = deploymentWorld(2);
    syncAndApply(world);
    update(world, "Deployment", "shop/tomcat", (x) => {
      x.spec.replicas = 3;
    });
    const changes = runSync(deploymentController, "shop/tomcat", world).changes;
    const [rs] = putsOf(changes, "ReplicaSet");
    expect(rs?.spec.replicas).toBe(3);
    expect(eventsOf(changes).some((e) => /Scaled up replica set tomcat-\w+ to 3/.test(e.message))).toBe(true);
  });

  it("starts a rollout on a template change: a new ReplicaSet within the surge budget", () => {
    const { world } = deploymentWorld(4);
    syncAndApply(world);
    update(world, "Deployment", "shop/tomcat", (x) => {
      x.spec.template.spec.containers[0]!.image = "nginx:1.26";
    });
    const sets = putsOf(runSync(deploymentController, "shop/tomcat", world).changes, "ReplicaSet");
    expect(sets).toHaveLength(1);
    // 4 replicas, maxSurge 25% → 1: at most 5 pods, and 4 are already asked of the old set.
    expect(sets[0]!.spec.replicas).toBe(1);
    expect(sets[0]!.metadata.annotations?.[REVISION_ANNOTATION]).toBe("2");
  });

  it("copies the ReplicaSets' counts into its status", () => {
    const { world } = deploymentWorld(2);
    syncAndApply(world);
    const rs = world.store.list("ReplicaSet")[0]!;
    update(world, "ReplicaSet", `shop/${rs.metadata.name}`, (r) => {
      r.status = { replicas: 2, readyReplicas: 1, availableReplicas: 1 };
    });
    const [d] = putsOf(runSync(deploymentController, "shop/tomcat", world).changes, "Deployment");
    expect(d?.status).toMatchObject({
      replicas: 2,
      readyReplicas: 1,
      availableReplicas: 1,
      updatedReplicas: 2,
    });
  });

  it("returns nothing for a Deployment that no longer exists", () => {
    expect(runSync(deploymentController, "shop/ghost", fixtureWorld()).changes).toEqual([]);
  });
});
