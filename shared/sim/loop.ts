/**
 * The control-loop machinery, shaped like client-go's informer + workqueue + syncHandler:
 * watch events enqueue keys, a loop's `sync(key)` reads the world and returns the changes
 * that bring actual closer to desired, and `applyChanges` is the one place they land.
 */
import { CLOCKS, type ClockTable } from "./clock";
import { clone } from "./hash";
import type { RngState } from "./rng";
import { keyOf, refOf, type WatchEvent } from "./store";
import type { Kind, KubeObject, ObjectOfKind } from "./types";
import { recordEvent, round3, type Role, type SimEvent, type World } from "./world";

/** One change a loop or an intent asks for. */
export type Change =
  | { op: "put"; obj: KubeObject }
  | { op: "delete"; kind: Kind; key: string }
  | { op: "dns"; name: string; ips: string[] | null }
  | { op: "event"; severity: SimEvent["severity"]; type: string; object: string; message: string };

/** What a sync can use besides the world: time, the clock table, randomness, delayed re-syncs. */
export interface SyncContext {
  time: number;
  clock: ClockTable;
  rng: RngState;
  /** Syncs `key` again after `seconds` of game time (a workqueue AddAfter). */
  requeueAfter(key: string, seconds: number): void;
}

/** A level-based control loop. */
export interface ControlLoop {
  /** Unique loop name (`replicaset`, `scheduler`, …). */
  readonly name: string;
  /** The role that owns this loop, or null for node-level machinery nobody plays (kubelet). */
  readonly role: Role | null;
  /** Maps one watch event to the keys this loop must sync. */
  enqueue(ev: WatchEvent, world: World, add: (key: string) => void): void;
  /** Compares desired with actual for one key and returns the changes to make. */
  sync(key: string, world: World, ctx: SyncContext): Change[];
  /** Every key to sync on a full resync (start-up, restore). */
  allKeys(world: World): string[];
}

/** Applies changes in order: the one writer of the store, DNS records and events. */
export function applyChanges(world: World, changes: readonly Change[]): void {
  for (const c of changes) {
    switch (c.op) {
      case "put":
        world.store.put(c.obj);
        break;
      case "delete":
        world.store.delete(c.kind, c.key);
        // A CoreDNS pod's cache dies with the pod (its replacement starts cold).
        if (c.kind === "Pod") delete world.dns.cache[c.key];
        break;
      case "dns":
        if (c.ips === null) delete world.dns.records[c.name];
        else world.dns.records[c.name] = c.ips;
        break;
      case "event":
        recordEvent(world, c.severity, c.type, c.object, c.message);
        break;
    }
  }
}

/** A copy of a stored object, safe to modify and `put` back (stored objects are never mutated). */
export function edit<T extends KubeObject>(obj: T): T {
  return clone(obj);
}

/** A `put` change. */
export function put(obj: KubeObject): Change {
  return { op: "put", obj };
}

/** A `delete` change for an object. */
export function del(obj: KubeObject): Change {
  return { op: "delete", kind: obj.kind, key: keyOf(obj) };
}

/** An event change about an object. */
export function event(
  obj: KubeObject | string,
  type: string,
  message: string,
  severity: SimEvent["severity"] = "Normal",
): Change {
  return { op: "event", severity, type, object: typeof obj === "string" ? obj : refOf(obj), message };
}

/** The controller owner reference of an object, if it has one. */
export function controllerOf(obj: KubeObject): { kind: string; name: string; uid: string } | undefined {
  return obj.metadata.ownerReferences?.find((o) => o.controller);
}

/** The object an owner reference points to, if it still exists with that uid. */
export function ownerObject<K extends Kind>(
  world: World,
  obj: KubeObject,
  kind: K,
): ObjectOfKind<K> | undefined {
  const ref = controllerOf(obj);
  if (!ref || ref.kind !== kind) return undefined;
  const owner = world.store.get(kind, `${obj.metadata.namespace}/${ref.name}`);
  return owner && owner.metadata.uid === ref.uid ? owner : undefined;
}

/**
 * The enqueue of an owner's controller (client-go's `handleObject`): a change to the
 * owner syncs it; a change to one of its children (`childKind`) syncs the owner named in
 * the child's controller reference, before and after the change.
 */
export function enqueueSelfAndOwner(kind: Kind, childKind: Kind): ControlLoop["enqueue"] {
  return (ev, _world, add) => {
    if (ev.kind === kind) add(ev.key);
    else if (ev.kind === childKind) {
      for (const o of [ev.old, ev.obj]) {
        const ref = o && controllerOf(o);
        if (ref?.kind === kind) add(`${o!.metadata.namespace}/${ref.name}`);
      }
    }
  };
}

/** Adds a key to a loop's queue. */
export function enqueueKey(world: World, loop: string, key: string): void {
  let q = world.queues[loop];
  if (!q) world.queues[loop] = q = new Set();
  q.add(key);
}

/** Schedules a delayed sync, keeping timers sorted by (time, loop, key) for a fixed firing order. */
export function addTimer(world: World, at: number, loop: string, key: string): void {
  const t = { at: round3(at), loop, key };
  const timers = world.timers;
  let i = timers.length;
  while (i > 0 && compareTimers(timers[i - 1]!, t) > 0) i--;
  timers.splice(i, 0, t);
}

function compareTimers(a: { at: number; loop: string; key: string }, b: typeof a): number {
  if (a.at !== b.at) return a.at - b.at;
  if (a.loop !== b.loop) return a.loop < b.loop ? -1 : 1;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Hands every pending watch event to every loop's enqueue. */
export function dispatchWatch(world: World, loops: readonly ControlLoop[]): void {
  const events = world.store.drainWatch();
  if (events.length === 0) return;
  for (const loop of loops) {
    const add = (key: string) => enqueueKey(world, loop.name, key);
    for (const ev of events) loop.enqueue(ev, world, add);
  }
}

/** Moves timers that are due into their loops' queues. */
export function fireTimers(world: World): void {
  let n = 0;
  while (n < world.timers.length && world.timers[n]!.at <= world.time + 1e-9) n++;
  for (const t of world.timers.splice(0, n)) enqueueKey(world, t.loop, t.key);
}

/** Runs one pass of a loop over its queue (sorted keys), applying each sync's changes. */
export function runLoop(world: World, loop: ControlLoop, loops: readonly ControlLoop[]): void {
  const q = world.queues[loop.name];
  if (!q || q.size === 0) return;
  const keys = [...q].sort();
  q.clear();
  const ctx: SyncContext = {
    time: world.time,
    clock: CLOCKS[world.clock],
    rng: world.rng,
    requeueAfter: (key, seconds) => addTimer(world, world.time + seconds, loop.name, key),
  };
  for (const key of keys) {
    applyChanges(world, loop.sync(key, world, ctx));
    // Later keys and later loops see this sync's writes, as informers would a moment later.
    dispatchWatch(world, loops);
  }
}

/** Enqueues every key of every loop (start-up, or after restoring a snapshot). */
export function resyncAll(world: World, loops: readonly ControlLoop[]): void {
  world.store.drainWatch();
  for (const loop of loops) for (const key of loop.allKeys(world)) enqueueKey(world, loop.name, key);
}

/** Builds a `Kind/ns/name`-free key list for a kind. */
export function keysOfKind(world: World, kind: Kind): string[] {
  return [...world.store.keys(kind)].sort();
}
