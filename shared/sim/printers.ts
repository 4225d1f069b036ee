/**
 * kubectl's printers: the columns `kubectl get` shows, computed the way kubectl computes
 * them (its `printPod`, `printNode`, `printService`, `formatEndpoints`), so the sim CLI's
 * tables and the players' screens say what a real cluster would say.
 */
import type { Endpoints, Job, Labels, Node, Pod, Service } from "./types";

/** What kubectl prints in a table cell that has nothing to show. */
export const NONE = "<none>";

/** A table cell: the text, or {@link NONE} when it is empty. */
export function cell(text: string): string {
  return text === "" ? NONE : text;
}

/**
 * The STATUS column of `kubectl get pods`: the phase, overridden by the pod's reason, then
 * by a container's waiting or terminated reason (ContainerCreating, CrashLoopBackOff,
 * ImagePullBackOff, Completed, Error, …), and Terminating once the pod is being deleted.
 */
export function podStatus(pod: Pod): string {
  let status: string = pod.status.reason || pod.status.phase;
  let hasRunning = false;
  const containers = pod.status.containerStatuses ?? [];
  // kubectl walks the containers from the last, so the first container's reason wins.
  for (let i = containers.length - 1; i >= 0; i--) {
    const { state, ready } = containers[i]!;
    if (state.waiting?.reason) status = state.waiting.reason;
    else if (state.terminated?.reason) status = state.terminated.reason;
    else if (state.terminated) status = `ExitCode:${state.terminated.exitCode}`;
    else if (ready && state.running) hasRunning = true;
  }
  // A finished sidecar does not make a pod whose other containers still run "Completed".
  if (status === "Completed" && hasRunning) status = hasReadyCondition(pod) ? "Running" : "NotReady";
  const terminal = pod.status.phase === "Succeeded" || pod.status.phase === "Failed";
  if (pod.metadata.deletionTimestamp !== undefined && pod.status.reason === "NodeLost") status = "Unknown";
  else if (pod.metadata.deletionTimestamp !== undefined && !terminal) status = "Terminating";
  return status;
}

function hasReadyCondition(pod: Pod): boolean {
  return pod.status.conditions.some((c) => c.type === "Ready" && c.status === "True");
}

/** The READY column of `kubectl get pods`: ready containers / containers (`1/1`). */
export function podReadyColumn(pod: Pod): string {
  const ready = (pod.status.containerStatuses ?? []).filter((c) => c.ready).length;
  return `${ready}/${pod.spec.containers.length}`;
}

/** The RESTARTS column of `kubectl get pods`: the containers' restarts, summed. */
export function podRestarts(pod: Pod): number {
  return (pod.status.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);
}

/** The STATUS column of `kubectl get nodes`: `Ready`, `NotReady`, with `,SchedulingDisabled` when cordoned. */
export function nodeStatus(node: Node): string {
  const ready = node.status.conditions.find((c) => c.type === "Ready");
  const status = !ready ? "Unknown" : ready.status === "True" ? "Ready" : "NotReady";
  return node.spec.unschedulable ? `${status},SchedulingDisabled` : status;
}

/** The ROLES column of `kubectl get nodes`: its `node-role.kubernetes.io/<role>` labels ("" when none). */
export function nodeRoles(node: Node): string {
  const prefix = "node-role.kubernetes.io/";
  return Object.keys(node.metadata.labels)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length))
    .sort()
    .join(",");
}

/** The STATUS column of `kubectl get jobs` (kubectl 1.30+): Complete, Failed, or Running. */
export function jobStatus(job: Job): string {
  const has = (type: string) => job.status.conditions?.some((c) => c.type === type && c.status === "True");
  if (has("Complete")) return "Complete";
  if (has("Failed")) return "Failed";
  return "Running";
}

/** The ACCESS MODES column of `kubectl get pvc`: `RWO`, `ROX`, `RWX`, `RWOP`. */
export function accessModes(modes: readonly string[]): string {
  const short: Record<string, string> = {
    ReadWriteOnce: "RWO",
    ReadOnlyMany: "ROX",
    ReadWriteMany: "RWX",
    ReadWriteOncePod: "RWOP",
  };
  return modes.map((m) => short[m] ?? m).join(",");
}

/** The PORT(S) column of `kubectl get services`: `80:30080/TCP,443/TCP` ("" when it has none). */
export function servicePorts(service: Service): string {
  return service.spec.ports
    .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ""}/${p.protocol}`)
    .join(",");
}

/** Labels or a selector as kubectl writes them: `k=v,k=v`, sorted by key ("" when there are none). */
export function formatLabels(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(",");
}

/** How many endpoints the ENDPOINTS column lists before it says `+ N more...`. */
export const ENDPOINTS_SHOWN = 3;

/** The ENDPOINTS column of `kubectl get endpoints`: `ip:port,…`, the first three, then `+ N more...`. */
export function endpointsColumn(endpoints: Endpoints): string {
  // Port by port, then address by address, as kubectl lists them.
  const all = endpoints.subsets.flatMap((s) =>
    s.ports.length === 0
      ? s.addresses.map((a) => a.ip)
      : s.ports.flatMap((p) => s.addresses.map((a) => `${a.ip}:${p.port}`)),
  );
  const shown = all.slice(0, ENDPOINTS_SHOWN).join(",");
  return all.length > ENDPOINTS_SHOWN ? `${shown} + ${all.length - ENDPOINTS_SHOWN} more...` : shown;
}

/** The AGE column from seconds: kubectl's short human duration (`45s`, `2m5s`, `12m`, `3h4m`, `2d`). */
export function age(seconds: number): string {
  const s = Math.trunc(seconds);
  if (s < -1) return "<invalid>";
  if (s < 0) return "0s";
  if (s < 60 * 2) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 === 0 ? `${m}m` : `${m}m${s % 60}s`;
  if (m < 60 * 3) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 === 0 ? `${h}h` : `${h}h${m % 60}m`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  if (h < 24 * 8) return h % 24 === 0 ? `${d}d` : `${d}d${h % 24}h`;
  if (h < 24 * 365 * 2) return `${d}d`;
  const y = Math.floor(d / 365);
  if (h < 24 * 365 * 8) return d % 365 === 0 ? `${y}y` : `${y}y${d % 365}d`;
  return `${y}y`;
}
