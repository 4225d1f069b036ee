import Phaser from "phaser";
import { t, type MessageKey } from "../i18n";
import { dnsRecentlyChanged, type DnsRow, type MatchView } from "../net/view";
import { actionableWorkloads, type Selection } from "../selection";
import { registerTarget } from "../session";
import { COLORS, LAYOUT, textStyle } from "../theme";
import { paintText } from "../ui/text";
import { shorten } from "./PodCard";

/** A log line with its colour. */
export interface LogLine {
  text: string;
  color: string;
}

const DNS_ROWS = 7;
const WORKLOAD_ROWS = 5;
const EVENT_ROWS = 9;
const LOG_ROWS = 7;

type Rect = { x: number; y: number; w: number; h: number };

/**
 * The right-hand panels: the DNS table (changed rows highlighted), workloads (ready /
 * desired), players and roles, the event log and the kubectl log.
 */
export class SidePanel {
  private scene: Phaser.Scene;
  private titles: [Phaser.GameObjects.Text, MessageKey][] = [];
  private dnsRows: {
    name: Phaser.GameObjects.Text;
    ip: Phaser.GameObjects.Text;
    hl: Phaser.GameObjects.Rectangle;
  }[] = [];
  private workloadRows: Phaser.GameObjects.Text[] = [];
  private workloadKeys: string[] = [];
  private players: Phaser.GameObjects.Text;
  private events: Phaser.GameObjects.Text[] = [];
  private log: Phaser.GameObjects.Text[] = [];
  private dnsKeys: string[] = [];
  private onSelect: (sel: Selection) => void;

  constructor(scene: Phaser.Scene, onSelect: (sel: Selection) => void, onConcept: (id: string) => void) {
    this.scene = scene;
    this.onSelect = onSelect;
    const g = scene.add.graphics();
    for (const r of [LAYOUT.dns, LAYOUT.workloads, LAYOUT.players, LAYOUT.events, LAYOUT.kubectl])
      panel(g, r);
    g.lineStyle(2, COLORS.svcNet, 0.7).strokeRoundedRect(
      LAYOUT.dns.x,
      LAYOUT.dns.y,
      LAYOUT.dns.w,
      LAYOUT.dns.h,
      8,
    );
    this.title(LAYOUT.dns, "cluster.dns", "dns", onConcept, "icon-dns");
    this.title(LAYOUT.workloads, "cluster.workloads", "deployment", onConcept);
    this.title(LAYOUT.players, "hud.players", "", onConcept);
    this.title(LAYOUT.events, "hud.events", "", onConcept);
    this.title(LAYOUT.kubectl, "hud.kubectl", "", onConcept);
    for (let i = 0; i < DNS_ROWS; i++) {
      const y = LAYOUT.dns.y + 30 + i * 19;
      const hl = scene.add
        .rectangle(LAYOUT.dns.x + 4, y - 1, LAYOUT.dns.w - 8, 18, COLORS.highlight, 0.25)
        .setOrigin(0);
      const name = scene.add
        .text(LAYOUT.dns.x + 8, y, "", textStyle(12, COLORS.text, true))
        .setInteractive({ useHandCursor: true });
      const ip = scene.add
        .text(LAYOUT.dns.x + LAYOUT.dns.w - 8, y, "", textStyle(12, COLORS.svcNetS, true))
        .setOrigin(1, 0);
      name.on("pointerup", () => {
        const key = this.dnsKeys[i];
        if (key) this.onSelect({ kind: "dns", key });
      });
      this.dnsRows.push({ name, ip, hl });
      const idx = i;
      registerTarget("dns", `row${i}`, () =>
        this.dnsKeys[idx] ? { x: name.x + 60, y: name.y + 8 } : undefined,
      );
    }
    for (let i = 0; i < WORKLOAD_ROWS; i++) {
      const row = scene.add
        .text(LAYOUT.workloads.x + 8, LAYOUT.workloads.y + 26 + i * 15, "", textStyle(12, COLORS.text, true))
        .setInteractive({ useHandCursor: true });
      row.on("pointerup", () => {
        const key = this.workloadKeys[i];
        if (key) this.onSelect({ kind: "workload", key });
      });
      this.workloadRows.push(row);
      registerTarget("workload", `row${i}`, () =>
        this.workloadKeys[i] ? { x: row.x + 60, y: row.y + 7 } : undefined,
      );
    }
    this.players = scene.add.text(
      LAYOUT.players.x + 8,
      LAYOUT.players.y + 26,
      "",
      textStyle(12, COLORS.text),
    );
    for (let i = 0; i < EVENT_ROWS; i++) {
      this.events.push(
        scene.add.text(LAYOUT.events.x + 8, LAYOUT.events.y + 26 + i * 15.5, "", textStyle(11, COLORS.dim)),
      );
    }
    for (let i = 0; i < LOG_ROWS; i++) {
      this.log.push(
        scene.add.text(
          LAYOUT.kubectl.x + 8,
          LAYOUT.kubectl.y + 26 + i * 16,
          "",
          textStyle(11, COLORS.text, true),
        ),
      );
    }
  }

  private title(
    r: Rect,
    key: MessageKey,
    concept: string,
    onConcept: (id: string) => void,
    icon?: string,
  ): void {
    const x = icon ? r.x + 30 : r.x + 8;
    if (icon) this.scene.add.image(r.x + 16, r.y + 13, icon).setScale(0.65);
    this.titles.push([this.scene.add.text(x, r.y + 5, t(key), textStyle(13, COLORS.text, false, true)), key]);
    if (concept) {
      const i = this.scene.add
        .image(r.x + r.w - 14, r.y + 13, "icon-info")
        .setInteractive({ useHandCursor: true });
      i.on("pointerup", () => onConcept(concept));
    }
  }

  /** Re-labels titles (language switch). */
  relabel(): void {
    for (const [txt, key] of this.titles) txt.setText(t(key));
  }

  /** Renders the panels from the view. */
  update(view: MatchView, selection: Selection | undefined, myId: string): void {
    this.renderDns(view.dns, view.time, selection);
    this.renderWorkloads(view, selection);
    const lines: string[] = [];
    for (const role of ["scheduler", "workload-controller", "service-controller"]) {
      const holder = view.players.find((p) => p.role === role);
      const mode = view.roles[role]?.mode;
      const who = holder
        ? holder.isBot
          ? `[${t("mode.bot")}] ${holder.actor}`
          : `${holder.name}${holder.id === myId ? " ★" : ""}${holder.connected ? "" : " (…)"}`
        : `[${t(mode === "manual" ? "mode.manual" : "mode.autopilot")}]`;
      lines.push(`${t(`role.${role}` as MessageKey)}: ${who}${holder ? `  ${holder.points} pts` : ""}`);
    }
    const watchers = view.players.filter((p) => !p.role && !p.isBot).map((p) => p.name);
    if (watchers.length) lines.push(`+ ${watchers.join(", ")}`);
    this.players.setText(lines.join("\n"));
    const evs = view.events.slice(-EVENT_ROWS);
    this.events.forEach((txt, i) => {
      const e = evs[i];
      if (!e) return void paintText(txt, "");
      const color =
        e.severity === "Chaos"
          ? COLORS.badS
          : e.severity === "Warning"
            ? COLORS.warnS
            : e.severity === "Intent"
              ? COLORS.okS
              : COLORS.dim;
      paintText(
        txt,
        shorten(`${e.time.toFixed(0).padStart(3)}s ${e.type} ${e.object}: ${e.message}`, 62),
        color,
      );
    });
  }

  private renderDns(rows: DnsRow[], now: number, selection: Selection | undefined): void {
    const sorted = [...rows].sort(
      (a, b) => dnsRank(a.name) - dnsRank(b.name) || a.name.localeCompare(b.name),
    );
    this.dnsKeys = sorted.slice(0, DNS_ROWS).map((r) => r.name);
    this.dnsRows.forEach((row, i) => {
      const r = sorted[i];
      if (!r) {
        row.name.setText(i === 0 && rows.length === 0 ? t("cluster.noRecords") : "");
        row.ip.setText("");
        row.hl.setVisible(false);
        return;
      }
      const sel = selection?.kind === "dns" && selection.key === r.name;
      row.name.setText(`${sel ? "▶ " : ""}${shorten(r.name, 34)}`);
      row.ip.setText(shorten(r.ips.join(",") || "—", 22));
      row.hl.setVisible(dnsRecentlyChanged(r, now));
    });
  }

  /** Workloads a person acts on with ready/desired (⚠ while short), the selected one marked; a click selects. */
  private renderWorkloads(view: MatchView, selection: Selection | undefined): void {
    const list = actionableWorkloads(view).slice(0, WORKLOAD_ROWS);
    this.workloadKeys = list.map((w) => w.key);
    this.workloadRows.forEach((row, i) => {
      const w = list[i];
      if (!w) return void paintText(row, "");
      const sel = selection?.kind === "workload" && selection.key === w.key;
      const short = w.ready < w.desired ? "  ⚠" : "";
      paintText(
        row,
        `${sel ? "▶ " : ""}${w.kind}/${w.name}  ${w.ready}/${w.desired}${short}`,
        sel ? COLORS.warnS : COLORS.text,
      );
    });
  }

  /** Shows the newest kubectl/result lines (newest last). */
  setLog(lines: LogLine[]): void {
    const last = lines.slice(-LOG_ROWS);
    this.log.forEach((txt, i) => {
      const l = last[i];
      paintText(txt, l ? shorten(l.text, 55) : "", l?.color ?? COLORS.text);
    });
  }
}

function panel(g: Phaser.GameObjects.Graphics, r: Rect): void {
  g.fillStyle(COLORS.panel, 1).fillRoundedRect(r.x, r.y, r.w, r.h, 8);
  g.lineStyle(1, COLORS.panelEdge, 1).strokeRoundedRect(r.x, r.y, r.w, r.h, 8);
}

/** The shop's Service records first, then the rest. */
function dnsRank(name: string): number {
  if (name.includes(".shop.")) return name.split(".").length;
  return 100;
}
