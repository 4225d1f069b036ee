import Phaser from "phaser";
import type { Selection } from "../selection";
import { getLang, t, type MessageKey } from "../i18n";
import {
  endpointPod,
  formatLabels,
  staleEndpoints,
  TIERS,
  type MatchView,
  type NodeView,
  type RequestView,
} from "../net/view";
import { registerTarget } from "../session";
import { COLORS, LAYOUT, textStyle } from "../theme";
import { fitText, paintText } from "../ui/text";
import { POD_H, PodCard, shorten } from "./PodCard";

/** What the cluster layer tells the scene's input. */
export interface ClusterHandlers {
  /** Something drawn was clicked or tapped. */
  tap(sel: Selection): void;
  /** A pod was dropped on a node (scheduler drag). */
  drop(pod: string, node: string): void;
  concept(id: string): void;
}

interface NodeBox {
  c: Phaser.GameObjects.Container;
  g: Phaser.GameObjects.Graphics;
  title: Phaser.GameObjects.Text;
  ip: Phaser.GameObjects.Text;
  cidr: Phaser.GameObjects.Text;
  badge: Phaser.GameObjects.Text;
  rect: Phaser.Geom.Rectangle;
  sig: string;
}

interface Gateway {
  c: Phaser.GameObjects.Container;
  g: Phaser.GameObjects.Graphics;
  title: Phaser.GameObjects.Text;
  ip: Phaser.GameObjects.Text;
  sel: Phaser.GameObjects.Text;
  eps: Phaser.GameObjects.Text;
  fail: Phaser.GameObjects.Text;
  rect: Phaser.Geom.Rectangle;
  sig: string;
  zone: Phaser.GameObjects.Zone;
  info: Phaser.GameObjects.Image;
}

/** A traffic dot on its way along a request path. */
interface Dot {
  pts: { x: number; y: number }[];
  seg: number;
  f: number;
  failed: boolean;
  reason: string;
}

const GATEWAY_W = 262;
const GATEWAY_H = 92;
const DOT_SPEED = 900; // design px per second

/**
 * Draws the cluster: Services (service network band), nodes (node network) with their pods
 * (pod network), the unscheduled tray, endpoint lines and animated requests.
 */
export class ClusterLayer {
  private scene: Phaser.Scene;
  private h: ClusterHandlers;
  private bands: Phaser.GameObjects.Graphics;
  private lines: Phaser.GameObjects.Graphics;
  private dotsG: Phaser.GameObjects.Graphics;
  private trayLabel: Phaser.GameObjects.Text;
  private svcLabel: Phaser.GameObjects.Text;
  private nodes = new Map<string, NodeBox>();
  private gateways = new Map<string, Gateway>();
  private pods = new Map<string, PodCard>();
  private dots: Dot[] = [];
  private spawnAcc = 0;
  private view: MatchView | undefined;
  private usersPos = { x: LAYOUT.services.x + 40, y: LAYOUT.services.y + 64 };
  private dragging = "";

  constructor(scene: Phaser.Scene, handlers: ClusterHandlers) {
    this.scene = scene;
    this.h = handlers;
    this.bands = scene.add.graphics();
    this.drawBands();
    this.svcLabel = scene.add.text(
      LAYOUT.services.x + 8,
      LAYOUT.services.y + 4,
      "",
      textStyle(12, COLORS.svcNetS, false, true),
    );
    this.trayLabel = scene.add.text(
      LAYOUT.tray.x + 8,
      LAYOUT.tray.y + 2,
      "",
      textStyle(12, COLORS.dim, false, true),
    );
    scene.add.image(this.usersPos.x, this.usersPos.y - 8, "icon-users");
    scene.add
      .text(this.usersPos.x, this.usersPos.y + 18, "", textStyle(12, COLORS.dim))
      .setOrigin(0.5, 0)
      .setName("usersLabel");
    this.lines = scene.add.graphics().setDepth(5);
    this.dotsG = scene.add.graphics().setDepth(50);
    scene.input.on(
      "drag",
      (_p: Phaser.Input.Pointer, obj: Phaser.GameObjects.GameObject, x: number, y: number) => {
        if (obj instanceof PodCard) obj.setPosition(x, y);
      },
    );
    scene.input.on("dragstart", (_p: Phaser.Input.Pointer, obj: Phaser.GameObjects.GameObject) => {
      if (obj instanceof PodCard) {
        this.dragging = obj.key;
        obj.setDepth(200);
      }
    });
    scene.input.on("dragend", (p: Phaser.Input.Pointer, obj: Phaser.GameObjects.GameObject) => {
      if (!(obj instanceof PodCard)) return;
      this.dragging = "";
      obj.setDepth(20);
      const node = [...this.nodes.entries()].find(([, b]) => b.rect.contains(p.worldX, p.worldY));
      if (node) this.h.drop(obj.key, node[0]);
      if (this.view) this.layoutPods(this.view, undefined);
    });
  }

  private drawBands(): void {
    const g = this.bands.clear();
    const s = LAYOUT.services;
    g.fillStyle(COLORS.svcNet, 0.1).fillRoundedRect(s.x, s.y, s.w, s.h, 8);
    g.lineStyle(1, COLORS.svcNet, 0.5).strokeRoundedRect(s.x, s.y, s.w, s.h, 8);
    const tr = LAYOUT.tray;
    g.lineStyle(2, COLORS.pending, 0.6).strokeRoundedRect(tr.x, tr.y, tr.w, tr.h, 8);
  }

  /** Renders a new view of the match. */
  update(view: MatchView, selection: Selection | undefined): void {
    this.view = view;
    const lang = getLang();
    this.svcLabel.setText(`${t("cluster.services")} · ${t("net.service")} · namespace: shop`);
    this.trayLabel.setText(t("cluster.unscheduled"));
    (this.scene.children.getByName("usersLabel") as Phaser.GameObjects.Text | null)?.setText(
      t("cluster.entry"),
    );
    this.layoutGateways(view, selection, lang);
    this.layoutNodes(view, selection, lang);
    this.layoutPods(view, selection);
    this.drawLines(view);
  }

  private layoutGateways(view: MatchView, selection: Selection | undefined, lang: string): void {
    const seen = new Set<string>();
    const failing = failingTiers(view.traffic);
    const services = view.services.filter(
      (sv) => sv.namespace !== "kube-system" && sv.namespace !== "default",
    );
    const n = Math.max(3, services.length);
    const gap = 12;
    const x0 = LAYOUT.services.x + 92;
    const w = Math.min(GATEWAY_W, (LAYOUT.services.w - 100 - gap * (n - 1)) / n);
    services.forEach((svc, i) => {
      seen.add(svc.key);
      let gw = this.gateways.get(svc.key);
      if (!gw) {
        gw = this.makeGateway(svc.key);
        this.gateways.set(svc.key, gw);
      }
      const x = x0 + i * (w + gap);
      const y = LAYOUT.services.y + 22;
      gw.c.setPosition(x, y);
      gw.rect.setTo(x, y, w, GATEWAY_H);
      gw.zone.setSize(w, GATEWAY_H);
      gw.info.setPosition(w - 16, 16);
      const sel = selection?.kind === "service" && selection.key === svc.key;
      const fail = failing.get(svc.name) ?? "";
      const stale = staleEndpoints(svc, view.pods).length;
      const sig = JSON.stringify([svc, w, sel, fail, lang, stale]);
      if (sig === gw.sig) return;
      gw.sig = sig;
      const g = gw.g.clear();
      g.fillStyle(0x241634, 1).fillRoundedRect(0, 0, w, GATEWAY_H, 10);
      g.lineStyle(fail ? 3 : 2, fail ? COLORS.bad : COLORS.svcNet, 1).strokeRoundedRect(
        0,
        0,
        w,
        GATEWAY_H,
        10,
      );
      if (sel) g.lineStyle(3, COLORS.select, 1).strokeRoundedRect(-3, -3, w + 6, GATEWAY_H + 6, 12);
      const type = svc.type === "NodePort" && svc.nodePort ? `NodePort :${svc.nodePort}` : svc.type;
      gw.title.setText(svc.name);
      gw.ip.setText(`ClusterIP ${svc.clusterIP === "None" ? t("cluster.headless") : svc.clusterIP || "—"}`);
      const selLine = `${type} · ${t("cluster.selector", { sel: formatLabels(svc.selector) || "—" })}`;
      fitText(gw.sel, selLine, w - 20);
      paintText(
        gw.eps,
        svc.endpoints.length
          ? t("cluster.endpoints", { n: svc.endpoints.length }) + (stale ? ` (${stale} stale)` : "")
          : t("cluster.noEndpoints"),
        svc.endpoints.length && !stale ? COLORS.dim : COLORS.badS,
      );
      // the failure reason, right-aligned, cut until it clears the endpoints text
      const space = w - 8 - (10 + gw.eps.width + 10);
      gw.fail.setX(w - 8);
      for (let room = Math.floor(space / 6.5); ; room -= 2) {
        gw.fail.setText(fail && room > 4 ? `✗ ${shorten(fail, room)}` : "");
        if (gw.fail.width <= space || room <= 4) break;
      }
    });
    for (const [k, gw] of this.gateways) {
      if (!seen.has(k)) {
        gw.c.destroy();
        this.gateways.delete(k);
      }
    }
  }

  private makeGateway(key: string): Gateway {
    const s = this.scene;
    const c = s.add.container(0, 0).setDepth(10);
    const g = s.add.graphics();
    const icon = s.add.image(18, 15, "icon-service").setScale(0.7);
    const title = s.add.text(36, 6, "", textStyle(15, COLORS.text, false, true));
    const ip = s.add
      .text(10, 28, "", textStyle(13, COLORS.svcNetS, true))
      .setInteractive({ useHandCursor: true });
    const sel = s.add.text(10, 47, "", textStyle(12, COLORS.dim)).setInteractive({ useHandCursor: true });
    const eps = s.add.text(10, 65, "", textStyle(12, COLORS.dim)).setInteractive({ useHandCursor: true });
    const fail = s.add.text(0, 65, "", textStyle(12, COLORS.badS, false, true)).setOrigin(1, 0);
    const info = s.add.image(0, 14, "icon-info").setInteractive({ useHandCursor: true });
    ip.on("pointerup", () => this.h.concept("clusterip"));
    sel.on("pointerup", () => this.h.concept("selector"));
    eps.on("pointerup", () => this.h.concept("endpoints"));
    info.on("pointerup", () => this.h.concept("service"));
    c.add([g, icon, title, ip, sel, eps, fail, info]);
    const rect = new Phaser.Geom.Rectangle(0, 0, GATEWAY_W, GATEWAY_H);
    c.setSize(GATEWAY_W, GATEWAY_H);
    const zone = s.add.zone(0, 0, 10, 10).setOrigin(0).setInteractive();
    c.addAt(zone, 0);
    zone.on("pointerup", () => this.h.tap({ kind: "service", key }));
    const gw: Gateway = { c, g, title, ip, sel, eps, fail, rect, sig: "", zone, info };
    registerTarget("service", key, () =>
      this.gateways.has(key) ? { x: gw.rect.centerX, y: gw.rect.centerY } : undefined,
    );
    return gw;
  }

  private layoutNodes(view: MatchView, selection: Selection | undefined, lang: string): void {
    const seen = new Set<string>();
    const n = Math.max(1, view.nodes.length);
    const gap = 10;
    const w = (LAYOUT.nodes.w - gap * (n - 1)) / n;
    view.nodes.forEach((node, i) => {
      seen.add(node.name);
      let box = this.nodes.get(node.name);
      if (!box) {
        box = this.makeNode(node.name);
        this.nodes.set(node.name, box);
      }
      const x = LAYOUT.nodes.x + i * (w + gap);
      const y = LAYOUT.nodes.y;
      box.c.setPosition(x, y);
      box.rect.setTo(x, y, w, LAYOUT.nodes.h);
      const sel = selection?.kind === "node" && selection.key === node.name;
      const sig = JSON.stringify([node, w, sel, lang]);
      if (sig === box.sig) return;
      box.sig = sig;
      this.drawNode(box, node, w, sel, i);
    });
    for (const [k, b] of this.nodes) {
      if (!seen.has(k)) {
        b.c.destroy();
        this.nodes.delete(k);
      }
    }
  }

  private makeNode(name: string): NodeBox {
    const s = this.scene;
    const c = s.add.container(0, 0).setDepth(1);
    const g = s.add.graphics();
    const icon = s.add.image(20, 20, "icon-node").setScale(0.8);
    const title = s.add.text(40, 6, "", textStyle(16, COLORS.text, false, true));
    const ip = s.add.text(40, 26, "", textStyle(13, COLORS.nodeNetS, true));
    const cidr = s.add.text(10, 46, "", textStyle(12, COLORS.podNetS, true));
    const badge = s.add.text(0, 8, "", textStyle(12, COLORS.badS, false, true)).setOrigin(1, 0);
    const zone = s.add.zone(0, 0, 10, 10).setOrigin(0).setInteractive();
    zone.on("pointerup", () => this.h.tap({ kind: "node", key: name }));
    const info = s.add.image(0, 14, "icon-info").setInteractive({ useHandCursor: true }).setName("info");
    info.on("pointerup", () => this.h.concept("node"));
    c.add([zone, g, icon, title, ip, cidr, badge, info]);
    const box: NodeBox = { c, g, title, ip, cidr, badge, rect: new Phaser.Geom.Rectangle(), sig: "" };
    registerTarget("node", name, () => {
      const b = this.nodes.get(name);
      return b ? { x: b.rect.centerX, y: b.rect.y + b.rect.height * 0.6 } : undefined;
    });
    return box;
  }

  private drawNode(box: NodeBox, node: NodeView, w: number, selected: boolean, index: number): void {
    const h = LAYOUT.nodes.h;
    const g = box.g.clear();
    g.fillStyle(0x1a1608, 1).fillRoundedRect(0, 0, w, h, 10);
    // pod network area inside the node
    g.fillStyle(COLORS.podNet, 0.1).fillRoundedRect(6, 64, w - 12, h - 70, 8);
    g.lineStyle(1, COLORS.podNet, 0.5).strokeRoundedRect(6, 64, w - 12, h - 70, 8);
    const down = !node.ready || !node.up;
    g.lineStyle(down ? 4 : 3, down ? COLORS.bad : COLORS.nodeNet, 1);
    if (node.cordoned) {
      for (let x = 6; x < w - 6; x += 14) g.lineBetween(x, 0, Math.min(x + 8, w - 6), 0);
      g.lineBetween(0, 6, 0, h - 6)
        .lineBetween(w, 6, w, h - 6)
        .lineBetween(6, h, w - 6, h);
    } else g.strokeRoundedRect(0, 0, w, h, 10);
    if (selected) g.lineStyle(3, COLORS.select, 1).strokeRoundedRect(-4, -4, w + 8, h + 8, 12);
    box.title.setText(`${node.name}  [${index + 1}]`);
    box.ip.setText(node.internalIP);
    box.cidr.setText(`podCIDR ${node.podCIDR}`);
    const badges: string[] = [];
    if (!node.ready || !node.up) badges.push(`✗ ${t("cluster.notReady")}`);
    // ⊘, not the ⛔ emoji: machines without an emoji font (kiosks, these) drew ⛔ as a box.
    if (node.cordoned) badges.push(`⊘ ${t("cluster.cordoned")}`);
    box.badge.setText(badges.join("  ")).setPosition(w - 36, 8);
    (box.c.getByName("info") as Phaser.GameObjects.Image).setPosition(w - 16, 16);
    (box.c.list[0] as Phaser.GameObjects.Zone).setSize(w, h);
  }

  private layoutPods(view: MatchView, selection: Selection | undefined): void {
    const seen = new Set<string>();
    const lang = getLang();
    const slot = new Map<string, number>();
    for (const pod of view.pods) {
      seen.add(pod.key);
      let card = this.pods.get(pod.key);
      if (!card) {
        card = new PodCard(this.scene, pod);
        card.setDepth(20);
        const c = card;
        card.setInteractive(
          new Phaser.Geom.Rectangle(0, 0, 140, POD_H),
          (shape: Phaser.Geom.Rectangle, x: number, y: number) =>
            x >= 0 && y >= 0 && x <= c.cardW && y <= shape.height,
        );
        card.on("pointerup", () => this.h.tap({ kind: "pod", key: c.key }));
        this.pods.set(pod.key, card);
        const key = pod.key;
        registerTarget("pod", key, () => {
          const p = this.pods.get(key);
          return p ? p.center() : undefined;
        });
      }
      const box = pod.node ? this.nodes.get(pod.node) : undefined;
      const area = box
        ? { x: box.rect.x + 12, y: box.rect.y + 70, w: box.rect.width - 24 }
        : { x: LAYOUT.tray.x + 10, y: LAYOUT.tray.y + 19, w: LAYOUT.tray.w - 20 };
      const areaKey = pod.node || "";
      const i = slot.get(areaKey) ?? 0;
      slot.set(areaKey, i + 1);
      const cols = box ? Math.max(1, Math.floor((area.w + 6) / 136)) : 6;
      const cw = (area.w - 6 * (cols - 1)) / cols;
      const col = i % cols;
      const row = Math.floor(i / cols);
      const x = area.x + col * (cw + 6);
      const y = area.y + row * (POD_H + 6);
      const sel = selection?.kind === "pod" && selection.key === pod.key;
      card.update_(pod, cw, sel, lang);
      if (this.dragging !== pod.key) card.setPosition(x, y);
      const draggable = !pod.node && pod.phase === "Pending";
      this.scene.input.setDraggable(card, draggable);
      card.setAlpha((box || !pod.node) && pod.namespace !== "kube-system" ? 1 : 0.7);
    }
    for (const [k, card] of this.pods) {
      if (!seen.has(k)) {
        card.destroy();
        this.pods.delete(k);
      }
    }
  }

  private drawLines(view: MatchView): void {
    const g = this.lines.clear();
    for (const svc of view.services) {
      const gw = this.gateways.get(svc.key);
      if (!gw) continue;
      const from = { x: gw.rect.centerX, y: gw.rect.bottom };
      for (let i = 0; i < svc.endpoints.length; i++) {
        const pod = endpointPod(svc, i, view.pods);
        const card = pod ? this.pods.get(pod.key) : undefined;
        if (!card) continue;
        const to = { x: card.x + card.cardW / 2, y: card.y };
        g.lineStyle(2, COLORS.svcNet, 0.55).lineBetween(from.x, from.y, to.x, to.y);
        g.fillStyle(COLORS.svcNet, 0.9).fillCircle(to.x, to.y, 3);
      }
    }
  }

  /** Where a pod card sits (design space), for traffic paths. */
  private podCenter(key: string): { x: number; y: number } | undefined {
    return this.pods.get(key)?.center();
  }

  private gatewayOf(tier: string): { x: number; y: number } | undefined {
    for (const gw of this.gateways.values()) {
      if (gw.title.text === tier) return { x: gw.rect.centerX, y: gw.rect.bottom - 8 };
    }
    return undefined;
  }

  /** Builds the on-screen path of one request: users → nginx svc → pod → tomcat svc → pod → mysql svc → pod. */
  pathOf(req: RequestView): { x: number; y: number }[] {
    const pts = [this.usersPos];
    for (let i = 0; i < TIERS.length; i++) {
      const tier = TIERS[i]!;
      const gw = this.gatewayOf(tier);
      if (gw) pts.push(gw);
      if (req.failedTier === tier) break;
      const hop = req.hops[i];
      const p = hop ? this.podCenter(hop) : undefined;
      if (!p) break;
      pts.push(p);
    }
    return pts;
  }

  /** Advances the request dots (called every frame). */
  tick(dtMs: number): void {
    const view = this.view;
    if (view && view.phase === "running" && view.traffic.length) {
      this.spawnAcc += dtMs;
      if (this.spawnAcc > 160 && this.dots.length < 24) {
        this.spawnAcc = 0;
        const req = pickWeighted(view.traffic);
        if (req) {
          const pts = this.pathOf(req);
          if (pts.length > 1)
            this.dots.push({ pts, seg: 0, f: 0, failed: !!req.failedTier, reason: req.reason });
        }
      }
    }
    const g = this.dotsG.clear();
    const step = (DOT_SPEED * dtMs) / 1000;
    this.dots = this.dots.filter((d) => {
      let left = step;
      while (left > 0 && d.seg < d.pts.length - 1) {
        const a = d.pts[d.seg]!;
        const b = d.pts[d.seg + 1]!;
        const len = Math.max(1, Math.hypot(b.x - a.x, b.y - a.y));
        const rest = (1 - d.f) * len;
        if (left >= rest) {
          left -= rest;
          d.seg++;
          d.f = 0;
        } else {
          d.f += left / len;
          left = 0;
        }
      }
      const done = d.seg >= d.pts.length - 1;
      const a = d.pts[Math.min(d.seg, d.pts.length - 1)]!;
      const b = d.pts[Math.min(d.seg + 1, d.pts.length - 1)]!;
      const x = a.x + (b.x - a.x) * d.f;
      const y = a.y + (b.y - a.y) * d.f;
      if (done && d.failed) {
        // a red cross where the request died
        g.lineStyle(3, COLORS.bad, 1)
          .lineBetween(x - 6, y - 6, x + 6, y + 6)
          .lineBetween(x + 6, y - 6, x - 6, y + 6);
        d.f += 0.04;
        return d.f < 1.5;
      }
      g.fillStyle(COLORS.ok, 1).fillCircle(x, y, 4.5);
      g.lineStyle(1.5, 0xffffff, 0.9).strokeCircle(x, y, 4.5);
      return !done;
    });
  }

  /** The key of the pod card under a design-space point, for tests. */
  podAt(x: number, y: number): string | undefined {
    for (const c of this.pods.values())
      if (x >= c.x && x <= c.x + c.cardW && y >= c.y && y <= c.y + POD_H) return c.key;
    return undefined;
  }
}

/** Tier → the most common failure reason of the last second's requests that died there. */
export function failingTiers(traffic: RequestView[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const r of traffic) {
    if (!r.failedTier) continue;
    const m = counts.get(r.failedTier) ?? new Map<string, number>();
    m.set(r.reason, (m.get(r.reason) ?? 0) + r.count);
    counts.set(r.failedTier, m);
  }
  const out = new Map<string, string>();
  for (const [tier, m] of counts) {
    const [reason] = [...m.entries()].sort((a, b) => b[1] - a[1])[0] ?? [""];
    const key = `reason.${reason}` as MessageKey;
    out.set(tier, reason ? (isKey(key) ? t(key) : reason) : "?");
  }
  return out;
}

function isKey(k: string): k is MessageKey {
  return k.startsWith("reason.") && t(k as MessageKey) !== k;
}

function pickWeighted(traffic: RequestView[]): RequestView | undefined {
  const total = traffic.reduce((s, r) => s + r.count, 0);
  let x = Math.random() * total;
  for (const r of traffic) {
    x -= r.count;
    if (x <= 0) return r;
  }
  return traffic[traffic.length - 1];
}
