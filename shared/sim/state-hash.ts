/**
 * The state hash: a digest of everything that decides the world's future — objects,
 * machines, allocators, DNS, caches, traffic, faults, queues, timers and the generator.
 * Same scenario + seed + intents ⇒ same hash, bit for bit.
 */
import { canonicalJson, digest } from "./hash";
import { KINDS } from "./types";
import type { World } from "./world";

/** A canonical JSON snapshot of the world (what the hash is taken over). */
export function snapshot(world: World): unknown {
  const objects: Record<string, unknown[]> = {};
  for (const kind of KINDS) objects[kind] = world.store.list(kind);
  const queues: Record<string, string[]> = {};
  for (const name of Object.keys(world.queues).sort()) queues[name] = [...world.queues[name]!].sort();
  return {
    scenario: world.scenario,
    seed: world.seed,
    clock: world.clock,
    time: world.time,
    tick: world.tick,
    rng: world.rng.state,
    resourceVersion: world.store.resourceVersion,
    objects,
    ipam: world.ipam,
    machines: world.machines,
    dns: world.dns,
    traffic: world.traffic,
    faults: world.faults,
    load: world.load,
    roles: world.roles,
    events: world.events,
    eventsDropped: world.eventsDropped,
    queues,
    timers: world.timers,
    chaos: world.chaos,
    score: world.score,
  };
}

/** The world's state hash (16 hex digits). */
export function stateHash(world: World): string {
  return digest(canonicalJson(snapshot(world)));
}
