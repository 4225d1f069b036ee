/**
 * Service re-apply (the service controller's "keep the Services that git says exist"): a
 * Service deleted while its manifest is still kept is applied again. The API server gives
 * the new Service a NEW ClusterIP — its name is the same, its address is not — so every
 * client that cached or hard-coded the old address breaks until DNS and caches catch up.
 * In manual mode a player does this with the `recreateService` intent.
 */
import { materialize } from "../apiserver";
import { event, put, type Change, type ControlLoop } from "../loop";
import type { World } from "../world";

/** The changes that recreate a deleted Service from its kept manifest (shared by loop and intent). */
export function recreateServiceChanges(world: World, key: string, by: string): Change[] {
  if (world.store.get("Service", key)) return [];
  const manifest = world.serviceManifests[key];
  if (!manifest) return [];
  const svc = materialize(world, manifest);
  const ip = svc.kind === "Service" ? svc.spec.clusterIP : "";
  return [
    put(svc),
    event(
      svc,
      "Recreated",
      `service ${key} recreated with ClusterIP ${ip} (${by})`,
      by === "autopilot" ? "Normal" : "Intent",
    ),
  ];
}

/** The service re-apply loop; keys are Service keys that have a kept manifest. */
export const serviceRecreateController: ControlLoop = {
  name: "service-recreate",
  role: "service-controller",
  enqueue(ev, world, add) {
    if (ev.kind === "Service" && ev.type === "DELETED" && world.serviceManifests[ev.key]) add(ev.key);
  },
  allKeys: (world) => Object.keys(world.serviceManifests).sort(),
  sync: (key, world) => recreateServiceChanges(world, key, "autopilot"),
};
