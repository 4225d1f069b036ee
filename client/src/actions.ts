/**
 * Which actions a player can take on what they selected, and the intents those actions
 * send. Pure: the Match scene draws these as buttons and maps keys to them; the server
 * decides whether each intent is allowed and what it does.
 */
import type { Intent } from "../../shared/sim/intent-types";
import type { MessageKey } from "./i18n/en";
import { workloadOfPod, type MatchView, type PodView, type WorkloadView } from "./net/view";

/** What the player has selected. */
export type Selection = { kind: "pod" | "node" | "service" | "dns"; key: string };

/** One action button / key. */
export interface ActionDef {
  id: string;
  label: MessageKey;
  params?: Record<string, string>;
  /** The key that triggers it (as KeyboardEvent.key), documented in the README, "Controls per role". */
  key: string;
  /** The intent it sends; absent when the action needs more input (an image). */
  intent?: Intent;
  /** `image`: ask for an image name first. */
  prompt?: { workload: string; container: string; current: string };
}

/** The concept card that explains a selected thing. */
export function conceptFor(sel: Selection | undefined, view: MatchView | undefined): string {
  if (!sel) return "networks";
  if (sel.kind === "node") return "node";
  if (sel.kind === "service") return "service";
  if (sel.kind === "dns") return "dns";
  const pod = view?.pods.find((p) => p.key === sel.key);
  if (pod?.owner.startsWith("StatefulSet/")) return "statefulset";
  if (pod?.owner.startsWith("DaemonSet/")) return "daemonset";
  if (pod?.owner.startsWith("Job/")) return "job";
  return "pod";
}

/** Concept card ids, in the order Tab walks them. */
export const CONCEPTS = [
  "pod",
  "service",
  "clusterip",
  "selector",
  "endpoints",
  "dns",
  "deployment",
  "statefulset",
  "daemonset",
  "job",
  "volume",
  "namespace",
  "networks",
  "node",
] as const;

/** The workload behind a Service (same name: Service `tomcat` ↔ Deployment `tomcat`). */
function workloadOfService(key: string, workloads: WorkloadView[]): WorkloadView | undefined {
  const [ns, name] = key.split("/");
  return workloads.find((w) => w.kind !== "ReplicaSet" && w.name === name && w.namespace === ns);
}

/** The ReplicaSet/StatefulSet that creates pods for a workload (the newest ReplicaSet with replicas). */
function podOwnerOf(w: WorkloadView, workloads: WorkloadView[]): string {
  if (w.kind !== "Deployment") return w.key;
  const rs = workloads
    .filter((x) => x.kind === "ReplicaSet" && x.namespace === w.namespace && x.name.startsWith(`${w.name}-`))
    .sort((a, b) => b.desired - a.desired || a.key.localeCompare(b.key));
  return rs[0]?.key ?? w.key;
}

function workloadActions(w: WorkloadView | undefined, workloads: WorkloadView[]): ActionDef[] {
  if (!w) return [];
  const out: ActionDef[] = [
    {
      id: "scaleUp",
      label: "action.scaleUp",
      key: "+",
      intent: { type: "scale", workload: w.key, replicas: w.desired + 1 },
    },
    {
      id: "scaleDown",
      label: "action.scaleDown",
      key: "-",
      intent: { type: "scale", workload: w.key, replicas: Math.max(0, w.desired - 1) },
    },
    {
      id: "createPod",
      label: "action.createPod",
      key: "n",
      intent: { type: "createPod", owner: podOwnerOf(w, workloads) },
    },
    {
      id: "setImage",
      label: "action.setImage",
      key: "i",
      prompt: { workload: w.key, container: w.container, current: w.image },
    },
  ];
  if (w.kind === "Deployment") {
    out.push({
      id: "undo",
      label: "action.undo",
      key: "z",
      intent: { type: "rolloutUndo", workload: w.key },
    });
  }
  return out;
}

/** The selector labels that put a pod back behind the Service of its tier. */
function tierLabels(pod: PodView, view: MatchView): Record<string, string> | undefined {
  const svc = view.services.find((s) => s.namespace === pod.namespace && s.name === pod.tier);
  return svc && Object.keys(svc.selector).length ? svc.selector : undefined;
}

/** The actions a role has for a selection (none when nothing is selected). */
export function actionsFor(role: string, sel: Selection | undefined, view: MatchView): ActionDef[] {
  if (!sel) return [];
  const pod = sel.kind === "pod" ? view.pods.find((p) => p.key === sel.key) : undefined;
  switch (role) {
    case "scheduler": {
      if (pod && !pod.node) {
        return view.nodes.map((n, i) => ({
          id: `bind:${n.name}`,
          label: "action.bindTo" as const,
          params: { node: n.name },
          key: String(i + 1),
          intent: { type: "bindPod", pod: pod.key, node: n.name },
        }));
      }
      if (sel.kind === "node") {
        const node = view.nodes.find((n) => n.name === sel.key);
        if (!node) return [];
        return node.unschedulable
          ? [
              {
                id: "uncordon",
                label: "action.uncordon",
                key: "u",
                intent: { type: "uncordon", node: node.name },
              },
            ]
          : [{ id: "cordon", label: "action.cordon", key: "c", intent: { type: "cordon", node: node.name } }];
      }
      return [];
    }
    case "workload-controller": {
      if (pod) {
        return [
          { id: "delete", label: "action.delete", key: "d", intent: { type: "deletePod", pod: pod.key } },
          ...workloadActions(workloadOfPod(pod, view.workloads), view.workloads),
        ];
      }
      if (sel.kind === "service")
        return workloadActions(workloadOfService(sel.key, view.workloads), view.workloads);
      return [];
    }
    case "service-controller": {
      if (pod) {
        const labels = tierLabels(pod, view);
        return labels
          ? [
              {
                id: "label",
                label: "action.label",
                key: "l",
                intent: { type: "labelPod", pod: pod.key, labels },
              },
            ]
          : [];
      }
      const svcKey = sel.kind === "dns" ? serviceOfDnsName(sel.key) : sel.kind === "service" ? sel.key : "";
      if (!svcKey) return [];
      return [
        {
          id: "recreate",
          label: "action.recreate",
          key: "r",
          intent: { type: "recreateService", service: svcKey },
        },
        {
          id: "endpoints",
          label: "action.endpoints",
          key: "e",
          intent: { type: "updateEndpoints", service: svcKey },
        },
        { id: "dns", label: "action.dns", key: "g", intent: { type: "registerDns", service: svcKey } },
      ];
    }
    default:
      return [];
  }
}

/** `tomcat.shop.svc.cluster.local` → `shop/tomcat`; pod records (`mysql-0.mysql.shop…`) → `shop/mysql`. */
export function serviceOfDnsName(name: string): string {
  const parts = name.split(".");
  const i = parts.indexOf("svc");
  if (i < 2) return "";
  return `${parts[i - 1]}/${parts[i - 2]}`;
}

/** The order Tab and the arrow keys walk: nodes with their pods, the tray, Services, DNS rows. */
export function selectionOrder(view: MatchView): Selection[] {
  const out: Selection[] = [];
  for (const n of view.nodes) {
    out.push({ kind: "node", key: n.name });
    for (const p of view.pods) if (p.node === n.name) out.push({ kind: "pod", key: p.key });
  }
  for (const p of view.pods) if (!p.node) out.push({ kind: "pod", key: p.key });
  for (const s of view.services) out.push({ kind: "service", key: s.key });
  for (const d of view.dns) out.push({ kind: "dns", key: d.name });
  return out;
}

/** The next selection in {@link selectionOrder} (wrapping), `step` = +1 or −1. */
export function nextSelection(
  view: MatchView,
  current: Selection | undefined,
  step: number,
): Selection | undefined {
  const order = selectionOrder(view);
  if (order.length === 0) return undefined;
  const i = current ? order.findIndex((s) => s.kind === current.kind && s.key === current.key) : -1;
  if (i < 0) return step >= 0 ? order[0] : order[order.length - 1];
  return order[(i + step + order.length) % order.length];
}

/**
 * Maps a key press to an action. `B` arms binding (the next digit picks the node); digits
 * bind directly too; `+`/`=` and `-`/`_` scale.
 */
export function actionForKey(key: string, actions: ActionDef[]): ActionDef | undefined {
  const k = key === "=" ? "+" : key === "_" ? "-" : key.toLowerCase();
  return actions.find((a) => a.key === k);
}
