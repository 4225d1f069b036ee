/**
 * The intent registry: every intent type's definition, by type, and what derives from it —
 * the role table, the type list, the protocol's field table, the role rule and the one
 * entry point the tick uses, `applyIntent`. Every intent names its kubectl equivalent, so
 * players learn the command while they play.
 */
import { event, type Change } from "../loop";
import { ROLES, type Role, type World } from "../world";
import type { IntentDef, IntentFields } from "./registry";
import { bindPod, cordon, uncordon } from "./scheduler";
import { labelPod, recreateService, registerDns, updateEndpoints } from "./service";
import type {
  Intent,
  IntentErrorCode,
  IntentReason,
  IntentResult,
  IntentType,
  QueuedIntent,
  RealClusterWork,
} from "./types";
import {
  adoptPod,
  createPod,
  createReplicaSet,
  deletePod,
  rolloutRestart,
  rolloutUndo,
  scale,
  setImage,
  updateStatefulPod,
} from "./workload";

export * from "./types";
export {
  MAX_REPLICAS,
  FIELD_KINDS,
  type FieldKind,
  type IntentDef,
  type IntentFields,
  type Outcome,
} from "./registry";
export { lastServiceManifest } from "./service";

/** Every intent's definition, by type; a type without an entry fails to compile. */
export const INTENT_DEFS: { readonly [T in IntentType]: IntentDef<T> } = {
  bindPod,
  cordon,
  uncordon,
  createPod,
  deletePod,
  scale,
  setImage,
  rolloutUndo,
  rolloutRestart,
  createReplicaSet,
  adoptPod,
  updateStatefulPod,
  labelPod,
  recreateService,
  updateEndpoints,
  registerDns,
};

/** The intent types, for validators and menus (in the registry's order). */
export const INTENT_TYPES = Object.keys(INTENT_DEFS) as IntentType[];

/** Which role may send which intent. */
export const INTENT_ROLES = Object.fromEntries(INTENT_TYPES.map((t) => [t, INTENT_DEFS[t].role])) as Readonly<
  Record<IntentType, Role>
>;

/** The fields of each intent type besides `type`, with their kinds (what the protocol validator checks). */
export const INTENT_FIELDS = Object.fromEntries(INTENT_TYPES.map((t) => [t, INTENT_DEFS[t].fields])) as {
  readonly [T in IntentType]: IntentFields<T>;
};

/** Whether a string names an intent type (own keys only: `toString` is not an intent). */
export function isIntentType(type: unknown): type is IntentType {
  return typeof type === "string" && Object.prototype.hasOwnProperty.call(INTENT_DEFS, type);
}

/** The definition of an intent's type, seen through the intent's own type. */
function defOf(intent: Intent): IntentDef<IntentType> {
  // Each entry takes only its own intent; the caller passes the intent of that very type.
  return INTENT_DEFS[intent.type] as IntentDef<IntentType>;
}

/** The kubectl command a person would type for this intent ("" for a type nobody defined). */
export function kubectlFor(intent: Intent): string {
  return isIntentType(intent.type) ? defOf(intent).kubectl(intent) : "";
}

/** Whose work the intent does in a real cluster and how to look at it; {} for a person's own command. */
export function realClusterFor(intent: Intent): Partial<RealClusterWork> {
  const work = isIntentType(intent.type) ? defOf(intent).realCluster?.(intent) : undefined;
  return work ? { controller: work.controller, inspect: work.inspect } : {};
}

/** What the event log says an intent did: its kubectl line, or whose work it stood in for. */
function actionLine(intent: Intent, kubectl: string): string {
  const controller = realClusterFor(intent).controller;
  return kubectl || `${intent.type} (by hand; in a real cluster the ${controller ?? "control plane"}'s work)`;
}

/**
 * Why `role` may not send `intent` — the one place the role rule is written — or undefined
 * when it may. `""` is a seat that has not picked a role yet.
 */
export function checkIntentRole(intent: Intent, role: Role | ""): string | undefined {
  const type = String(intent.type);
  if (!isIntentType(type)) return `unknown intent "${type}"`;
  const needed = INTENT_DEFS[type].role;
  if (role === "") return `pick a role first: ${type} is the ${needed}'s job`;
  if (!(ROLES as readonly string[]).includes(role)) return `unknown role "${String(role)}"`;
  if (role !== needed) return `${type} is the ${needed}'s job; you are the ${role}`;
  return undefined;
}

/**
 * Checks role and world, and returns the intent's result with the changes to apply and,
 * for a result whose note depends on the world after them, how to read it (`after`).
 */
export function applyIntent(
  world: World,
  q: QueuedIntent,
): { result: IntentResult; changes: Change[]; after?: (world: World) => IntentReason | undefined } {
  const { actor, role, intent } = q;
  const kubectl = kubectlFor(intent);
  const real = realClusterFor(intent);
  const refuse = (code: IntentErrorCode, message: string, reason?: IntentReason) => ({
    result: {
      actor,
      intent,
      ok: false as const,
      kubectl,
      code,
      message,
      ...(reason ? { reason } : {}),
      ...real,
    },
    changes: [],
  });
  if (!isIntentType(intent.type)) return refuse("INVALID", `unknown intent "${String(intent.type)}"`);
  const wrongRole = checkIntentRole(intent, role);
  if (wrongRole !== undefined) return refuse("WRONG_ROLE", wrongRole);
  const out = defOf(intent).plan(world, actor, intent);
  if ("code" in out) return refuse(out.code, out.message, out.reason);
  const note = event(
    `Intent/${intent.type}`,
    "Intent",
    `${actor} (${role}): ${actionLine(intent, out.kubectl ?? kubectl)}`,
    "Intent",
  );
  return {
    result: {
      actor,
      intent,
      ok: true,
      kubectl: out.kubectl ?? kubectl,
      message: out.message,
      ...(out.note ? { note: out.note } : {}),
      ...real,
    },
    changes: [...out.changes, note],
    ...(out.after ? { after: out.after } : {}),
  };
}
