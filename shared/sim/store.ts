import type { Kind, KubeObject, ObjectOfKind, Pod, Service } from "./types";
import { KINDS, CLUSTER_SCOPED_KINDS } from "./types";

/** `namespace/name` for namespaced objects, `name` for cluster-scoped ones (kubectl's key). */
export function objectKey(kind: Kind, name: string, namespace?: string): string {
  return CLUSTER_SCOPED_KINDS.has(kind) ? name : `${namespace ?? "default"}/${name}`;
}

/** The key of an object as stored. */
export function keyOf(obj: KubeObject): string {
  return objectKey(obj.kind, obj.metadata.name, obj.metadata.namespace);
}

/** `Kind/namespace/name`: how events and logs name an object. */
export function refOf(obj: KubeObject): string {
  return `${obj.kind}/${keyOf(obj)}`;
}

/** One applied change, as watchers (informers) see it. */
export interface WatchEvent {
  type: "ADDED" | "MODIFIED" | "DELETED";
  kind: Kind;
  key: string;
  /** The object before the change (absent for ADDED). */
  old?: KubeObject;
  /** The object after the change (absent for DELETED). */
  obj?: KubeObject;
}

/**
 * The API server's storage: every object by kind and key, plus the secondary indexes the
 * control loops need so that a tick costs what changed, not what exists (the informer
 * indexers of client-go). Indexes are derived data: rebuilt from objects, never hashed.
 */
export class Store {
  private readonly byKind = new Map<Kind, Map<string, KubeObject>>();
  /** Pods by owning controller uid. */
  readonly podsByOwner = new Map<string, Set<string>>();
  /** Pods by `spec.nodeName`. */
  readonly podsByNode = new Map<string, Set<string>>();
  /** Pod key by `status.podIP`. */
  readonly podByIP = new Map<string, string>();
  /** Service key by `spec.clusterIP`. */
  readonly serviceByClusterIP = new Map<string, string>();
  /** Pod keys by `namespace\0label=value`, for selector matching without a scan. */
  readonly podsByLabel = new Map<string, Set<string>>();
  /** Summed requests of the non-terminated pods bound to each node (the scheduler's cache). */
  readonly nodeUsage = new Map<string, { cpu: number; memory: number; pods: number }>();
  /** Objects of any kind but Pod by owning controller uid, as `Kind\0key`. */
  readonly ownedBy = new Map<string, Set<string>>();
  /** Service keys by namespace. */
  readonly servicesByNamespace = new Map<string, Set<string>>();
  /** Pods still waiting for a node. */
  readonly pendingUnbound = new Set<string>();
  /** Every change since the loops last drained it (the watch stream). */
  readonly watch: WatchEvent[] = [];
  private rv = 0;
  /** Sorted keys per kind, dropped whenever a key is added or removed. */
  private readonly sortedKeys = new Map<Kind, string[]>();

  constructor() {
    for (const kind of KINDS) this.byKind.set(kind, new Map());
  }

  /** The next `metadata.resourceVersion`. */
  nextResourceVersion(): string {
    this.rv += 1;
    return String(this.rv);
  }

  /** The last resourceVersion handed out, by a write or a delete (part of the state hash). */
  get resourceVersion(): number {
    return this.rv;
  }

  /** One object, or undefined. */
  get<K extends Kind>(kind: K, key: string): ObjectOfKind<K> | undefined {
    return this.byKind.get(kind)?.get(key) as ObjectOfKind<K> | undefined;
  }

  /** All objects of a kind, sorted by key (the deterministic iteration order). */
  list<K extends Kind>(kind: K): ObjectOfKind<K>[] {
    const m = this.byKind.get(kind)!;
    let keys = this.sortedKeys.get(kind);
    if (!keys) this.sortedKeys.set(kind, (keys = [...m.keys()].sort()));
    return keys.map((k) => m.get(k) as ObjectOfKind<K>);
  }

  /** How many objects of a kind exist. */
  count(kind: Kind): number {
    return this.byKind.get(kind)!.size;
  }

  /** Keys of one kind in insertion order; callers that need order sort them. */
  keys(kind: Kind): IterableIterator<string> {
    return this.byKind.get(kind)!.keys();
  }

  /** Pods owned by a controller uid, sorted by key. */
  podsOwnedBy(uid: string): Pod[] {
    return this.podsFrom(this.podsByOwner.get(uid));
  }

  /** Pods bound to a node, sorted by key. */
  podsOnNode(node: string): Pod[] {
    return this.podsFrom(this.podsByNode.get(node));
  }

  /** Objects of one kind owned by a controller uid, sorted by key. */
  ownedObjects<K extends Kind>(uid: string, kind: K): ObjectOfKind<K>[] {
    const out: ObjectOfKind<K>[] = [];
    for (const ref of this.ownedBy.get(uid) ?? []) {
      const [k, key] = ref.split("\0") as [Kind, string];
      if (k === kind) out.push(this.get(kind, key)!);
    }
    return out.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  }

  /** Services of a namespace, sorted by key. */
  servicesIn(namespace: string): Service[] {
    return [...(this.servicesByNamespace.get(namespace) ?? [])].sort().map((k) => this.get("Service", k)!);
  }

  /** Pods in a namespace matching every label of the selector, sorted by key. */
  podsMatching(namespace: string, selector: Record<string, string>): Pod[] {
    const entries = Object.entries(selector);
    // An empty selector selects nothing for a Service (Kubernetes leaves such Endpoints alone).
    if (entries.length === 0) return [];
    let smallest: Set<string> | undefined;
    for (const [k, v] of entries) {
      const s = this.podsByLabel.get(`${namespace}\0${k}=${v}`);
      if (!s) return [];
      if (!smallest || s.size < smallest.size) smallest = s;
    }
    const out: Pod[] = [];
    for (const key of smallest!) {
      const pod = this.get("Pod", key);
      if (pod && entries.every(([k, v]) => pod.metadata.labels[k] === v)) out.push(pod);
    }
    return out.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  }

  /** The pod that owns an IP right now, if any. */
  podWithIP(ip: string): Pod | undefined {
    const key = this.podByIP.get(ip);
    return key ? this.get("Pod", key) : undefined;
  }

  /** The Service whose ClusterIP this is, if any. */
  serviceWithClusterIP(ip: string): Service | undefined {
    const key = this.serviceByClusterIP.get(ip);
    return key ? this.get("Service", key) : undefined;
  }

  /** Creates or replaces an object, stamping resourceVersion; the one write path besides delete. */
  put(obj: KubeObject): void {
    const key = keyOf(obj);
    const m = this.byKind.get(obj.kind)!;
    const old = m.get(key);
    obj.metadata.resourceVersion = this.nextResourceVersion();
    if (old) this.unindex(old, key);
    else this.sortedKeys.delete(obj.kind);
    m.set(key, obj);
    this.index(obj, key);
    this.watch.push({ type: old ? "MODIFIED" : "ADDED", kind: obj.kind, key, old, obj });
  }

  /**
   * Removes an object; returns it, or undefined when it did not exist. A delete takes a
   * resourceVersion of its own, as in Kubernetes, so whoever skips work while the store's
   * resourceVersion stands still (a projection) still sees the object go.
   */
  delete(kind: Kind, key: string): KubeObject | undefined {
    const m = this.byKind.get(kind)!;
    const old = m.get(key);
    if (!old) return undefined;
    this.nextResourceVersion();
    m.delete(key);
    this.sortedKeys.delete(kind);
    this.unindex(old, key);
    this.watch.push({ type: "DELETED", kind, key, old });
    return old;
  }

  /** Takes the watch events gathered so far (each loop pass starts from an empty stream). */
  drainWatch(): WatchEvent[] {
    return this.watch.splice(0, this.watch.length);
  }

  private podsFrom(keys: Set<string> | undefined): Pod[] {
    if (!keys) return [];
    return [...keys].sort().map((k) => this.get("Pod", k)!);
  }

  private index(obj: KubeObject, key: string): void {
    const owner = obj.metadata.ownerReferences?.find((o) => o.controller);
    if (owner && obj.kind !== "Pod") addTo(this.ownedBy, owner.uid, `${obj.kind}\0${key}`);
    if (obj.kind === "Pod") {
      if (owner) addTo(this.podsByOwner, owner.uid, key);
      if (obj.spec.nodeName) {
        addTo(this.podsByNode, obj.spec.nodeName, key);
        if (!isTerminated(obj)) addUsage(this.nodeUsage, obj.spec.nodeName, obj, 1);
      } else if (obj.status.phase === "Pending") this.pendingUnbound.add(key);
      if (obj.status.podIP) this.podByIP.set(obj.status.podIP, key);
      const ns = obj.metadata.namespace ?? "default";
      for (const [k, v] of Object.entries(obj.metadata.labels))
        addTo(this.podsByLabel, `${ns}\0${k}=${v}`, key);
    } else if (obj.kind === "Service") {
      if (obj.spec.clusterIP !== "None") this.serviceByClusterIP.set(obj.spec.clusterIP, key);
      addTo(this.servicesByNamespace, obj.metadata.namespace ?? "default", key);
    }
  }

  private unindex(obj: KubeObject, key: string): void {
    const owner = obj.metadata.ownerReferences?.find((o) => o.controller);
    if (owner && obj.kind !== "Pod") removeFrom(this.ownedBy, owner.uid, `${obj.kind}\0${key}`);
    if (obj.kind === "Pod") {
      if (owner) removeFrom(this.podsByOwner, owner.uid, key);
      if (obj.spec.nodeName) {
        removeFrom(this.podsByNode, obj.spec.nodeName, key);
        if (!isTerminated(obj)) addUsage(this.nodeUsage, obj.spec.nodeName, obj, -1);
      }
      this.pendingUnbound.delete(key);
      if (obj.status.podIP && this.podByIP.get(obj.status.podIP) === key)
        this.podByIP.delete(obj.status.podIP);
      const ns = obj.metadata.namespace ?? "default";
      for (const [k, v] of Object.entries(obj.metadata.labels))
        removeFrom(this.podsByLabel, `${ns}\0${k}=${v}`, key);
    } else if (obj.kind === "Service") {
      if (this.serviceByClusterIP.get(obj.spec.clusterIP) === key)
        this.serviceByClusterIP.delete(obj.spec.clusterIP);
      removeFrom(this.servicesByNamespace, obj.metadata.namespace ?? "default", key);
    }
  }
}

function addTo(m: Map<string, Set<string>>, k: string, v: string): void {
  let s = m.get(k);
  if (!s) m.set(k, (s = new Set()));
  s.add(v);
}

function removeFrom(m: Map<string, Set<string>>, k: string, v: string): void {
  const s = m.get(k);
  if (!s) return;
  s.delete(v);
  if (s.size === 0) m.delete(k);
}

/** Whether a pod has finished for good (its requests no longer count on its node). */
export function isTerminated(pod: Pod): boolean {
  return pod.status.phase === "Succeeded" || pod.status.phase === "Failed";
}

/** The summed container requests of a pod. */
export function podRequests(pod: Pod): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec.containers) {
    cpu += c.resources.requests.cpu;
    memory += c.resources.requests.memory;
  }
  return { cpu, memory };
}

function addUsage(
  m: Map<string, { cpu: number; memory: number; pods: number }>,
  node: string,
  pod: Pod,
  sign: 1 | -1,
) {
  let u = m.get(node);
  if (!u) m.set(node, (u = { cpu: 0, memory: 0, pods: 0 }));
  const r = podRequests(pod);
  u.cpu += sign * r.cpu;
  u.memory += sign * r.memory;
  u.pods += sign;
}
