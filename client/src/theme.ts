/**
 * Colours, fonts and the layout grid. Colours are the Okabe–Ito palette (safe for the
 * common colour-vision deficiencies); every state also has its own shape or icon.
 */
import type { PodLook } from "./net/view";

/** The design resolution; Scale.FIT stretches it to 1366×768 laptops and 1920×1080 booths. */
export const WIDTH = 1366;
/** Design height. */
export const HEIGHT = 768;

/** Palette (numbers for Graphics, strings for Text). */
export const COLORS = {
  bg: 0x0b1020,
  panel: 0x141c36,
  panelEdge: 0x2a3766,
  text: "#f2f4ff",
  dim: "#9aa3c7",
  /** The three networks. */
  nodeNet: 0xe69f00,
  podNet: 0x009e73,
  svcNet: 0xcc79a7,
  nodeNetS: "#e69f00",
  podNetS: "#009e73",
  svcNetS: "#cc79a7",
  /** Pod looks. */
  ready: 0x56b4e9,
  notReady: 0xf0e442,
  pending: 0x9aa3c7,
  failed: 0xd55e00,
  terminating: 0x6b7394,
  succeeded: 0x009e73,
  ok: 0x56b4e9,
  bad: 0xd55e00,
  okS: "#56b4e9",
  badS: "#ff7a2e",
  warnS: "#f0e442",
  highlight: 0xf0e442,
  select: 0xffffff,
} as const;

/** Fill colour of each pod look. */
export const LOOK_COLOR: Record<PodLook, number> = {
  ready: COLORS.ready,
  notReady: COLORS.notReady,
  pending: COLORS.pending,
  failed: COLORS.failed,
  terminating: COLORS.terminating,
  succeeded: COLORS.succeeded,
};

/** The font stack: system UI plus CJK fonts for Chinese. */
export const FONT =
  'system-ui, "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';
/** Monospace for IPs and kubectl (Chinese in it falls back to the bundled CJK font). */
export const MONO = 'ui-monospace, "DejaVu Sans Mono", "Noto Sans Mono CJK SC", "Noto Sans SC", monospace';

/** A Text style with the shared fonts and a crisp resolution for upscaled screens. */
export function textStyle(size: number, color: string = COLORS.text, mono = false, bold = false) {
  return {
    fontFamily: mono ? MONO : FONT,
    fontSize: `${size}px`,
    color,
    fontStyle: bold ? "bold" : "normal",
    resolution: 2,
  };
}

/** Layout rectangles of the Match scene (design pixels). */
export const LAYOUT = {
  hud: { x: 0, y: 0, w: WIDTH, h: 44 },
  services: { x: 12, y: 50, w: 940, h: 118 },
  nodes: { x: 12, y: 176, w: 940, h: 338 },
  tray: { x: 12, y: 520, w: 940, h: 74 },
  actions: { x: 12, y: 600, w: 940, h: 108 },
  legend: { x: 12, y: 714, w: 940, h: 48 },
  dns: { x: 964, y: 50, w: 390, h: 170 },
  workloads: { x: 964, y: 226, w: 390, h: 104 },
  players: { x: 964, y: 336, w: 390, h: 100 },
  events: { x: 964, y: 442, w: 390, h: 170 },
  kubectl: { x: 964, y: 618, w: 390, h: 144 },
} as const;
