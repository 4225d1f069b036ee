import Phaser from "phaser";
import { t, type MessageKey } from "../i18n";
import type { PodLook, PodView } from "../net/view";
import { COLORS, LOOK_COLOR, textStyle } from "../theme";

/** Card size used by the layout. */
export const POD_H = 54;

/** Draws a pod-state icon: each look has its own shape, so colour is never the only cue. */
export function drawLookIcon(
  g: Phaser.GameObjects.Graphics,
  look: PodLook,
  x: number,
  y: number,
  r = 8,
): void {
  const c = LOOK_COLOR[look];
  g.lineStyle(2.5, c, 1);
  switch (look) {
    case "ready": // filled circle with a tick
      g.fillStyle(c, 1).fillCircle(x, y, r);
      g.lineStyle(2.5, 0x0b1020, 1).beginPath();
      g.moveTo(x - r * 0.5, y)
        .lineTo(x - r * 0.1, y + r * 0.45)
        .lineTo(x + r * 0.55, y - r * 0.4)
        .strokePath();
      break;
    case "notReady": // triangle with "!"
      g.fillStyle(c, 1).fillTriangle(x, y - r, x + r, y + r * 0.8, x - r, y + r * 0.8);
      g.fillStyle(0x0b1020, 1)
        .fillRect(x - 1.2, y - r * 0.45, 2.4, r * 0.7)
        .fillRect(x - 1.2, y + r * 0.4, 2.4, 2.4);
      break;
    case "pending": // hollow dashed square (hourglass-like waiting)
      g.strokeRect(x - r, y - r, r * 2, r * 2);
      g.fillStyle(c, 1).fillTriangle(x - r * 0.5, y - r * 0.5, x + r * 0.5, y - r * 0.5, x, y);
      g.fillTriangle(x - r * 0.5, y + r * 0.5, x + r * 0.5, y + r * 0.5, x, y);
      break;
    case "failed": // square with a cross
      g.fillStyle(c, 1).fillRect(x - r, y - r, r * 2, r * 2);
      g.lineStyle(2.5, 0x0b1020, 1).beginPath();
      g.moveTo(x - r * 0.55, y - r * 0.55).lineTo(x + r * 0.55, y + r * 0.55);
      g.moveTo(x + r * 0.55, y - r * 0.55)
        .lineTo(x - r * 0.55, y + r * 0.55)
        .strokePath();
      break;
    case "terminating": // ring with a bar
      g.strokeCircle(x, y, r);
      g.fillStyle(c, 1).fillRect(x - r * 0.6, y - 1.5, r * 1.2, 3);
      break;
    case "succeeded": // diamond
      g.fillStyle(c, 1)
        .fillTriangle(x, y - r, x + r, y, x, y + r)
        .fillTriangle(x, y - r, x - r, y, x, y + r);
      break;
  }
}

/** One pod: icon + name, pod IP (pod network colour), phase/readiness/reason. */
export class PodCard extends Phaser.GameObjects.Container {
  /** The pod key. */
  readonly key: string;
  /** Card width (set by layout). */
  cardW = 140;
  private g: Phaser.GameObjects.Graphics;
  private nameText: Phaser.GameObjects.Text;
  private ipText: Phaser.GameObjects.Text;
  private stateText: Phaser.GameObjects.Text;
  private sig = "";
  private selected = false;
  /** The pod as last drawn. */
  pod: PodView;

  constructor(scene: Phaser.Scene, pod: PodView) {
    super(scene, 0, 0);
    this.key = pod.key;
    this.pod = pod;
    this.g = scene.add.graphics();
    this.nameText = scene.add.text(24, 4, "", textStyle(12, COLORS.text, false, true));
    this.ipText = scene.add.text(24, 20, "", textStyle(12, COLORS.podNetS, true));
    this.stateText = scene.add.text(8, 36, "", textStyle(11, COLORS.dim));
    this.add([this.g, this.nameText, this.ipText, this.stateText]);
    scene.add.existing(this);
  }

  /** Redraws when the pod, the width, the selection or the language changed. */
  update_(pod: PodView, w: number, selected: boolean, lang: string): void {
    const sig = `${pod.name}|${pod.podIP}|${pod.look}|${pod.phase}|${pod.reason}|${pod.restarts}|${w}|${selected}|${lang}`;
    this.pod = pod;
    if (sig === this.sig) return;
    this.sig = sig;
    this.cardW = w;
    this.selected = selected;
    this.setSize(w, POD_H);
    const g = this.g.clear();
    const c = LOOK_COLOR[pod.look];
    g.fillStyle(0x0f2a26, 1).fillRoundedRect(0, 0, w, POD_H, 6);
    if (pod.look === "pending" || pod.look === "terminating") {
      // dashed outline: not (yet / any more) a running pod
      g.lineStyle(2, c, 1);
      for (let x = 4; x < w - 4; x += 10) {
        g.lineBetween(x, 0, Math.min(x + 5, w - 4), 0);
        g.lineBetween(x, POD_H, Math.min(x + 5, w - 4), POD_H);
      }
      g.lineBetween(0, 4, 0, POD_H - 4).lineBetween(w, 4, w, POD_H - 4);
    } else {
      g.lineStyle(2, c, 1).strokeRoundedRect(0, 0, w, POD_H, 6);
    }
    if (selected) g.lineStyle(3, COLORS.select, 1).strokeRoundedRect(-3, -3, w + 6, POD_H + 6, 8);
    drawLookIcon(g, pod.look, 13, 13);
    this.nameText.setText(shorten(pod.name, Math.floor((w - 28) / 7)));
    this.ipText.setText(pod.podIP || t("pod.noIp"));
    this.stateText.setText(shorten(stateLine(pod), Math.floor((w - 12) / 6)));
  }

  /** Centre of the card in design space. */
  center(): { x: number; y: number } {
    return { x: this.x + this.cardW / 2, y: this.y + POD_H / 2 };
  }

  /** Whether it is drawn selected. */
  isSelected(): boolean {
    return this.selected;
  }
}

/** "Running · Ready", "Pending", "Running · not ready · CrashLoopBackOff"… */
export function stateLine(pod: PodView): string {
  if (pod.terminating) return t("pod.Terminating");
  const phaseKey = `pod.${pod.phase}` as MessageKey;
  const phase =
    phaseKey in { "pod.Running": 1, "pod.Pending": 1, "pod.Failed": 1, "pod.Succeeded": 1 }
      ? t(phaseKey)
      : pod.phase;
  const parts = [phase];
  if (pod.phase === "Running") parts.push(pod.ready ? t("pod.Ready") : t("pod.NotReady"));
  if (pod.reason && pod.reason !== "Terminating") parts.push(pod.reason);
  // kubectl's RESTARTS column: a container that keeps restarting is the clue to CrashLoopBackOff
  if (pod.restarts > 0) parts.push(`↻${pod.restarts}`);
  return parts.join(" · ");
}

/** Cuts a string to `max` characters with an ellipsis. */
export function shorten(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(1, max - 1))}…`;
}
