/** The concept cards (one per Kubernetes idea) and which one explains a selection. */
import type { MatchView } from "./net/view";
import type { Selection } from "./selection";

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
  "clock",
] as const;

/** One concept card id. */
export type Concept = (typeof CONCEPTS)[number];

/** The card for a workload kind (a Deployment's and a ReplicaSet's are the same card). */
const KIND_CONCEPT = {
  Deployment: "deployment",
  ReplicaSet: "deployment",
  StatefulSet: "statefulset",
  DaemonSet: "daemonset",
  Job: "job",
} as const satisfies Record<string, Concept>;

function conceptOfKind(kind: string, otherwise: Concept): Concept {
  return (KIND_CONCEPT as Record<string, Concept>)[kind] ?? otherwise;
}

/** The concept card that explains a selected thing (the networks card when nothing is selected). */
export function conceptFor(sel: Selection | undefined, view: MatchView | undefined): Concept {
  if (!sel) return "networks";
  switch (sel.kind) {
    case "node":
    case "service":
    case "dns":
      return sel.kind;
    case "workload":
      return conceptOfKind(sel.key.split("/")[0] ?? "", "deployment");
    case "pod": {
      const pod = view?.pods.find((p) => p.key === sel.key);
      const kind = pod?.workload.split("/")[0] ?? "";
      // a Deployment's pod is still "a pod" first: the card for controllers of pods with an identity
      return kind === "Deployment" ? "pod" : conceptOfKind(kind, "pod");
    }
  }
}
