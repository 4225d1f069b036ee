/**
 * Chaos: faults fired at a game time, from the scenario's seeded schedule or injected by
 * a facilitator. Each type breaks the world the way the real fault would and nothing
 * more — healing is the control loops' (or the players') job.
 */
import { del, event, type Change } from "./loop";
import { applyChanges } from "./loop";
import { pick } from "./rng";
import { keyOf } from "./store";
import type { Pod } from "./types";
import { round3, type ChaosEvent, type World } from "./world";

/** Every chaos type. */
export const CHAOS_TYPES = [
  "pod-kill",
  "node-crash",
  "node-recover",
  "pod-ip-change",
  "service-recreate",
  "dns-outage",
  "dns-stale",
  "label-drift",
  "crashloop",
  "image-pull-fail",
  "volume-detach",
  "traffic-spike",
  "node-join",
  "bad-rollout",
] as const;
/** One chaos type. */
export type ChaosType = (typeof CHAOS_TYPES)[number];

/** What an injection asks for: a type and an optional target (`shop/tomcat`, `node-2`, …). */
export interface ChaosSpec {
  type: ChaosType;
  target?: string;
}

/** A chaos handler: the changes a fault makes, or an error when the target makes no sense. */
export type ChaosHandler = (world: World, target: string | undefined) => Change[] | { error: string };

/**
 * Pods a target names: a pod key (`shop/tomcat-…-x7k2p`), or a workload/app name
 * (`shop/tomcat`) meaning the pods labelled `app=tomcat` in that namespace.
 */
export function podsForTarget(world: World, target: string | undefined): Pod[] {
  const t = target ?? "shop/tomcat";
  const [ns, name] = t.includes("/") ? (t.split("/") as [string, string]) : ["shop", t];
  const exact = world.store.get("Pod", `${ns}/${name}`);
  if (exact) return [exact];
  return world.store.podsMatching(ns, { app: name });
}

/** The handlers by type; types without one are refused until implemented. */
export const CHAOS_HANDLERS: Partial<Record<ChaosType, ChaosHandler>> = {
  "pod-kill": (world, target) => {
    const pods = podsForTarget(world, target);
    if (pods.length === 0) return { error: `no pod matches "${target ?? "shop/tomcat"}"` };
    const victim = pick(world.rng, pods);
    return [del(victim), event(victim, "ChaosPodKill", `pod ${keyOf(victim)} was killed`, "Chaos")];
  },
};

/** Whether a string is a chaos type. */
export function isChaosType(type: string): type is ChaosType {
  return (CHAOS_TYPES as readonly string[]).includes(type);
}

/** Queues an injected chaos event for the next tick; refuses unknown or unimplemented types. */
export function injectChaos(world: World, spec: ChaosSpec): { ok: true } | { ok: false; error: string } {
  if (!isChaosType(spec.type))
    return {
      ok: false,
      error: `unknown chaos type "${String(spec.type)}" (known: ${CHAOS_TYPES.join(", ")})`,
    };
  if (!CHAOS_HANDLERS[spec.type])
    return { ok: false, error: `chaos type "${spec.type}" is not available in this build` };
  scheduleChaos(world, {
    at: round3(world.time),
    type: spec.type,
    ...(spec.target ? { target: spec.target } : {}),
    source: "injected",
  });
  return { ok: true };
}

/** Inserts a chaos event in time order (ties keep insertion order). */
export function scheduleChaos(world: World, ev: ChaosEvent): void {
  const p = world.chaos.pending;
  let i = p.length;
  while (i > 0 && p[i - 1]!.at > ev.at) i--;
  p.splice(i, 0, ev);
}

/** Fires every chaos event that is due. */
export function runChaos(world: World): void {
  const p = world.chaos.pending;
  while (p.length > 0 && p[0]!.at <= world.time + 1e-9) {
    const ev = p.shift()!;
    const handler = CHAOS_HANDLERS[ev.type as ChaosType];
    const out = handler ? handler(world, ev.target) : { error: "no handler" };
    if ("error" in out)
      applyChanges(world, [event(`Chaos/${ev.type}`, "ChaosSkipped", out.error, "Warning")]);
    else applyChanges(world, out);
    world.chaos.fired.push(ev);
  }
}
