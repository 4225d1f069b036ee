/**
 * `kubectl rollout status` and `rollout history` (reads): kubectl's status viewers'
 * messages for Deployments, StatefulSets and DaemonSets, computed from the API objects,
 * and a Deployment's revisions from its ReplicaSets' `deployment.kubernetes.io/revision`.
 * The console does not block: `status` prints where the rollout stands now (kubectl's
 * `--watch=false`), and exits 1 while it is not finished so a script could loop on it.
 */
import { isOutdated, updateRevision } from "../sim/controllers/statefulset";
import type { World } from "../sim/world";
import type { Item } from "./get";
import { toApiObject } from "./objects";
import type { ResourceType } from "./resources";
import { fail, ok, type KubectlRun } from "./result";
import { DESCRIBE, tabwrite } from "./tabwriter";

/* eslint-disable @typescript-eslint/no-explicit-any -- status fields read as kubectl's viewers read them. */
type Json = any;

/** `kubectl rollout status` of one workload, as its status viewer words it. */
export function rolloutStatus(world: World, type: ResourceType, item: Item): KubectlRun {
  if (item.type !== "object") return fail("error: no status viewer has been implemented for this resource");
  const obj = item.obj;
  const o: Json = toApiObject(world, obj);
  const st = o.status ?? {};
  const name = item.name;
  const waiting = (text: string) => ({ stdout: text, stderr: "", exitCode: 1, intents: [] });
  if (obj.kind === "Deployment") {
    if ((o.metadata.generation ?? 0) > (st.observedGeneration ?? 0))
      return waiting("Waiting for deployment spec update to be observed...\n");
    const spec = o.spec.replicas ?? 1;
    const updated = st.updatedReplicas ?? 0;
    if (updated < spec)
      return waiting(
        `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${spec} new replicas have been updated...\n`,
      );
    if ((st.replicas ?? 0) > updated)
      return waiting(
        `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...\n`,
      );
    if ((st.availableReplicas ?? 0) < updated)
      return waiting(
        `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`,
      );
    return ok(`deployment "${name}" successfully rolled out\n`);
  }
  if (obj.kind === "StatefulSet") {
    if ((obj.spec.updateStrategy?.type ?? "RollingUpdate") !== "RollingUpdate")
      return fail("error: rollout status is only available for RollingUpdate strategy type");
    const ready = st.readyReplicas ?? 0;
    if (ready < obj.spec.replicas)
      return waiting(`Waiting for ${obj.spec.replicas - ready} pods to be ready...\n`);
    const pods = world.store.podsOwnedBy(obj.metadata.uid);
    const revision = updateRevision(obj);
    const current = pods.filter((p) => !isOutdated(obj, p)).length;
    if (pods.some((p) => isOutdated(obj, p)))
      return waiting(
        `waiting for statefulset rolling update to complete ${current} pods at revision ${revision}...\n`,
      );
    return ok(`statefulset rolling update complete ${current} pods at revision ${revision}...\n`);
  }
  if (obj.kind === "DaemonSet") {
    const desired = st.desiredNumberScheduled ?? 0;
    const updated = st.updatedNumberScheduled ?? 0;
    if (updated < desired)
      return waiting(
        `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`,
      );
    if ((st.numberAvailable ?? 0) < desired)
      return waiting(
        `Waiting for daemon set "${name}" rollout to finish: ${st.numberAvailable ?? 0} of ${desired} updated pods are available...\n`,
      );
    return ok(`daemon set "${name}" successfully rolled out\n`);
  }
  return fail(`error: no status viewer has been implemented for ${type.resource}`);
}

/** `kubectl rollout history deployment/NAME`: its revisions, oldest first. */
export function rolloutHistory(world: World, type: ResourceType, item: Item): KubectlRun {
  if (item.type !== "object" || item.obj.kind !== "Deployment")
    return fail(
      `error: the game keeps no ControllerRevisions, so it has rollout history for deployments only (not ${type.resource})`,
    );
  const d = item.obj;
  const revisions = world.store
    .list("ReplicaSet")
    .filter(
      (rs) =>
        rs.metadata.namespace === d.metadata.namespace &&
        rs.metadata.ownerReferences?.some((r) => r.controller && r.uid === d.metadata.uid),
    )
    .map((rs) => Number(rs.metadata.annotations?.["deployment.kubernetes.io/revision"] ?? 0))
    .filter((r) => r > 0)
    .sort((a, b) => a - b);
  const rows = ["REVISION\tCHANGE-CAUSE", ...revisions.map((r) => `${r}\t<none>`)].join("\n");
  return ok(`deployment.apps/${d.metadata.name} \n${tabwrite(`${rows}\n`, DESCRIBE)}\n`);
}
