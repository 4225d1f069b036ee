/**
 * A text input placed in a scene (Phaser's DOM layer, so it scales with the canvas). It keeps
 * its own keys (a scene's window key handler does not see them), Enter runs `onEnter`, Esc
 * leaves it. The placeholder is a message key, re-read by {@link relabelInputs} on a
 * language switch.
 */
import type Phaser from "phaser";
import { t, type MessageKey } from "../i18n";

/** Options of {@link domInput}. */
export interface DomInputOptions {
  name: string;
  width: number;
  value?: string;
  placeholder?: MessageKey;
  maxLength?: number;
  onEnter?: () => void;
}

/** Adds an input centred at (x, y). */
export function domInput(scene: Phaser.Scene, x: number, y: number, o: DomInputOptions): HTMLInputElement {
  const el = scene.add.dom(x, y, "input", `width:${o.width}px`).node as HTMLInputElement;
  el.type = "text";
  el.name = o.name;
  el.value = o.value ?? "";
  if (o.maxLength) el.maxLength = o.maxLength;
  if (o.placeholder) {
    el.dataset.placeholderKey = o.placeholder;
    el.placeholder = t(o.placeholder);
  }
  el.addEventListener("keydown", (e) => {
    e.stopPropagation();
    if (e.key === "Enter") o.onEnter?.();
    if (e.key === "Escape") el.blur();
  });
  return el;
}

/** Re-reads the placeholders of inputs in the current language. */
export function relabelInputs(inputs: readonly HTMLInputElement[]): void {
  for (const el of inputs) {
    const key = el.dataset.placeholderKey as MessageKey | undefined;
    if (key) el.placeholder = t(key);
  }
}
