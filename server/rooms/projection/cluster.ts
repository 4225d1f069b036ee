/**
 * The cluster's objects in the state: nodes, pods, Services, Endpoints, DNS, PVCs and
 * workloads. Skipped entirely while the store's resourceVersion, DNS and machines are
 * unchanged; inside, a view is rewritten only when its source object changed.
 */
import {
  formatLabels,
  isPodReady,
  podStatus,
  podWorkload,
  ownerKeyOf,
  servicePorts,
  workloadSummaries,
  type Pod,
  type World,
} from "../../../shared/sim";
import {
  DnsRecordView,
  EndpointsView,
  NodeView,
  PodView,
  PvcView,
  ServiceView,
  WorkloadView,
  type MatchState,
} from "../schema/MatchState";
import { clampInt16, clampUint16, f32, round, rvOf, set, syncMap, syncStrings } from "./sync";

/** Projects the cluster, remembering what it last saw to skip unchanged work. */
export class ClusterProjection {
  private rv = -1;
  private dnsSig = "";
  private machinesSig = "";
  /** Game time each DNS name last changed; absent names never changed since bring-up. */
  private readonly dnsChangedAt = new Map<string, number>();
  private dnsSeen = false;

  /** Forgets everything (a new world). */
  reset(): void {
    this.rv = -1;
    this.dnsSig = "";
    this.machinesSig = "";
    this.dnsChangedAt.clear();
    this.dnsSeen = false;
  }

  /** Copies what changed since the last call. */
  project(state: MatchState, world: World): void {
    const rv = world.store.resourceVersion;
    const machinesSig = signatureOfMachines(world);
    if (rv !== this.rv || machinesSig !== this.machinesSig) {
      projectNodes(state, world);
      projectPods(state, world);
      projectServices(state, world);
      projectEndpoints(state, world);
      projectPvcs(state, world);
      projectWorkloads(state, world);
    }
    const dnsSig = signatureOfRecords(world.dns.records);
    if (dnsSig !== this.dnsSig) this.projectDns(state, world);
    this.rv = rv;
    this.machinesSig = machinesSig;
    this.dnsSig = dnsSig;
  }

  private projectDns(state: MatchState, world: World): void {
    const items = new Map(Object.entries(world.dns.records));
    // The first projection of a world shows its records as they came up: nothing "changed".
    const first = !this.dnsSeen;
    syncMap(state.dns, items, DnsRecordView, (view, ips, name) => {
      const changed =
        view.ips.length !== ips.length || ips.some((ip: string, i: number) => view.ips[i] !== ip);
      set(view, "name", name);
      if (!first && (changed || !view.name)) this.dnsChangedAt.set(name, round(world.time));
      set(view, "changedAt", f32(this.dnsChangedAt.get(name) ?? -1));
      syncStrings(view, "ips", ips);
    });
    for (const name of [...this.dnsChangedAt.keys()]) if (!items.has(name)) this.dnsChangedAt.delete(name);
    this.dnsSeen = true;
  }
}

function projectNodes(state: MatchState, world: World): void {
  const items = new Map(world.store.list("Node").map((n) => [n.metadata.name, n] as const));
  syncMap(state.nodes, items, NodeView, (view, n) => {
    set(view, "name", n.metadata.name);
    set(view, "internalIP", n.status.addresses.find((a) => a.type === "InternalIP")?.address ?? "");
    set(view, "podCIDR", n.spec.podCIDR);
    set(
      view,
      "ready",
      n.status.conditions.some((c) => c.type === "Ready" && c.status === "True"),
    );
    set(view, "cordoned", n.spec.unschedulable === true);
    set(view, "up", world.machines[n.metadata.name]?.up ?? true);
  });
}

function projectPods(state: MatchState, world: World): void {
  const tiers = Object.entries(world.trafficConfig.tierSelectors);
  const items = new Map(world.store.list("Pod").map((p) => [podKey(p), p] as const));
  syncMap(
    state.pods,
    items,
    PodView,
    (view, p, key) => {
      const labels = p.metadata.labels;
      const container = p.spec.containers[0];
      set(view, "key", key);
      set(view, "name", p.metadata.name);
      set(view, "namespace", p.metadata.namespace ?? "");
      set(view, "node", p.spec.nodeName ?? "");
      set(view, "phase", p.status.phase);
      set(view, "podIP", p.status.podIP ?? "");
      set(view, "ready", isPodReady(p));
      // STATUS as kubectl prints it, when it says more than the phase (CrashLoopBackOff, Terminating…).
      const status = podStatus(p);
      set(view, "reason", status === p.status.phase ? "" : status);
      set(view, "owner", ownerKeyOf(p));
      set(view, "workload", podWorkload(world, p));
      set(view, "container", container?.name ?? "");
      set(view, "image", container?.image ?? "");
      set(
        view,
        "restarts",
        clampUint16((p.status.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0)),
      );
      set(view, "terminating", p.metadata.deletionTimestamp !== undefined);
      set(
        view,
        "tier",
        tiers.find(([, sel]) => Object.entries(sel).every(([k, v]) => labels[k] === v))?.[0] ?? "",
      );
      set(view, "labels", formatLabels(labels));
    },
    rvOf,
  );
}

function projectServices(state: MatchState, world: World): void {
  const items = new Map(
    world.store.list("Service").map((s) => [`${s.metadata.namespace}/${s.metadata.name}`, s]),
  );
  syncMap(
    state.services,
    items,
    ServiceView,
    (view, s, key) => {
      set(view, "key", key);
      set(view, "name", s.metadata.name);
      set(view, "namespace", s.metadata.namespace ?? "");
      set(view, "type", s.spec.type);
      set(view, "clusterIP", s.spec.clusterIP);
      set(view, "selector", formatLabels(s.spec.selector));
      set(view, "ports", servicePorts(s));
      set(view, "nodePort", s.spec.ports.find((p) => p.nodePort)?.nodePort ?? 0);
    },
    rvOf,
  );
}

function projectEndpoints(state: MatchState, world: World): void {
  const items = new Map(
    world.store.list("Endpoints").map((e) => [`${e.metadata.namespace}/${e.metadata.name}`, e]),
  );
  syncMap(
    state.endpoints,
    items,
    EndpointsView,
    (view, e, key) => {
      set(view, "key", key);
      const addrs = e.subsets.flatMap((s) => s.addresses);
      syncStrings(
        view,
        "ips",
        addrs.map((a) => a.ip),
      );
      syncStrings(
        view,
        "pods",
        addrs.map((a) => `${a.targetRef.namespace}/${a.targetRef.name}`),
      );
    },
    rvOf,
  );
}

function projectPvcs(state: MatchState, world: World): void {
  const items = new Map(
    world.store.list("PersistentVolumeClaim").map((c) => [`${c.metadata.namespace}/${c.metadata.name}`, c]),
  );
  syncMap(
    state.pvcs,
    items,
    PvcView,
    (view, c, key) => {
      set(view, "key", key);
      set(view, "name", c.metadata.name);
      set(view, "namespace", c.metadata.namespace ?? "");
      set(view, "phase", c.status.phase);
      set(view, "volumeName", c.spec.volumeName ?? "");
    },
    rvOf,
  );
}

function projectWorkloads(state: MatchState, world: World): void {
  const items = new Map(workloadSummaries(world).map((w) => [w.key, w] as const));
  syncMap(
    state.workloads,
    items,
    WorkloadView,
    (view, w, key) => {
      set(view, "key", key);
      set(view, "kind", w.kind);
      set(view, "name", w.name);
      set(view, "namespace", w.namespace);
      set(view, "desired", clampInt16(w.desired));
      set(view, "current", clampInt16(w.current));
      set(view, "ready", clampInt16(w.ready));
      set(view, "updated", clampInt16(w.updated));
      set(view, "image", w.image);
      set(view, "container", w.container);
      set(view, "currentReplicaSet", w.currentReplicaSet);
      set(view, "owner", w.owner);
    },
    (w) => w.version,
  );
}

function podKey(p: Pod): string {
  return `${p.metadata.namespace ?? "default"}/${p.metadata.name}`;
}

function signatureOfRecords(records: Record<string, string[]>): string {
  let s = "";
  for (const name of Object.keys(records).sort()) s += `${name}=${(records[name] ?? []).join(",")};`;
  return s;
}

function signatureOfMachines(world: World): string {
  let s = "";
  for (const name of Object.keys(world.machines).sort()) s += `${name}:${world.machines[name]?.up ? 1 : 0};`;
  return s;
}
