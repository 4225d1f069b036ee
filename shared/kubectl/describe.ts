/**
 * `kubectl describe`, written the way kubectl's describers write (k8s.io/kubectl
 * pkg/describe): `Label:\tvalue` lines at indent levels of two spaces, aligned by Go's
 * tabwriter (padding 2), labels and tolerations one per line, the object's events last.
 * Pods, Services, Deployments and Nodes have their own describers; the other kinds get
 * the common head (name, namespace, labels, annotations) plus their events.
 */
import type { SimEvent, World } from "../sim/world";
import { age } from "../sim/printers";
import { ageSince, eventItems, eventSource, type Item } from "./get";
import { gameSecondsOf, toApiObject, type ApiObject } from "./objects";
import { endpointsColumn } from "../sim/printers";
import { DESCRIBE, tabwrite } from "./tabwriter";
import type { ResourceType } from "./resources";

/* eslint-disable @typescript-eslint/no-explicit-any -- API objects are JSON read field by field, as kubectl's describers read them. */
type Json = any;

const DAYS = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"] as const;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** An RFC 3339 instant as Go's time.RFC1123Z prints it: `Thu, 01 Jan 2026 00:00:05 +0000`. */
export function rfc1123z(timestamp: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}:\d{2})Z$/.exec(timestamp);
  if (!m) return timestamp;
  const seconds = gameSecondsOf(timestamp) ?? 0;
  // 2026-01-01 was a Thursday; days since then pick the weekday.
  const day = DAYS[((Math.floor(seconds / 86_400) % 7) + 7) % 7]!;
  return `${day}, ${m[3]} ${MONTHS[Number(m[2]) - 1]} ${m[1]} ${m[4]} +0000`;
}

/** Lines of a description: `line(level, text)` with kubectl's two spaces per level. */
class Writer {
  private readonly out: string[] = [];
  line(level: number, text: string): void {
    this.out.push(`${"  ".repeat(level)}${text}`);
  }
  /** `Title:\tk=v` then `\tk=v` for each further entry (printLabelsMultiline). */
  multiline(title: string, entries: string[]): void {
    if (entries.length === 0) return this.line(0, `${title}:\t<none>`);
    entries.forEach((e, i) => this.line(0, i === 0 ? `${title}:\t${e}` : `\t${e}`));
  }
  text(): string {
    return tabwrite(this.out.join("\n") + "\n", DESCRIBE);
  }
}

const labelsOf = (m: Record<string, string> | undefined) =>
  Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${m![k]}`);
const annotationsOf = (m: Record<string, string> | undefined) =>
  Object.keys(m ?? {})
    .filter((k) => k !== "kubectl.kubernetes.io/last-applied-configuration")
    .sort()
    .map((k) => `${k}: ${m![k]}`);

/** The events about one object (DescribeEvents), oldest first, after a flush of the writer above. */
function describeEvents(world: World, kind: string, namespace: string | undefined, name: string): string {
  const ref = namespace === undefined ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
  const events = eventItems(world)
    .map((item) => ({ item, e: (item as { event: SimEvent }).event }))
    .filter(({ e }) => e.object === ref)
    .sort((a, b) => a.e.time - b.e.time);
  if (events.length === 0) return "";
  const w = new Writer();
  w.line(0, "Events:");
  w.line(1, "Type\tReason\tAge\tFrom\tMessage");
  w.line(1, "----\t------\t----\t----\t-------");
  for (const { item, e } of events)
    w.line(
      1,
      `${e.severity === "Warning" || e.severity === "Chaos" ? "Warning" : "Normal"}\t${e.type}\t${ageSince(world, e.time)}\t${eventSource(item)}\t${e.message.trim()}`,
    );
  return w.text();
}

/** A description's events part: the table, or `Events:\t<none>` inside the writer's last block. */
function finish(world: World, w: Writer, kind: string, namespace: string | undefined, name: string): string {
  const events = describeEvents(world, kind, namespace, name);
  if (events === "") {
    w.line(0, "Events:\t<none>");
    return w.text();
  }
  return w.text() + events;
}

/** `8080/TCP,9090/TCP` of container ports, and the host ports (`0/TCP`). */
function ports(c: Json): [string, string] {
  const ps: Json[] = c.ports ?? [];
  return [
    ps.map((p) => `${p.containerPort}/${p.protocol ?? "TCP"}`).join(","),
    ps.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? "TCP"}`).join(","),
  ];
}

/** One container of a pod or a template (describeContainers). */
function describeContainer(w: Writer, c: Json, status: Json | undefined, template: boolean): void {
  const lvl = template ? 1 : 1;
  w.line(lvl, `${template ? " " : ""}${c.name}:`);
  if (status) w.line(lvl + 1, `Container ID:\t${status.containerID ?? ""}`);
  w.line(lvl + 1, `Image:\t${c.image}`);
  if (status) w.line(lvl + 1, `Image ID:\t${status.imageID ?? ""}`);
  const [port, hostPort] = ports(c);
  w.line(lvl + 1, port.includes(",") ? `Ports:\t${port}` : `Port:\t${port || "<none>"}`);
  w.line(
    lvl + 1,
    hostPort.includes(",") ? `Host Ports:\t${hostPort}` : `Host Port:\t${hostPort || "<none>"}`,
  );
  if (status) {
    describeState(w, lvl + 1, "State", status.state ?? {});
    if (status.lastState?.terminated) describeState(w, lvl + 1, "Last State", status.lastState);
    w.line(lvl + 1, `Ready:\t${status.ready ? "True" : "False"}`);
    w.line(lvl + 1, `Restart Count:\t${status.restartCount ?? 0}`);
  }
  const requests: Record<string, string> = c.resources?.requests ?? {};
  if (Object.keys(requests).length > 0) {
    w.line(lvl + 1, "Requests:");
    for (const k of Object.keys(requests).sort()) w.line(lvl + 2, `${k}:\t${requests[k]}`);
  }
  const env: Json[] = c.env ?? [];
  w.line(lvl + 1, `Environment:${env.length === 0 ? "\t<none>" : ""}`);
  for (const e of env) w.line(lvl + 2, `${e.name}:\t${e.value ?? ""}`);
  const mounts: Json[] = [...(c.volumeMounts ?? [])].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1));
  w.line(lvl + 1, `Mounts:${mounts.length === 0 ? "\t<none>" : ""}`);
  for (const m of mounts) w.line(lvl + 2, `${m.mountPath} from ${m.name} (${m.readOnly ? "ro" : "rw"})`);
}

/** describeStatus: Running (Started), Waiting (Reason), Terminated (Reason, Exit Code, Started, Finished). */
function describeState(w: Writer, lvl: number, title: string, state: Json): void {
  if (state.running) {
    w.line(lvl, `${title}:\tRunning`);
    w.line(lvl + 1, `Started:\t${rfc1123z(state.running.startedAt)}`);
  } else if (state.terminated) {
    const t = state.terminated;
    w.line(lvl, `${title}:\tTerminated`);
    if (t.reason) w.line(lvl + 1, `Reason:\t${t.reason}`);
    if (t.message) w.line(lvl + 1, `Message:\t${t.message}`);
    w.line(lvl + 1, `Exit Code:\t${t.exitCode}`);
    if (t.startedAt) w.line(lvl + 1, `Started:\t${rfc1123z(t.startedAt)}`);
    if (t.finishedAt) w.line(lvl + 1, `Finished:\t${rfc1123z(t.finishedAt)}`);
  } else {
    w.line(lvl, `${title}:\tWaiting`);
    if (state.waiting?.reason) w.line(lvl + 1, `Reason:\t${state.waiting.reason}`);
  }
}

/** describeVolumes of a pod or template. */
function describeVolumes(w: Writer, volumes: Json[] | undefined, level: number): void {
  const title = level === 0 ? "Volumes" : "Volumes";
  if (!volumes || volumes.length === 0) return w.line(level, `${title}:\t<none>`);
  w.line(level, `${title}:`);
  for (const v of volumes) {
    w.line(level + 1, `${level === 0 ? "" : " "}${v.name}:`);
    if (v.persistentVolumeClaim) {
      w.line(
        level + 2,
        "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)",
      );
      w.line(level + 2, `ClaimName:\t${v.persistentVolumeClaim.claimName}`);
      w.line(level + 2, `ReadOnly:\t${v.persistentVolumeClaim.readOnly ? "true" : "false"}`);
    }
  }
}

/** printTolerationsMultiline: `key=value:Effect op=Exists for 300s`. */
function tolerations(list: Json[] | undefined): string[] {
  return (list ?? []).map((t) => {
    let s = t.key ?? "";
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === "Exists" && !t.value) s += t.key || t.effect ? " op=Exists" : "op=Exists";
    if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
    return s;
  });
}

/** `kubectl describe pod`. */
function describePod(world: World, o: ApiObject): string {
  const p: Json = o;
  const w = new Writer();
  w.line(0, `Name:\t${p.metadata.name}`);
  w.line(0, `Namespace:\t${p.metadata.namespace}`);
  if (p.spec.priority !== undefined) w.line(0, `Priority:\t${p.spec.priority}`);
  if (p.spec.serviceAccountName) w.line(0, `Service Account:\t${p.spec.serviceAccountName}`);
  w.line(0, `Node:\t${p.spec.nodeName ? `${p.spec.nodeName}/${p.status.hostIP ?? ""}` : "<none>"}`);
  if (p.status.startTime) w.line(0, `Start Time:\t${rfc1123z(p.status.startTime)}`);
  w.multiline("Labels", labelsOf(p.metadata.labels));
  w.multiline("Annotations", annotationsOf(p.metadata.annotations));
  const phase = p.status.phase;
  if (p.metadata.deletionTimestamp && phase !== "Failed" && phase !== "Succeeded") {
    const since = gameSecondsOf(p.metadata.deletionTimestamp) ?? world.time;
    w.line(0, `Status:\tTerminating (lasts ${age(world.time - since)})`);
    w.line(0, `Termination Grace Period:\t${p.metadata.deletionGracePeriodSeconds ?? 30}s`);
  } else w.line(0, `Status:\t${phase}`);
  if (p.status.reason) w.line(0, `Reason:\t${p.status.reason}`);
  if (p.status.message) w.line(0, `Message:\t${p.status.message}`);
  w.line(0, `IP:\t${p.status.podIP ?? ""}`);
  const ips: Json[] = p.status.podIPs ?? [];
  if (ips.length === 0) w.line(0, "IPs:\t<none>");
  else {
    w.line(0, "IPs:");
    for (const ip of ips) w.line(1, `IP:\t${ip.ip}`);
  }
  const owner = (p.metadata.ownerReferences ?? []).find((r: Json) => r.controller);
  if (owner) w.line(0, `Controlled By:\t${owner.kind}/${owner.name}`);
  const containers: Json[] = p.spec.containers ?? [];
  w.line(0, containers.length === 0 ? "Containers: <none>" : "Containers:");
  const statuses: Json[] = p.status.containerStatuses ?? [];
  for (const c of containers)
    describeContainer(
      w,
      c,
      statuses.find((s) => s.name === c.name),
      false,
    );
  const conditions: Json[] = p.status.conditions ?? [];
  if (conditions.length > 0) {
    w.line(0, "Conditions:");
    w.line(1, "Type\tStatus");
    for (const c of conditions) w.line(1, `${c.type} \t${c.status} `);
  }
  describeVolumes(w, p.spec.volumes, 0);
  w.line(0, `QoS Class:\t${p.status.qosClass ?? "BestEffort"}`);
  w.multiline("Node-Selectors", labelsOf(p.spec.nodeSelector));
  w.multiline("Tolerations", tolerations(p.spec.tolerations));
  return finish(world, w, "Pod", p.metadata.namespace, p.metadata.name);
}

/** `kubectl describe service`. */
function describeService(world: World, o: ApiObject): string {
  const s: Json = o;
  const w = new Writer();
  w.line(0, `Name:\t${s.metadata.name}`);
  w.line(0, `Namespace:\t${s.metadata.namespace}`);
  w.multiline("Labels", labelsOf(s.metadata.labels));
  w.multiline("Annotations", annotationsOf(s.metadata.annotations));
  w.line(0, `Selector:\t${labelsOf(s.spec.selector).join(",") || "<none>"}`);
  w.line(0, `Type:\t${s.spec.type}`);
  if (s.spec.ipFamilyPolicy) w.line(0, `IP Family Policy:\t${s.spec.ipFamilyPolicy}`);
  if (s.spec.ipFamilies) w.line(0, `IP Families:\t${s.spec.ipFamilies.join(",")}`);
  w.line(0, `IP:\t${s.spec.clusterIP}`);
  if (s.spec.clusterIPs) w.line(0, `IPs:\t${s.spec.clusterIPs.join(",")}`);
  const ep = world.store.get("Endpoints", `${s.metadata.namespace}/${s.metadata.name}`);
  for (const port of s.spec.ports ?? []) {
    const name = port.name || "<unset>";
    w.line(0, `Port:\t${name}  ${port.port}/${port.protocol}`);
    w.line(0, `TargetPort:\t${port.targetPort}/${port.protocol}`);
    if (port.nodePort) w.line(0, `NodePort:\t${name}  ${port.nodePort}/${port.protocol}`);
    w.line(
      0,
      `Endpoints:\t${ep ? endpointsColumn({ ...ep, subsets: ep.subsets.map((x) => ({ ...x, ports: x.ports.filter((q) => q.port === port.targetPort) })) }) : ""}`,
    );
  }
  w.line(0, `Session Affinity:\t${s.spec.sessionAffinity ?? "None"}`);
  if (s.spec.type === "NodePort" || s.spec.type === "LoadBalancer")
    w.line(0, `External Traffic Policy:\t${s.spec.externalTrafficPolicy ?? "Cluster"}`);
  if (s.spec.internalTrafficPolicy) w.line(0, `Internal Traffic Policy:\t${s.spec.internalTrafficPolicy}`);
  return finish(world, w, "Service", s.metadata.namespace, s.metadata.name);
}

/** The pod template part of a workload's description. */
function describeTemplate(w: Writer, t: Json): void {
  w.line(0, "Pod Template:");
  w.line(1, `Labels:\t${labelsOf(t.metadata?.labels)[0] ?? "<none>"}`);
  for (const l of labelsOf(t.metadata?.labels).slice(1)) w.line(1, `\t${l}`);
  w.line(1, "Containers:");
  for (const c of t.spec.containers ?? []) describeContainer(w, c, undefined, true);
  describeVolumes(w, t.spec.volumes, 1);
  w.line(1, `Node-Selectors:\t${labelsOf(t.spec.nodeSelector).join(",") || "<none>"}`);
  const tol = tolerations(t.spec.tolerations);
  w.line(1, `Tolerations:\t${tol[0] ?? "<none>"}`);
  for (const x of tol.slice(1)) w.line(1, `\t${x}`);
}

/** `kubectl describe deployment`. */
function describeDeployment(world: World, o: ApiObject): string {
  const d: Json = o;
  const st = d.status ?? {};
  const w = new Writer();
  w.line(0, `Name:\t${d.metadata.name}`);
  w.line(0, `Namespace:\t${d.metadata.namespace}`);
  w.line(0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}`);
  w.multiline("Labels", labelsOf(d.metadata.labels));
  w.multiline("Annotations", annotationsOf(d.metadata.annotations));
  w.line(0, `Selector:\t${labelsOf(d.spec.selector.matchLabels).join(",")}`);
  w.line(
    0,
    `Replicas:\t${d.spec.replicas} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable`,
  );
  w.line(0, `StrategyType:\t${d.spec.strategy.type}`);
  w.line(0, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}`);
  const ru = d.spec.strategy.rollingUpdate;
  if (ru) w.line(0, `RollingUpdateStrategy:\t${ru.maxUnavailable} max unavailable, ${ru.maxSurge} max surge`);
  describeTemplate(w, d.spec.template);
  const conditions: Json[] = st.conditions ?? [];
  if (conditions.length > 0) {
    w.line(0, "Conditions:");
    w.line(1, "Type\tStatus\tReason");
    w.line(1, "----\t------\t------");
    for (const c of conditions) w.line(1, `${c.type} \t${c.status}\t${c.reason ?? ""}`);
  }
  const sets = world.store
    .list("ReplicaSet")
    .filter((rs) =>
      rs.metadata.ownerReferences?.some(
        (r) => r.controller && r.kind === "Deployment" && r.name === d.metadata.name,
      ),
    )
    .filter((rs) => rs.metadata.namespace === d.metadata.namespace);
  const dep = world.store.get("Deployment", `${d.metadata.namespace}/${d.metadata.name}`);
  const hash = dep ? newHash(world, dep.metadata.uid, sets) : undefined;
  const show = (rs: (typeof sets)[number]) =>
    `${rs.metadata.name} (${rs.status.replicas}/${rs.spec.replicas} replicas created)`;
  const current = sets.find((rs) => rs.metadata.name === hash);
  const old = sets.filter((rs) => rs !== current && rs.spec.replicas + rs.status.replicas > 0);
  w.line(0, `OldReplicaSets:\t${old.length > 0 ? old.map(show).join(", ") : "<none>"}`);
  w.line(0, `NewReplicaSet:\t${current ? show(current) : "<none>"}`);
  return finish(world, w, "Deployment", d.metadata.namespace, d.metadata.name);
}

/** The name of a Deployment's ReplicaSet for its current template (the newest revision). */
function newHash(
  _world: World,
  _uid: string,
  sets: { metadata: { name: string; annotations?: Record<string, string> } }[],
): string | undefined {
  const rev = (s: { metadata: { annotations?: Record<string, string> } }) =>
    Number(s.metadata.annotations?.["deployment.kubernetes.io/revision"] ?? 0);
  return [...sets].sort((a, b) => rev(b) - rev(a))[0]?.metadata.name;
}

/** `kubectl describe node`. */
function describeNode(world: World, o: ApiObject): string {
  const n: Json = o;
  const w = new Writer();
  w.line(0, `Name:\t${n.metadata.name}`);
  w.line(0, `Roles:\t<none>`);
  w.multiline("Labels", labelsOf(n.metadata.labels));
  w.multiline("Annotations", annotationsOf(n.metadata.annotations));
  w.line(0, `CreationTimestamp:\t${rfc1123z(n.metadata.creationTimestamp)}`);
  const taints: string[] = (n.spec.taints ?? []).map(
    (t: Json) => `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`,
  );
  w.multiline("Taints", taints);
  w.line(0, `Unschedulable:\t${n.spec.unschedulable ? "true" : "false"}`);
  w.line(0, "Conditions:");
  w.line(1, "Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage");
  w.line(1, "----\t------\t-----------------\t------------------\t------\t-------");
  for (const c of n.status.conditions ?? [])
    w.line(
      1,
      `${c.type} \t${c.status} \t${c.lastHeartbeatTime ? rfc1123z(c.lastHeartbeatTime) : ""} \t${c.lastTransitionTime ? rfc1123z(c.lastTransitionTime) : ""} \t${c.reason ?? ""} \t${c.message ?? ""}`,
    );
  w.line(0, "Addresses:");
  for (const a of n.status.addresses ?? []) w.line(1, `${a.type}:\t${a.address}`);
  for (const [title, r] of [
    ["Capacity", n.status.capacity],
    ["Allocatable", n.status.allocatable],
  ] as const) {
    w.line(0, `${title}:`);
    for (const k of Object.keys(r ?? {}).sort()) w.line(1, `${k}:\t${r[k]}`);
  }
  w.line(0, `PodCIDR:\t${n.spec.podCIDR ?? ""}`);
  w.line(0, `PodCIDRs:\t${(n.spec.podCIDRs ?? []).join(",")}`);
  const pods = world.store
    .podsOnNode(n.metadata.name)
    .filter((p) => p.status.phase !== "Succeeded" && p.status.phase !== "Failed");
  w.line(0, `Non-terminated Pods:\t(${pods.length} in total)`);
  w.line(1, "Namespace\tName\tAge");
  w.line(1, "---------\t----\t---");
  for (const p of pods)
    w.line(
      1,
      `${p.metadata.namespace}\t${p.metadata.name}\t${ageSince(world, p.metadata.creationTimestamp)}`,
    );
  return finish(world, w, "Node", undefined, n.metadata.name);
}

/** The common head of any object, for kinds without a describer of their own here. */
function describeGeneric(world: World, o: ApiObject, kind: string): string {
  const m: Json = o.metadata;
  const w = new Writer();
  w.line(0, `Name:\t${m.name}`);
  if (m.namespace) w.line(0, `Namespace:\t${m.namespace}`);
  w.line(0, `CreationTimestamp:\t${rfc1123z(m.creationTimestamp)}`);
  w.multiline("Labels", labelsOf(m.labels));
  w.multiline("Annotations", annotationsOf(m.annotations));
  const spec: Json = (o as Json).spec;
  if (spec?.selector?.matchLabels) w.line(0, `Selector:\t${labelsOf(spec.selector.matchLabels).join(",")}`);
  if (spec?.replicas !== undefined)
    w.line(0, `Replicas:\t${spec.replicas} desired | ${(o as Json).status?.replicas ?? 0} total`);
  if (spec?.template) describeTemplate(w, spec.template);
  return finish(world, w, kind, m.namespace, m.name);
}

/** The description of one item of a type. */
export function describeItem(world: World, type: ResourceType, item: Item): string {
  if (item.type !== "object")
    return describeGeneric(
      world,
      item.type === "slice"
        ? item.slice
        : ({
            apiVersion: "v1",
            kind: type.kind,
            metadata: {
              name: item.name,
              namespace: item.namespace,
              uid: "",
              resourceVersion: "",
              creationTimestamp: "",
            },
          } as ApiObject),
      type.kind,
    );
  const o = toApiObject(world, item.obj);
  switch (item.obj.kind) {
    case "Pod":
      return describePod(world, o);
    case "Service":
      return describeService(world, o);
    case "Deployment":
      return describeDeployment(world, o);
    case "Node":
      return describeNode(world, o);
    default:
      return describeGeneric(world, o, item.obj.kind);
  }
}
