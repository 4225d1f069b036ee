/**
 * What lives across scenes: the player's name and chosen role, the Menu's match options,
 * the match connection (set and cleared by the flow only), and the registry of on-screen
 * targets the test hook reports (`screenPositionOf`).
 */
import { defaultChoices, type MatchChoices } from "./matchOptions";
import type { Connection } from "./net/connection";

/** Cross-scene state of this browser tab. */
export const session: {
  name: string;
  role: string;
  /** The Menu's scenario / clock / difficulty / chaos for the next "Create match" or "Quick play". */
  choices: MatchChoices;
  connection: Connection | undefined;
} = { name: "", role: "", choices: defaultChoices(), connection: undefined };

/** Design-space centre of something on screen, or undefined when it is not shown. */
export type TargetGetter = () => { x: number; y: number } | undefined;

const targets = new Map<string, TargetGetter>();

/** Registers where `kind:key` is drawn (buttons, pods, nodes, services…). */
export function registerTarget(kind: string, key: string, get: TargetGetter): void {
  targets.set(`${kind}:${key}`, get);
}

/** Forgets every target of a kind (when a scene shuts down). */
export function clearTargets(prefix?: string): void {
  for (const k of [...targets.keys()]) if (!prefix || k.startsWith(`${prefix}:`)) targets.delete(k);
}

/** The design-space position of `kind:key`, if drawn. */
export function targetPosition(kind: string, key: string): { x: number; y: number } | undefined {
  return targets.get(`${kind}:${key}`)?.();
}

/** All registered target ids (for debugging tests). */
export function targetIds(): string[] {
  return [...targets.keys()];
}
