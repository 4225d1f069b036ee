/**
 * The deployment controller's rolling update on a whole fixture world (fact 5): at every
 * tick the Deployment's pods stay within `replicas + maxSurge` and its Ready pods at or above
 * `replicas − maxUnavailable`; the rollout finishes; `rollout undo` renumbers the ReplicaSet
 * rolled back to, so a later undo never returns to a broken revision.
 */
import { describe, expect, it } from "vitest";
import type { Manifest } from "../../../shared/sim/apiserver";
import { REVISION_ANNOTATION, rolloutLimits } from "../../../shared/sim/controllers/deployment";
import { ownedReplicaSets, revisionOf } from "../../../shared/sim/controllers/rollout";
import { step } from "../../../shared/sim/step";
import { isPodReady, type World } from "../../../shared/sim/world";
import { apply, fixtureWorld, podTemplate, settle, update } from "../fixtures";

const LABELS = { app: "web", tier: "frontend" };

function web(replicas: number, maxSurge: string, maxUnavailable: string): Manifest {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "shop", labels: LABELS },
    spec: {
      replicas,
      selector: { matchLabels: LABELS },
      template: podTemplate(LABELS),
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge, maxUnavailable } },
    },
  };
}

/** A settled world with Deployment `shop/web`, every pod Ready. */
function webWorld(replicas: number, maxSurge = "25%", maxUnavailable = "25%"): World {
  const world = fixtureWorld({ nodes: 4 });
  apply(world, web(replicas, maxSurge, maxUnavailable));
  settle(world, 15);
  return world;
}

const deploymentOf = (w: World) => w.store.get("Deployment", "shop/web")!;

/** The Deployment's live pods (not finished, not being deleted) and how many are Ready. */
function count(w: World): { pods: number; ready: number } {
  const pods = ownedReplicaSets(w, deploymentOf(w))
    .flatMap((rs) => w.store.podsOwnedBy(rs.metadata.uid))
    .filter(
      (p) => !p.metadata.deletionTimestamp && p.status.phase !== "Succeeded" && p.status.phase !== "Failed",
    );
  return { pods: pods.length, ready: pods.filter(isPodReady).length };
}

function setImage(w: World, image: string): void {
  update(w, "Deployment", "shop/web", (d) => {
    d.spec.template.spec.containers[0]!.image = image;
    d.metadata.generation = (d.metadata.generation ?? 1) + 1;
  });
}

/** Steps until every pod runs `image` and is Ready; records the extremes on the way. */
function rollTo(
  w: World,
  image: string,
  seconds = 120,
): { minReady: number; maxPods: number; done: boolean } {
  let minReady = Infinity;
  let maxPods = 0;
  for (let i = 0; i < seconds * 10; i++) {
    step(w);
    const c = count(w);
    minReady = Math.min(minReady, c.ready);
    maxPods = Math.max(maxPods, c.pods);
    const live = ownedReplicaSets(w, deploymentOf(w)).flatMap((rs) => w.store.podsOwnedBy(rs.metadata.uid));
    const d = deploymentOf(w);
    if (
      live.length === d.spec.replicas &&
      live.every((p) => isPodReady(p) && p.spec.containers[0]!.image === image)
    )
      return { minReady, maxPods, done: true };
  }
  return { minReady, maxPods, done: false };
}

describe("rolling update (autopilot)", () => {
  const cases: [replicas: number, maxSurge: string, maxUnavailable: string][] = [
    [1, "25%", "25%"],
    [2, "25%", "25%"],
    [3, "25%", "25%"],
    [4, "25%", "25%"],
    [5, "25%", "25%"],
    [8, "25%", "25%"],
    [4, "1", "0"],
    [4, "0", "1"],
    [6, "50%", "50%"],
  ];
  for (const [replicas, surge, unavailable] of cases)
    it(`${replicas} replicas, maxSurge ${surge}, maxUnavailable ${unavailable}: within both bounds at every tick, and done`, () => {
      const w = webWorld(replicas, surge, unavailable);
      const { maxSurge, maxUnavailable } = rolloutLimits(deploymentOf(w));
      expect(count(w)).toEqual({ pods: replicas, ready: replicas });
      setImage(w, "nginx:1.26");
      const r = rollTo(w, "nginx:1.26");
      expect(r.done).toBe(true);
      expect(r.minReady).toBeGreaterThanOrEqual(replicas - maxUnavailable);
      expect(r.maxPods).toBeLessThanOrEqual(replicas + maxSurge);
    });

  it("with the default 2 replicas never drops below 2 Ready, and with 4 never below 3 (the issue's numbers)", () => {
    for (const [replicas, floor] of [
      [2, 2],
      [4, 3],
    ] as const) {
      const w = webWorld(replicas);
      setImage(w, "nginx:1.26");
      expect(rollTo(w, "nginx:1.26").minReady).toBe(floor);
    }
  });

  it("a new template whose pods never start leaves the old pods serving, all of them Ready", () => {
    const w = webWorld(4);
    setImage(w, "nginx:does-not-exist");
    const r = rollTo(w, "nginx:does-not-exist", 40);
    expect(r.done).toBe(false);
    expect(r.minReady).toBeGreaterThanOrEqual(3);
    expect(count(w).pods).toBeLessThanOrEqual(5);
  });
});

describe("rollout undo and revisions (autopilot)", () => {
  /** `kubectl rollout undo deployment/web`, through the intent. */
  function undo(w: World): void {
    const { results } = step(w, [
      {
        actor: "ada",
        role: "workload-controller",
        intent: { type: "rolloutUndo", workload: "Deployment/shop/web" },
      },
    ]);
    expect(results[0]?.ok).toBe(true);
  }
  const revisions = (w: World) =>
    Object.fromEntries(
      ownedReplicaSets(w, deploymentOf(w)).map((rs) => [
        rs.spec.template.spec.containers[0]!.image,
        revisionOf(rs),
      ]),
    );

  it("renumbers the ReplicaSet rolled back to as the newest revision", () => {
    const w = webWorld(2);
    setImage(w, "nginx:does-not-exist");
    rollTo(w, "nginx:does-not-exist", 10);
    expect(revisions(w)).toEqual({ "nginx:1.25": 1, "nginx:does-not-exist": 2 });
    undo(w);
    expect(rollTo(w, "nginx:1.25", 30).done).toBe(true);
    expect(revisions(w)).toEqual({ "nginx:1.25": 3, "nginx:does-not-exist": 2 });
    const rs = ownedReplicaSets(w, deploymentOf(w)).find((x) => revisionOf(x) === 3)!;
    expect(rs.metadata.annotations?.[REVISION_ANNOTATION]).toBe("3");
  });

  it("a bad rollout, undo, another bad rollout, undo again → the last good template", () => {
    const w = webWorld(2);
    setImage(w, "nginx:does-not-exist");
    rollTo(w, "nginx:does-not-exist", 10);
    undo(w);
    rollTo(w, "nginx:1.25", 30);
    setImage(w, "nginx:broken");
    rollTo(w, "nginx:broken", 10);
    undo(w);
    expect(deploymentOf(w).spec.template.spec.containers[0]!.image).toBe("nginx:1.25");
    expect(rollTo(w, "nginx:1.25", 30).done).toBe(true);
  });
});
