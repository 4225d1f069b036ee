/**
 * The fixed world the kubectl golden tests read: nmt-full, seed 1, no scheduled chaos;
 * at game second 0 the workload controller scales tomcat to 3, at second 100 it deletes
 * one nginx pod (its ReplicaSet replaces it); stepped to second 150.
 */
import { createWorld, step, type QueuedIntent, type World } from "../../../shared/sim";

/** The golden tests' world (a new one each call: tests may not share a mutable world). */
export function goldenWorld(): World {
  const w = createWorld({ scenario: "nmt-full", seed: 1, chaos: false });
  const actor = "golden";
  const role = "workload-controller" as const;
  const scale: QueuedIntent = {
    actor,
    role,
    intent: { type: "scale", workload: "Deployment/shop/tomcat", replicas: 3 },
  };
  step(w, [scale]);
  while (w.time < 100 - 1e-9) step(w);
  const nginx = w.store.list("Pod").find((p) => p.metadata.name.startsWith("nginx-"))!;
  step(w, [{ actor, role, intent: { type: "deletePod", pod: `shop/${nginx.metadata.name}` } }]);
  while (w.time < 150 - 1e-9) step(w);
  return w;
}
