/**
 * Every read of every kind, in every output, stays a kubectl answer (never the console's
 * internal-error line) while the cluster is broken: chaos (nodes down, deleted Services,
 * crashing pods), pods waiting for a scheduler, pods terminating.
 */
import { describe, expect, it } from "vitest";
import { runKubectl } from "../../../shared/kubectl";
import { RESOURCE_TYPES } from "../../../shared/kubectl/resources";
import { createWorld, injectChaos, step, type World } from "../../../shared/sim";

/** Runs every get and describe; returns how many commands it checked. */
function readEverything(w: World): number {
  let checked = 0;
  for (const t of RESOURCE_TYPES) {
    for (const out of ["", " -o wide", " -o yaml", " -o json", " -o name", " --show-labels"]) {
      const r = runKubectl(w, `get ${t.resource} -A${out}`);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.exitCode).toBe(0);
      if (out === " -o json" && r.stdout !== "") expect(JSON.parse(r.stdout).kind).toBe("List");
      checked++;
    }
    expect(runKubectl(w, `describe ${t.resource} -A`).stderr).not.toMatch(/internal error/);
    checked++;
  }
  for (const d of ["deployment/nginx", "deployment/tomcat", "statefulset/mysql"])
    for (const verb of ["status", "history"]) {
      expect(runKubectl(w, `-n shop rollout ${verb} ${d}`).stderr).not.toMatch(/internal error/);
      checked++;
    }
  return checked;
}

describe("reads of a broken cluster", () => {
  it("answers every get and describe of nmt-full through 120 s of its chaos schedule", () => {
    const w = createWorld({ scenario: "nmt-full", seed: 3 });
    let checked = 0;
    for (const until of [20, 40, 60, 80, 100, 120]) {
      while (w.time < until - 1e-9) step(w);
      checked += readEverything(w);
    }
    expect(checked).toBeGreaterThan(500);
  });

  it("answers them with pods pending for a scheduler and pods terminating on a crashed node", () => {
    const w = createWorld({ scenario: "nmt-full", seed: 1, chaos: false });
    // A crashed node's pods are evicted but cannot finish terminating: their kubelet is gone.
    expect(injectChaos(w, { type: "node-crash", target: "node-3" })).toEqual({ ok: true });
    while (w.time < 90) step(w);
    w.roles.scheduler = "manual";
    const scale = { type: "scale", workload: "Deployment/shop/tomcat", replicas: 5 } as const;
    step(w, [{ actor: "t", role: "workload-controller", intent: scale }]);
    for (let i = 0; i < 5; i++) step(w);
    const pods = w.store.list("Pod");
    expect(pods.some((p) => !p.spec.nodeName)).toBe(true);
    expect(pods.some((p) => p.metadata.deletionTimestamp !== undefined)).toBe(true);
    expect(readEverything(w)).toBeGreaterThan(80);
    const pending = pods.find((p) => !p.spec.nodeName)!;
    const described = runKubectl(w, `-n shop describe pod ${pending.metadata.name}`).stdout;
    expect(described).toMatch(/^Node: +<none>$/m);
    expect(described).toMatch(/^Status: +Pending$/m);
    const gone = pods.find((p) => p.metadata.deletionTimestamp !== undefined)!;
    const terminating = runKubectl(
      w,
      `-n ${gone.metadata.namespace} describe pod ${gone.metadata.name}`,
    ).stdout;
    expect(terminating).toMatch(/^Status: +Terminating \(lasts \d+s\)$/m);
  });
});
