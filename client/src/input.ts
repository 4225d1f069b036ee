/**
 * Every intent the client sends is built here, from whichever input made it: a key, a click
 * or tap, a drag of a pod onto a node, an action button. Pure: each input becomes a list of
 * {@link InputCommand}s that the Match scene carries out. The server decides whether an
 * intent is allowed and what it does; this module only says which one the player asked for.
 */
import { isImageRef } from "../../shared/sim/image";
import type { Intent } from "../../shared/sim/intent-types";
import { conceptFor } from "./concepts";
import type { MessageKey } from "./i18n/en";
import { selectedPods, workloadOfPod, type MatchView, type PodView, type WorkloadView } from "./net/view";
import { actionableWorkloads, nextSelection, type Selection } from "./selection";

/** A workload whose image the player is asked for before `setImage` is sent. */
export interface ImagePrompt {
  workload: string;
  container: string;
  current: string;
}

/** One action button / key of the player's role for the current selection. */
export interface ActionDef {
  id: string;
  label: MessageKey;
  params?: Record<string, string>;
  /** The key that triggers it (as KeyboardEvent.key, lower case), documented in the README, "Controls per role". */
  key: string;
  /** The intent it sends; absent when the action needs more input (an image). */
  intent?: Intent;
  prompt?: ImagePrompt;
}

/** What an input asks the Match scene to do. */
export type InputCommand =
  | { type: "select"; selection: Selection | undefined }
  | { type: "send"; intent: Intent }
  | { type: "askImage"; prompt: ImagePrompt }
  | { type: "hint"; key: MessageKey; params?: Record<string, string | number> }
  | { type: "armBind" }
  | { type: "showCard"; concept: string }
  | { type: "hideCard" }
  | { type: "nextCard"; step: 1 | -1 };

/** What the input needs to know about the screen. */
export interface InputContext {
  view: MatchView;
  /** The player's role ("" when watching). */
  role: string;
  selection: Selection | undefined;
  /** Whether a concept card is open (it takes the keys). */
  cardOpen: boolean;
}

/** The ReplicaSets of a Deployment as the view lists them (their `owner` is the Deployment). */
function replicaSetsOf(w: WorkloadView, view: MatchView): WorkloadView[] {
  return view.workloads.filter((x) => x.kind === "ReplicaSet" && x.owner === w.key);
}

/** The ordinal of a StatefulSet pod's name (`mysql-2` → 2), or -1. */
function ordinal(name: string): number {
  const m = /-(\d+)$/.exec(name);
  return m ? Number(m[1]) : -1;
}

/**
 * The rollout steps a person takes as the deployment controller: create the new
 * ReplicaSet (or grow it by one), shrink an old one by one. The server checks maxSurge and
 * maxUnavailable and says why a step is refused; shown only while a rollout is under way.
 */
function deploymentRolloutActions(w: WorkloadView, view: MatchView): ActionDef[] {
  const sets = replicaSetsOf(w, view);
  const current = sets.find((rs) => rs.key === w.currentReplicaSet);
  const old = sets.find((rs) => rs.key !== w.currentReplicaSet && rs.desired > 0);
  const out: ActionDef[] = [];
  if (!current)
    out.push({
      id: "rolloutNew",
      label: "action.rolloutNew",
      key: "o",
      intent: { type: "createReplicaSet", workload: w.key },
    });
  else if (current.desired < w.desired)
    out.push({
      id: "rolloutNew",
      label: "action.rolloutNew",
      key: "o",
      intent: { type: "scale", workload: current.key, replicas: current.desired + 1 },
    });
  if (old)
    out.push({
      id: "rolloutOld",
      label: "action.rolloutOld",
      key: "x",
      intent: { type: "scale", workload: old.key, replicas: old.desired - 1 },
    });
  return out;
}

/**
 * The RollingUpdate step of a StatefulSet whose pods run an older image: the highest
 * ordinal among them (the server refuses another order, or while a pod is not Ready).
 */
function statefulUpdateAction(w: WorkloadView, view: MatchView): ActionDef[] {
  const outdated = view.pods
    .filter((p) => p.workload === w.key && !p.terminating && p.image !== w.image)
    .sort((a, b) => ordinal(b.name) - ordinal(a.name))[0];
  return outdated
    ? [
        {
          id: "updatePod",
          label: "action.updatePod",
          params: { pod: outdated.name },
          key: "o",
          intent: { type: "updateStatefulPod", pod: outdated.key },
        },
      ]
    : [];
}

/**
 * Which ReplicaSet a Deployment's next pod is for: one short of its pods (the current one
 * first), else the current one — until one exists there is nothing to create pods from.
 */
function podOwnerOf(w: WorkloadView, view: MatchView): string {
  if (w.kind !== "Deployment") return w.key;
  const sets = replicaSetsOf(w, view).sort((a, b) =>
    a.key === w.currentReplicaSet ? -1 : b.key === w.currentReplicaSet ? 1 : 0,
  );
  return sets.find((rs) => rs.current < rs.desired)?.key ?? w.currentReplicaSet;
}

function workloadActions(w: WorkloadView | undefined, view: MatchView): ActionDef[] {
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
  ];
  const owner = podOwnerOf(w, view);
  if (owner)
    out.push({ id: "createPod", label: "action.createPod", key: "n", intent: { type: "createPod", owner } });
  out.push({
    id: "setImage",
    label: "action.setImage",
    key: "i",
    prompt: { workload: w.key, container: w.container, current: w.image },
  });
  if (w.kind === "Deployment") {
    out.push({
      id: "undo",
      label: "action.undo",
      key: "z",
      intent: { type: "rolloutUndo", workload: w.key },
    });
    out.push(...deploymentRolloutActions(w, view));
  }
  if (w.kind === "StatefulSet") out.push(...statefulUpdateAction(w, view));
  return out;
}

/** The workload a selection stands for: the pod's, the Service's, the row's (a ReplicaSet's Deployment). */
function workloadOfSelection(sel: Selection | undefined, view: MatchView): WorkloadView | undefined {
  if (sel?.kind === "pod") {
    const pod = view.pods.find((p) => p.key === sel.key);
    return pod && workloadOfPod(pod, view.workloads);
  }
  if (sel?.kind === "service") return workloadOfService(sel.key, view);
  if (sel?.kind !== "workload") return undefined;
  const w = view.workloads.find((x) => x.key === sel.key);
  return w?.kind === "ReplicaSet" ? view.workloads.find((x) => x.key === w.owner) : w;
}

/**
 * Why O or X does nothing for the workload controller right now, and what to do instead:
 * no rollout in progress (press I first), an old ReplicaSet that still has pods it no
 * longer wants (D), a new ReplicaSet already full (X), nothing selected to step.
 */
export function rolloutHint(key: "o" | "x", sel: Selection | undefined, view: MatchView): InputCommand {
  const hint = (k: MessageKey, params?: Record<string, string | number>): InputCommand => ({
    type: "hint",
    key: k,
    ...(params ? { params } : {}),
  });
  const w = workloadOfSelection(sel, view);
  if (w?.kind === "StatefulSet")
    return key === "o" ? hint("hint.statefulCurrent", { name: w.name }) : hint("hint.statefulNoX");
  if (w?.kind !== "Deployment") return hint("hint.selectWorkload");
  const sets = replicaSetsOf(w, view);
  const current = sets.find((rs) => rs.key === w.currentReplicaSet);
  if (!current) return hint("hint.noReplicaSet");
  const old = sets.filter((rs) => rs !== current);
  const leftover = old.find((rs) => rs.current > rs.desired);
  if (leftover) {
    // The pod to delete: one that is not Ready first (it costs no availability), as a ReplicaSet picks.
    const pods = view.pods.filter((p) => p.owner === leftover.key && !p.terminating);
    const pod = pods.find((p) => !p.ready) ?? pods[0];
    return hint("hint.oldPods", {
      replicaSet: leftover.name,
      wants: leftover.desired,
      has: leftover.current,
      pod: pod?.name ?? "",
      node: pod?.node || "Unscheduled",
    });
  }
  if (key === "o" && old.some((rs) => rs.desired > 0))
    return hint("hint.newFull", { replicaSet: current.name, replicas: w.desired });
  return hint("hint.noRollout", { deployment: w.name, replicaSet: current.name });
}

/** The workload behind a Service: the one owning the pods its selector selects. */
function workloadOfService(key: string, view: MatchView): WorkloadView | undefined {
  const svc = view.services.find((s) => s.key === key);
  if (!svc) return undefined;
  const keys = new Set(selectedPods(svc, view.pods).map((p) => p.workload));
  return actionableWorkloads(view).find((w) => keys.has(w.key));
}

/** The selector of the pod's tier's Service: the labels that put the pod back behind it. */
function tierLabels(pod: PodView, view: MatchView): Record<string, string> | undefined {
  // A pod whose label drifted matches no tier any more: its app label still names its Service.
  const name = pod.tier || pod.labels.app;
  const svc = view.services.find((s) => s.namespace === pod.namespace && s.name === name);
  return svc && Object.keys(svc.selector).length ? svc.selector : undefined;
}

/** `tomcat.shop.svc.cluster.local` → `shop/tomcat`; pod records (`mysql-0.mysql.shop…`) → `shop/mysql`. */
export function serviceOfDnsName(name: string): string {
  const parts = name.split(".");
  const i = parts.indexOf("svc");
  if (i < 2) return "";
  return `${parts[i - 1]}/${parts[i - 2]}`;
}

function schedulerActions(sel: Selection, view: MatchView): ActionDef[] {
  const pod = sel.kind === "pod" ? view.pods.find((p) => p.key === sel.key) : undefined;
  if (pod && !pod.node) {
    return view.nodes.map((n, i) => ({
      id: `bind:${n.name}`,
      label: "action.bindTo" as const,
      params: { node: n.name },
      key: String(i + 1),
      intent: { type: "bindPod", pod: pod.key, node: n.name },
    }));
  }
  const node = sel.kind === "node" ? view.nodes.find((n) => n.name === sel.key) : undefined;
  if (!node) return [];
  return node.cordoned
    ? [{ id: "uncordon", label: "action.uncordon", key: "u", intent: { type: "uncordon", node: node.name } }]
    : [{ id: "cordon", label: "action.cordon", key: "c", intent: { type: "cordon", node: node.name } }];
}

function workloadControllerActions(sel: Selection, view: MatchView): ActionDef[] {
  switch (sel.kind) {
    case "pod": {
      const pod = view.pods.find((p) => p.key === sel.key);
      if (!pod) return [];
      const del: ActionDef = {
        id: "delete",
        label: "action.delete",
        key: "d",
        intent: { type: "deletePod", pod: pod.key },
      };
      // A pod no controller owns: the ReplicaSet whose selector its labels match may adopt it.
      if (!pod.workload)
        return [
          del,
          { id: "adopt", label: "action.adopt", key: "a", intent: { type: "adoptPod", pod: pod.key } },
        ];
      return [del, ...workloadActions(workloadOfPod(pod, view.workloads), view)];
    }
    case "service":
      return workloadActions(workloadOfService(sel.key, view), view);
    case "workload":
      return workloadActions(
        view.workloads.find((w) => w.key === sel.key),
        view,
      );
    default:
      return [];
  }
}

function serviceControllerActions(sel: Selection, view: MatchView): ActionDef[] {
  if (sel.kind === "pod") {
    const pod = view.pods.find((p) => p.key === sel.key);
    const labels = pod && tierLabels(pod, view);
    return pod && labels
      ? [{ id: "label", label: "action.label", key: "l", intent: { type: "labelPod", pod: pod.key, labels } }]
      : [];
  }
  const service = sel.kind === "dns" ? serviceOfDnsName(sel.key) : sel.kind === "service" ? sel.key : "";
  if (!service) return [];
  return [
    { id: "recreate", label: "action.recreate", key: "r", intent: { type: "recreateService", service } },
    { id: "endpoints", label: "action.endpoints", key: "e", intent: { type: "updateEndpoints", service } },
    { id: "dns", label: "action.dns", key: "g", intent: { type: "registerDns", service } },
  ];
}

/** The actions a role has for a selection (none when nothing is selected or the match is not running). */
export function actionsFor(role: string, sel: Selection | undefined, view: MatchView): ActionDef[] {
  if (!sel || view.phase !== "running") return [];
  switch (role) {
    case "scheduler":
      return schedulerActions(sel, view);
    case "workload-controller":
      return workloadControllerActions(sel, view);
    case "service-controller":
      return serviceControllerActions(sel, view);
    default:
      return [];
  }
}

/** The action a key triggers: `+`/`=` and `-`/`_` scale, letters ignore case, digits bind. */
export function actionForKey(key: string, actions: ActionDef[]): ActionDef | undefined {
  const k = key === "=" ? "+" : key === "_" ? "-" : key.toLowerCase();
  return actions.find((a) => a.key === k);
}

/** What running an action does: send its intent, or ask for the image first. */
export function commandsForAction(a: ActionDef | undefined): InputCommand[] {
  if (!a) return [];
  if (a.prompt) return [{ type: "askImage", prompt: a.prompt }];
  return a.intent ? [{ type: "send", intent: a.intent }] : [];
}

/** The image the image field suggests: the same image from a mirror reachable in China. */
export function suggestedImage(current: string): string {
  return current.replace(/^(k8s\.gcr\.io|registry\.k8s\.io)\//, "registry.aliyuncs.com/google_containers/");
}

/** What the image field makes of the typed text: the `setImage` intent, or why not (a message key). */
export type ImageAnswer =
  | { intent: Intent }
  | { problem: "image.empty" | "image.invalid" | "image.same"; params: Record<string, string> };

/**
 * The `setImage` intent for what the player typed, checked by the same rule the server
 * applies ({@link isImageRef}) so the field says what is wrong before anything is sent.
 */
export function setImageIntent(p: ImagePrompt, typed: string): ImageAnswer {
  const image = typed.trim();
  const params = { image, container: p.container };
  if (!image) return { problem: "image.empty", params };
  if (!isImageRef(image)) return { problem: "image.invalid", params };
  if (image === p.current) return { problem: "image.same", params };
  return { intent: { type: "setImage", workload: p.workload, container: p.container, image } };
}

/** Keys while a concept card is open: Esc or ? closes it, Tab / ← / → walk the cards. */
function cardKey(key: string, shift: boolean): InputCommand[] {
  if (key === "Escape" || key === "?") return [{ type: "hideCard" }];
  if (key === "Tab" || key === "ArrowRight") return [{ type: "nextCard", step: shift ? -1 : 1 }];
  if (key === "ArrowLeft") return [{ type: "nextCard", step: -1 }];
  return [];
}

/**
 * A key press (README, "Controls per role"): Tab / arrows walk selections, Esc clears, ? or H
 * opens the concept card, P selects the first Pending pod, B arms binding, Enter runs the
 * first action, and each action's own key runs it.
 */
export function commandsForKey(key: string, shift: boolean, ctx: InputContext): InputCommand[] {
  if (ctx.cardOpen) return cardKey(key, shift);
  const { view, selection } = ctx;
  const select = (s: Selection | undefined): InputCommand[] => [{ type: "select", selection: s }];
  switch (key) {
    case "Tab":
      return select(nextSelection(view, selection, shift ? -1 : 1));
    case "ArrowRight":
    case "ArrowDown":
      return select(nextSelection(view, selection, 1));
    case "ArrowLeft":
    case "ArrowUp":
      return select(nextSelection(view, selection, -1));
    case "Escape":
      return select(undefined);
    case "?":
    case "h":
    case "H":
      return [{ type: "showCard", concept: conceptFor(selection, view) }];
    case "p":
    case "P": {
      const pending = view.pods.find((p) => !p.node && p.phase === "Pending");
      return pending ? select({ kind: "pod", key: pending.key }) : [];
    }
    case "b":
    case "B":
      return [{ type: "armBind" }];
  }
  const actions = actionsFor(ctx.role, selection, view);
  if (key === "Enter") return commandsForAction(actions[0]);
  const action = actionForKey(key, actions);
  // O / X with no rollout step to take would otherwise do nothing at all: say why.
  const k = key.toLowerCase();
  if (!action && ctx.role === "workload-controller" && view.phase === "running" && (k === "o" || k === "x"))
    return [rolloutHint(k, selection, view)];
  return commandsForAction(action);
}

/**
 * A click or tap on something drawn. A scheduler who has a Pending pod selected and taps a
 * node binds it there (the touch path of the drag); any other tap selects what was tapped.
 */
export function commandsForTap(target: Selection, ctx: InputContext): InputCommand[] {
  const sel = ctx.selection;
  if (ctx.role === "scheduler" && target.kind === "node" && sel?.kind === "pod") {
    const pod = ctx.view.pods.find((p) => p.key === sel.key);
    if (pod && !pod.node)
      return [{ type: "send", intent: { type: "bindPod", pod: pod.key, node: target.key } }];
  }
  return [{ type: "select", selection: target }];
}

/** A Pending pod dragged and dropped onto a node: bind it there. */
export function commandsForDrop(pod: string, node: string): InputCommand[] {
  return [{ type: "send", intent: { type: "bindPod", pod, node } }];
}
