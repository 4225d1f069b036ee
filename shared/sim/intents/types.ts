/**
 * What a player (or a bot) can ask of the cluster, as it travels: the intent itself, the
 * queue entry with its sender, and the result. Each intent belongs to one role and does by
 * hand what that role's control loop does on autopilot. Objects are named the kubectl way:
 * `namespace/name` for namespaced objects, `name` for nodes; `workload` and `owner` are
 * `Kind/namespace/name` (`Deployment/shop/tomcat`, `ReplicaSet/shop/tomcat-5d8f7c9b4`).
 */
import type { Role } from "../world";

/** Every intent, by its `type`; each one has a definition in the registry (`INTENT_DEFS`). */
export type Intent =
  | { type: "bindPod"; pod: string; node: string }
  | { type: "cordon"; node: string }
  | { type: "uncordon"; node: string }
  | { type: "createPod"; owner: string }
  | { type: "deletePod"; pod: string }
  | { type: "scale"; workload: string; replicas: number }
  | { type: "setImage"; workload: string; container: string; image: string }
  | { type: "rolloutUndo"; workload: string }
  | { type: "rolloutRestart"; workload: string }
  | { type: "createReplicaSet"; workload: string }
  | { type: "adoptPod"; pod: string }
  | { type: "updateStatefulPod"; pod: string }
  | { type: "labelPod"; pod: string; labels: Record<string, string | null> }
  | { type: "recreateService"; service: string }
  | { type: "updateEndpoints"; service: string }
  | { type: "registerDns"; service: string };

/** An intent's type name. */
export type IntentType = Intent["type"];

/** The intent of one type. */
export type IntentOf<T extends IntentType> = Extract<Intent, { type: T }>;

/** An intent waiting for the next tick, with who sent it. */
export interface QueuedIntent {
  /** A stable player id (the seat), or `bot:<role>` / `facilitator`. */
  actor: string;
  /** The role the actor holds; checked by `checkIntentRole`. */
  role: Role;
  intent: Intent;
}

/** Why an intent was refused. */
export const INTENT_ERRORS = {
  WRONG_ROLE: "WRONG_ROLE",
  NOT_FOUND: "NOT_FOUND",
  INVALID: "INVALID",
  CONFLICT: "CONFLICT",
  UNSCHEDULABLE: "UNSCHEDULABLE",
} as const;
/** One of {@link INTENT_ERRORS}. */
export type IntentErrorCode = keyof typeof INTENT_ERRORS;

/**
 * The components that do an intent's work in a real cluster when it is not a person's: the
 * scheduler writes Bindings, the controllers in kube-controller-manager write pods,
 * ReplicaSets and EndpointSlices, CoreDNS answers from what it watches.
 */
export const REAL_CONTROLLERS = [
  "kube-scheduler",
  "deployment-controller",
  "replicaset-controller",
  "statefulset-controller",
  "daemonset-controller",
  "job-controller",
  "endpointslice-controller",
  "coredns",
] as const;
/** One of {@link REAL_CONTROLLERS}. */
export type RealController = (typeof REAL_CONTROLLERS)[number];

/**
 * Whose work an intent does in a real cluster, and the read (`kubectl get/describe …`, a DNS
 * query) that shows what that controller wrote — something to look at, never the action.
 */
export interface RealClusterWork {
  controller: RealController;
  inspect: string;
}

/**
 * Why an intent was refused, as a code with its parameters (object names and numbers), so
 * a client can say it in the player's language (`refusal.<key>` in its message tables);
 * `next` is the step the player can take instead. The English `message` says the same.
 */
export interface IntentReason {
  key: string;
  params: Record<string, string | number>;
  next?: IntentReason;
}

/**
 * What became of an intent: applied (`note`: the message as a code with parameters, and the
 * next step of a rollout by hand, for the client to translate) (with its kubectl equivalent) or refused (with why).
 * `kubectl` is "" when no command a person types does it (the work is only a controller's);
 * `controller` and `inspect` then say whose work it is and how to look at it.
 */
export type IntentResult = (
  | { actor: string; intent: Intent; ok: true; kubectl: string; message: string; note?: IntentReason }
  | {
      actor: string;
      intent: Intent;
      ok: false;
      kubectl: string;
      code: IntentErrorCode;
      message: string;
      reason?: IntentReason;
    }
) &
  Partial<RealClusterWork>;
