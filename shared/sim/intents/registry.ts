/**
 * The shape of the intent registry: one definition per intent type says who may send it
 * (`role`), what it carries (`fields`, which the protocol validator checks), what a person
 * would type for it (`kubectl`) and what it does to the world (`plan`). The role files
 * (scheduler.ts, workload.ts, service.ts) hold the definitions; index.ts assembles them.
 */
import type { Change } from "../loop";
import type { Role, World } from "../world";
import type { IntentErrorCode, IntentOf, IntentReason, IntentType, RealClusterWork } from "./types";

/** The largest replica count an intent may ask for (a small cluster, a short match); the validator's bound too. */
export const MAX_REPLICAS = 10;

/**
 * How a field is checked on the wire: `name` an object name or reference (a non-empty
 * printable string), `replicas` an integer from 0 to {@link MAX_REPLICAS}, `labels` a map
 * of Kubernetes label keys to values (null removes the label).
 */
export const FIELD_KINDS = ["name", "replicas", "labels"] as const;
/** One of {@link FIELD_KINDS}. */
export type FieldKind = (typeof FIELD_KINDS)[number];

/** The field kind that can carry a value of type `V` (so a table row cannot lie about a field). */
type FieldKindOf<V> = V extends string ? "name" : V extends number ? "replicas" : "labels";

/** Every field of an intent but its `type`, each with its kind. */
export type IntentFields<T extends IntentType> = {
  [F in Exclude<keyof IntentOf<T>, "type">]-?: FieldKindOf<IntentOf<T>[F]>;
};

/**
 * What planning an intent came to: the changes to make, or a refusal with its code. A plan
 * that knows more than the intent says (the owner's uid an adoption writes) may give the
 * exact `kubectl` line for what it did; otherwise the definition's line is printed.
 */
export type Outcome =
  | {
      changes: Change[];
      message: string;
      kubectl?: string;
      note?: IntentReason;
      /** The note to attach once the changes are in the world (a rollout's next step depends on them). */
      after?: (world: World) => IntentReason | undefined;
    }
  | { code: IntentErrorCode; message: string; reason?: IntentReason };

/** Everything the game knows about one intent type. */
export interface IntentDef<T extends IntentType> {
  type: T;
  /** The one role that may send it. */
  role: Role;
  /** Its fields besides `type`, for the protocol validator. */
  fields: IntentFields<T>;
  /**
   * The kubectl command a person would type for it: a real command that does it, or "" when
   * none does (the work is only a controller's; then `realCluster` must say whose).
   */
  kubectl(intent: IntentOf<T>): string;
  /**
   * Whose work this is in a real cluster, and the read that shows what that controller
   * wrote — for intents that do a controller's work by hand. Absent for what people type.
   */
  realCluster?(intent: IntentOf<T>): RealClusterWork;
  /** Checks it against the world and computes its changes (the sender's role is already checked). */
  plan(world: World, actor: string, intent: IntentOf<T>): Outcome;
}

/** A refusal for something the intent names that does not exist. */
export function notFound(what: string): Outcome {
  return { code: "NOT_FOUND", message: `${what} not found` };
}

/** `namespace/name` → [namespace, name] (`default` when there is no namespace). */
export function splitKey(key: string): [string, string] {
  const i = key.indexOf("/");
  return i < 0 ? ["default", key] : [key.slice(0, i), key.slice(i + 1)];
}

/** `Kind/namespace/name` → [Kind, namespace, name]. */
export function splitWorkload(ref: string): [string, string, string] {
  const [kind = "", ns = "", name = ""] = ref.split("/");
  return [kind, ns, name];
}
