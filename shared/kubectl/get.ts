/**
 * `kubectl get` tables: the objects of a resource type in scope (a namespace or all), and
 * the columns kubectl 1.3x prints for each type — plain, `-o wide`, `--show-labels`, with
 * a NAMESPACE column under `-A`. Cells come from the shared printers in shared/sim, so the
 * console, the sim CLI and the players' screens agree.
 */
import {
  accessModes,
  age,
  cell,
  jobStatus,
  nodeRoles,
  endpointsColumn,
  formatLabels,
  nodeStatus,
  NONE,
  podReadyColumn,
  podRestarts,
  podStatus,
  servicePorts,
} from "../sim/printers";
import type {
  DaemonSet,
  Deployment,
  Endpoints,
  Job,
  KubeObject,
  Labels,
  Namespace,
  Node,
  PersistentVolumeClaim,
  Pod,
  PodTemplateSpec,
  ReplicaSet,
  Service,
  StatefulSet,
} from "../sim/types";
import type { SimEvent, World } from "../sim/world";
import {
  endpointSlicesOf,
  eventObjectOf,
  gameSecondsOf,
  timestampOf,
  toApiObject,
  type ApiObject,
} from "./objects";
import type { ResourceType } from "./resources";

/** One thing `kubectl get` can list: a store object, an event, or a derived EndpointSlice. */
export type Item =
  | { type: "object"; name: string; namespace: string; labels: Labels; obj: KubeObject }
  | { type: "event"; name: string; namespace: string; labels: Labels; event: SimEvent; api: ApiObject }
  | { type: "slice"; name: string; namespace: string; labels: Labels; slice: ApiObject };

/** The objects of a type, in kubectl's order (namespace, then name); `namespace` undefined = all. */
export function listItems(world: World, type: ResourceType, namespace: string | undefined): Item[] {
  const inScope = (ns: string) => !type.namespaced || namespace === undefined || ns === namespace;
  if (type.source === "Event") return eventItems(world).filter((i) => inScope(i.namespace));
  if (type.source === "EndpointSlice")
    return endpointSlicesOf(world)
      .filter((s) => inScope(s.metadata.namespace ?? ""))
      .map((s) => ({
        type: "slice",
        name: s.metadata.name,
        namespace: s.metadata.namespace ?? "",
        labels: s.metadata.labels ?? {},
        slice: s,
      }));
  return world.store
    .list(type.source)
    .filter((o) => inScope(o.metadata.namespace ?? ""))
    .map((o) => ({
      type: "object",
      name: o.metadata.name,
      namespace: o.metadata.namespace ?? "",
      // The labels the API server holds (a Namespace's `kubernetes.io/metadata.name` too): what -l and --show-labels see.
      labels: o.kind === "Namespace" ? (toApiObject(world, o).metadata.labels ?? {}) : o.metadata.labels,
      obj: o,
    }));
}

/** The world's events about API objects, as the core/v1 Events the API holds (`<object>.<16 hex>`). */
export function eventItems(world: World): Item[] {
  const items: Item[] = [];
  world.events.forEach((e, i) => {
    const api = eventObjectOf(world, e, world.eventsDropped + i);
    if (!api) return;
    const namespace = api.metadata.namespace ?? "default";
    items.push({ type: "event", name: api.metadata.name, namespace, labels: {}, event: e, api });
  });
  // The API server lists by key: namespace, then name (an object's events by time, as named).
  const key = (i: Item) => `${i.namespace}\0${i.name}`;
  return items.sort((x, y) => (key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0));
}

/** The component that reported an event (`source.component`): kubectl's SOURCE and describe's From. */
export function eventSource(item: Item): string {
  if (item.type !== "event") return "";
  return (item.api.source as { component?: string } | undefined)?.component ?? "";
}

/** A table's columns: the plain ones and those `-o wide` adds. */
interface Columns {
  headers: string[];
  wide: string[];
  /** The wide columns are the whole wide row, not additions (events). */
  wideReplaces?: boolean;
  cells(item: Item, world: World): { cells: string[]; wide: string[] };
}

/** A game time as the API keeps it: whole seconds (metav1.Time), as `-o yaml` shows it. */
export function apiSecond(t: number): number {
  return gameSecondsOf(timestampOf(t)) ?? t;
}

/** kubectl's AGE of an instant: now minus the object's timestamp, in whole seconds as the API has it. */
export function ageSince(world: World, t: number): string {
  return age(world.time - apiSecond(t));
}

const ago = (world: World, t: number | undefined) => (t === undefined ? NONE : ageSince(world, t));
const images = (t: PodTemplateSpec) => t.spec.containers.map((c) => c.image).join(",");
const containers = (t: PodTemplateSpec) => t.spec.containers.map((c) => c.name).join(",");

/** The printer of each kind of item, by resource type source. */
function columnsOf(type: ResourceType): Columns {
  const obj =
    <T>(f: (o: T, w: World) => { cells: string[]; wide: string[] }) =>
    (item: Item, w: World) =>
      f((item as unknown as { obj: T }).obj, w);
  switch (type.source) {
    case "Pod":
      return {
        headers: ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
        wide: ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
        cells: obj<Pod>((p, w) => ({
          cells: [
            p.metadata.name,
            podReadyColumn(p),
            podStatus(p),
            String(podRestarts(p)),
            ago(w, p.metadata.creationTimestamp),
          ],
          wide: [cell(p.status.podIP ?? ""), cell(p.spec.nodeName ?? ""), NONE, NONE],
        })),
      };
    case "Node":
      return {
        headers: ["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
        wide: ["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"],
        cells: obj<Node>((n, w) => {
          const info = ((toApiObject(w, n).status as { nodeInfo?: Record<string, string> }).nodeInfo ??
            {}) as Record<string, string | undefined>;
          return {
            cells: [
              n.metadata.name,
              nodeStatus(n),
              cell(nodeRoles(n)),
              ago(w, n.metadata.creationTimestamp),
              info.kubeletVersion ?? "",
            ],
            wide: [
              cell(n.status.addresses.find((a) => a.type === "InternalIP")?.address ?? ""),
              NONE,
              cell(info.osImage ?? ""),
              cell(info.kernelVersion ?? ""),
              cell(info.containerRuntimeVersion ?? ""),
            ],
          };
        }),
      };
    case "Namespace":
      return {
        headers: ["NAME", "STATUS", "AGE"],
        wide: [],
        cells: obj<Namespace>((n, w) => ({
          cells: [n.metadata.name, n.status.phase, ago(w, n.metadata.creationTimestamp)],
          wide: [],
        })),
      };
    case "Service":
      return {
        headers: ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
        wide: ["SELECTOR"],
        cells: obj<Service>((s, w) => ({
          cells: [
            s.metadata.name,
            s.spec.type,
            s.spec.clusterIP,
            NONE,
            cell(servicePorts(s)),
            ago(w, s.metadata.creationTimestamp),
          ],
          wide: [cell(formatLabels(s.spec.selector))],
        })),
      };
    case "Endpoints":
      return {
        headers: ["NAME", "ENDPOINTS", "AGE"],
        wide: [],
        cells: obj<Endpoints>((e, w) => ({
          cells: [e.metadata.name, cell(endpointsColumn(e)), ago(w, e.metadata.creationTimestamp)],
          wide: [],
        })),
      };
    case "Deployment":
      return {
        headers: ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
        wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
        cells: obj<Deployment>((d, w) => ({
          cells: [
            d.metadata.name,
            `${d.status.readyReplicas}/${d.spec.replicas}`,
            String(d.status.updatedReplicas),
            String(d.status.availableReplicas),
            ago(w, d.metadata.creationTimestamp),
          ],
          wide: [
            containers(d.spec.template),
            images(d.spec.template),
            cell(formatLabels(d.spec.selector.matchLabels)),
          ],
        })),
      };
    case "ReplicaSet":
      return {
        headers: ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
        wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
        cells: obj<ReplicaSet>((r, w) => ({
          cells: [
            r.metadata.name,
            String(r.spec.replicas),
            String(r.status.replicas),
            String(r.status.readyReplicas),
            ago(w, r.metadata.creationTimestamp),
          ],
          wide: [
            containers(r.spec.template),
            images(r.spec.template),
            cell(formatLabels(r.spec.selector.matchLabels)),
          ],
        })),
      };
    case "StatefulSet":
      return {
        headers: ["NAME", "READY", "AGE"],
        wide: ["CONTAINERS", "IMAGES"],
        cells: obj<StatefulSet>((s, w) => ({
          cells: [
            s.metadata.name,
            `${s.status.readyReplicas}/${s.spec.replicas}`,
            ago(w, s.metadata.creationTimestamp),
          ],
          wide: [containers(s.spec.template), images(s.spec.template)],
        })),
      };
    case "DaemonSet":
      return {
        headers: ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"],
        wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
        cells: obj<DaemonSet>((d, w) => ({
          cells: [
            d.metadata.name,
            String(d.status.desiredNumberScheduled),
            String(d.status.currentNumberScheduled),
            String(d.status.numberReady),
            // The game keeps no updatedNumberScheduled / numberAvailable: a DaemonSet's pods
            // all run its one template, and a Ready pod is available (minReadySeconds 0).
            String(d.status.currentNumberScheduled),
            String(d.status.numberReady),
            NONE,
            ago(w, d.metadata.creationTimestamp),
          ],
          wide: [
            containers(d.spec.template),
            images(d.spec.template),
            cell(formatLabels(d.spec.selector.matchLabels)),
          ],
        })),
      };
    case "Job":
      return {
        headers: ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"],
        wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
        cells: obj<Job>((j, w) => ({
          cells: [
            j.metadata.name,
            jobStatus(j),
            `${j.status.succeeded}/${j.spec.completions}`,
            j.status.startTime === undefined
              ? ""
              : age(
                  (j.status.completionTime === undefined ? w.time : apiSecond(j.status.completionTime)) -
                    apiSecond(j.status.startTime),
                ),
            ago(w, j.metadata.creationTimestamp),
          ],
          wide: [
            containers(j.spec.template),
            images(j.spec.template),
            cell(formatLabels(j.spec.selector?.matchLabels ?? {})),
          ],
        })),
      };
    case "PersistentVolumeClaim":
      return {
        headers: [
          "NAME",
          "STATUS",
          "VOLUME",
          "CAPACITY",
          "ACCESS MODES",
          "STORAGECLASS",
          "VOLUMEATTRIBUTESCLASS",
          "AGE",
        ],
        wide: ["VOLUMEMODE"],
        cells: obj<PersistentVolumeClaim>((c, w) => {
          const bound = c.status.phase === "Bound";
          return {
            cells: [
              c.metadata.name,
              c.status.phase,
              c.spec.volumeName ?? "",
              bound ? c.spec.resources.requests.storage : "",
              bound ? accessModes(c.spec.accessModes) : "",
              "",
              "<unset>",
              ago(w, c.metadata.creationTimestamp),
            ],
            wide: ["Filesystem"],
          };
        }),
      };
    case "Event":
      return {
        headers: ["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
        // -o wide puts MESSAGE after SUBOBJECT and SOURCE (printEvent): the wide row is its own.
        wide: [
          "LAST SEEN",
          "TYPE",
          "REASON",
          "OBJECT",
          "SUBOBJECT",
          "SOURCE",
          "MESSAGE",
          "FIRST SEEN",
          "COUNT",
          "NAME",
        ],
        wideReplaces: true,
        cells: (item, w) => {
          const e = (item as { event: SimEvent }).event;
          const [kind = "", a = "", b] = e.object.split("/");
          const seen = ageSince(w, e.time);
          const type = e.severity === "Warning" || e.severity === "Chaos" ? "Warning" : "Normal";
          const target = `${kind.toLowerCase()}/${b ?? a}`;
          return {
            cells: [seen, type, e.type, target, e.message.trim()],
            wide: [seen, type, e.type, target, "", eventSource(item), e.message.trim(), seen, "1", item.name],
          };
        },
      };
    case "EndpointSlice":
      return {
        headers: ["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"],
        wide: [],
        cells: (item, w) => {
          const s = (item as { slice: ApiObject }).slice;
          const ports = (s.ports as { port?: number }[] | undefined) ?? [];
          const addresses = ((s.endpoints as { addresses: string[] }[] | undefined) ?? []).flatMap(
            (e) => e.addresses,
          );
          const shown = addresses.slice(0, 3).join(",");
          return {
            cells: [
              s.metadata.name,
              String(s.addressType),
              ports.length > 0 ? ports.map((p) => p.port ?? "").join(",") : "<unset>",
              addresses.length === 0
                ? "<unset>"
                : addresses.length > 3
                  ? `${shown} + ${addresses.length - 3} more...`
                  : shown,
              ago(w, gameSecondsOf(s.metadata.creationTimestamp)),
            ],
            wide: [],
          };
        },
      };
  }
}

/** How one table should look. */
export interface TableOptions {
  wide: boolean;
  showLabels: boolean;
  allNamespaces: boolean;
  /** Prefix names with `kind/` (several types in one `get`). */
  withKind?: string;
}

/** The rows of `kubectl get` for items of one type, header first. */
export function tableRows(
  world: World,
  type: ResourceType,
  items: readonly Item[],
  o: TableOptions,
): string[][] {
  const cols = columnsOf(type);
  const replace = o.wide && cols.wideReplaces;
  const header = [
    ...(o.allNamespaces && type.namespaced ? ["NAMESPACE"] : []),
    ...(replace ? [] : cols.headers),
    ...(o.wide ? cols.wide : []),
    ...(o.showLabels ? ["LABELS"] : []),
  ];
  const rows = items.map((item) => {
    const { cells, wide } = cols.cells(item, world);
    if (o.withKind && type.source !== "Event") cells[0] = `${o.withKind}/${cells[0]}`;
    return [
      ...(o.allNamespaces && type.namespaced ? [item.namespace] : []),
      ...(replace ? [] : cells),
      ...(o.wide ? wide : []),
      ...(o.showLabels ? [cell(formatLabels(item.labels))] : []),
    ];
  });
  return [header, ...rows];
}
