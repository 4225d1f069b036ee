/**
 * What a player can select on the Match screen and the order Tab / the arrow keys walk it.
 * Pure: the Match scene draws the selection, the input module acts on it.
 */
import type { MatchView } from "./net/view";

/** The kinds of things a player can select. */
export const SELECTION_KINDS = ["node", "pod", "service", "dns", "workload"] as const;

/** What the player has selected: a kind and its key (pod/service/workload key, node name, DNS name). */
export type Selection = { kind: (typeof SELECTION_KINDS)[number]; key: string };

/** Whether a selection still names something in the view (a deleted pod drops its selection). */
export function selectionExists(view: MatchView, sel: Selection): boolean {
  switch (sel.kind) {
    case "pod":
      return view.pods.some((p) => p.key === sel.key);
    case "node":
      return view.nodes.some((n) => n.name === sel.key);
    case "service":
      return view.services.some((s) => s.key === sel.key);
    case "dns":
      return view.dns.some((d) => d.name === sel.key);
    case "workload":
      return view.workloads.some((w) => w.key === sel.key);
  }
}

/** Workloads a person acts on (a ReplicaSet is its Deployment's business). */
export function actionableWorkloads(view: MatchView): MatchView["workloads"] {
  return view.workloads.filter((w) => w.kind !== "ReplicaSet");
}

/** The order Tab and the arrow keys walk: nodes with their pods, the tray, Services, DNS rows, workloads. */
export function selectionOrder(view: MatchView): Selection[] {
  const out: Selection[] = [];
  for (const n of view.nodes) {
    out.push({ kind: "node", key: n.name });
    for (const p of view.pods) if (p.node === n.name) out.push({ kind: "pod", key: p.key });
  }
  for (const p of view.pods) if (!p.node) out.push({ kind: "pod", key: p.key });
  for (const s of view.services) out.push({ kind: "service", key: s.key });
  for (const d of view.dns) out.push({ kind: "dns", key: d.name });
  for (const w of actionableWorkloads(view)) out.push({ kind: "workload", key: w.key });
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
