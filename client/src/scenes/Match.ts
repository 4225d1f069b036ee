import Phaser from "phaser";
import type { IntentResult } from "../../../shared/sim/intent-types";
import { ROLES } from "../../../shared/sim/world";
import {
  actionForKey,
  actionsFor,
  conceptFor,
  nextSelection,
  type ActionDef,
  type Selection,
} from "../actions";
import { getLang, isMessageKey, onLangChange, t, type MessageKey } from "../i18n";
import type { Connection, NetStatus } from "../net/connection";
import type { MatchView } from "../net/view";
import { clearTargets, session } from "../session";
import { COLORS, HEIGHT, LAYOUT, LOOK_COLOR, WIDTH, textStyle } from "../theme";
import { Button } from "../ui/Button";
import { ConceptCard } from "../ui/ConceptCard";
import { paintText } from "../ui/text";
import { ClusterLayer } from "../views/ClusterLayer";
import { drawLookIcon, shorten, stateLine } from "../views/PodCard";
import { SidePanel, type LogLine } from "../views/SidePanel";

const MAX_ACTION_BUTTONS = 7;

/** A match option in the current language (the Menu's label), or its raw name. */
function optionLabel(key: string, raw: string): string {
  return isMessageKey(key) ? t(key) : raw || "?";
}

/** Percent with one decimal. */
function pct(x: number): string {
  return `${(Math.max(0, x) * 100).toFixed(1)}%`;
}

/**
 * The match: draws the mirrored cluster, the HUD and panels, lets the player select
 * things (mouse or keyboard) and sends the role's intents. It never decides a rule — it
 * shows what the server's state says and what the server answered.
 */
export class Match extends Phaser.Scene {
  /** The current selection (read by the test hook). */
  selection: Selection | undefined;
  private conn!: Connection;
  private cluster!: ClusterLayer;
  private side!: SidePanel;
  private card!: ConceptCard;
  private hudLeft!: Phaser.GameObjects.Text;
  private hudTiers!: Phaser.GameObjects.Text;
  private hudRight!: Phaser.GameObjects.Text;
  private netText!: Phaser.GameObjects.Text;
  private selText!: Phaser.GameObjects.Text;
  private toast!: Phaser.GameObjects.Text;
  private actionButtons: Button[] = [];
  private infoButton!: Button;
  private legend!: Phaser.GameObjects.Text[];
  private lobby!: Phaser.GameObjects.Container;
  private lobbyTitle!: Phaser.GameObjects.Text;
  private lobbyInfo!: Phaser.GameObjects.Text;
  private lobbyStart!: Button;
  private lobbyRoles: Button[] = [];
  private log: LogLine[] = [];
  private actions: ActionDef[] = [];
  private bindArmed = false;
  private toastUntil = 0;
  private dirty = true;
  private offs: (() => void)[] = [];

  constructor() {
    super("Match");
  }

  /** Builds the scene and subscribes to the connection. */
  create(): void {
    const conn = session.connection;
    if (!conn) {
      this.scene.start("Menu");
      return;
    }
    this.conn = conn;
    this.log = [];
    this.selection = undefined;
    this.cameras.main.setBackgroundColor(COLORS.bg);
    const hud = this.add.graphics();
    hud.fillStyle(COLORS.panel, 1).fillRect(0, 0, WIDTH, LAYOUT.hud.h);
    hud.lineStyle(1, COLORS.panelEdge, 1).lineBetween(0, LAYOUT.hud.h, WIDTH, LAYOUT.hud.h);
    this.add.image(22, 22, "logo").setScale(0.17);
    this.hudLeft = this.add.text(44, 12, "", textStyle(16, COLORS.text, false, true));
    this.hudTiers = this.add.text(430, 4, "", { ...textStyle(13, COLORS.text), lineSpacing: 2 });
    this.hudRight = this.add
      .text(WIDTH - 12, 4, "", { ...textStyle(13, COLORS.text), align: "right", lineSpacing: 2 })
      .setOrigin(1, 0);
    this.netText = this.add
      .text(WIDTH / 2, 50, "", {
        ...textStyle(18, "#0b1020", false, true),
        backgroundColor: "#f0e442",
        padding: { x: 14, y: 6 },
      })
      .setOrigin(0.5, 0)
      .setDepth(950);

    this.cluster = new ClusterLayer(this, {
      select: (sel) => this.select(sel),
      drop: (pod, node) => this.send({ type: "bindPod", pod, node }),
      concept: (id) => this.card.show(id),
    });
    this.side = new SidePanel(
      this,
      (sel) => this.select(sel),
      (id) => this.card.show(id),
    );
    this.buildActionBar();
    this.buildLegend();
    this.buildLobby();
    this.card = new ConceptCard(this);

    this.offs.push(
      conn.on("state", () => {
        this.dirty = true;
      }),
      conn.on("status", (s) => this.showStatus(s)),
      conn.on("intentResult", (r) => this.onResult(r)),
      conn.on("error", (e) => this.pushLog(`✗ ${e.code}: ${e.message}`, COLORS.badS, true)),
      conn.on("injectResult", (r) =>
        this.pushLog(`${r.ok ? "⚡" : "✗"} ${r.message}`, r.ok ? COLORS.warnS : COLORS.badS, true),
      ),
      onLangChange(() => {
        this.side.relabel();
        this.buildLegendText();
        this.dirty = true;
      }),
    );
    this.showStatus(conn.status);
    this.setupKeys();
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      for (const off of this.offs.splice(0)) off();
      clearTargets();
    });
  }

  /** Per frame: re-render when the state changed, animate requests. */
  override update(_time: number, delta: number): void {
    const view = this.conn.view;
    if (view && this.dirty) {
      this.dirty = false;
      if (view.phase === "debrief") {
        this.scene.start("Debrief");
        return;
      }
      this.render(view);
    }
    this.cluster.tick(delta);
    if (this.toastUntil && this.time.now > this.toastUntil) {
      this.toast.setText("");
      this.toastUntil = 0;
    }
  }

  private render(view: MatchView): void {
    if (this.selection && !this.exists(view, this.selection)) this.selection = undefined;
    const me = view.players.find((p) => p.id === this.conn.sessionId);
    const role = me?.role ?? "";
    const a = view.availability;
    const clock = `${Math.floor(view.time)}s${view.duration ? ` / ${view.duration}s` : ""}`;
    this.hudLeft.setText(
      `${t("hud.code", { code: view.code })} · ${t(`phase.${view.phase}` as MessageKey)} · ${t("hud.clock", { time: clock })}`,
    );
    paintText(
      this.hudTiers,
      `${t("hud.availability", { pct: pct(a.overall) })}\nnginx ${pct(a.nginx)} · tomcat ${pct(a.tomcat)} · mysql ${pct(a.mysql)}`,
      a.overall >= 0.99 ? COLORS.text : COLORS.badS,
    );
    const budget = a.errorBudget <= 0 ? t("hud.budgetSpent") : t("hud.budget", { pct: pct(a.errorBudget) });
    const roleName = role ? t(`role.${role}` as MessageKey) : "—";
    paintText(
      this.hudRight,
      `${budget}\n${t("hud.you", { name: me?.name || this.conn.sessionId, role: roleName })}`,
      a.errorBudget > 0.25 ? COLORS.text : COLORS.badS,
    );
    this.cluster.update(view, this.selection);
    this.side.update(view, this.selection, this.conn.sessionId);
    this.side.setLog(this.log);
    this.renderActions(view, role);
    this.renderLobby(view, role);
  }

  private exists(view: MatchView, sel: Selection): boolean {
    switch (sel.kind) {
      case "pod":
        return view.pods.some((p) => p.key === sel.key);
      case "node":
        return view.nodes.some((n) => n.name === sel.key);
      case "service":
        return view.services.some((s) => s.key === sel.key);
      case "dns":
        return view.dns.some((d) => d.name === sel.key);
    }
  }

  /** Selects something (click, keyboard, test). */
  select(sel: Selection | undefined): void {
    this.selection = sel;
    this.bindArmed = false;
    this.dirty = true;
  }

  private buildActionBar(): void {
    const r = LAYOUT.actions;
    const g = this.add.graphics();
    g.fillStyle(COLORS.panel, 1).fillRoundedRect(r.x, r.y, r.w, r.h, 8);
    g.lineStyle(1, COLORS.panelEdge, 1).strokeRoundedRect(r.x, r.y, r.w, r.h, 8);
    this.selText = this.add.text(r.x + 10, r.y + 8, "", textStyle(14, COLORS.text));
    this.toast = this.add.text(r.x + 10, r.y + r.h - 24, "", textStyle(14, COLORS.okS, true)).setDepth(100);
    for (let i = 0; i < MAX_ACTION_BUTTONS; i++) {
      const b = new Button(this, 0, r.y + 52, "", () => this.run(this.actions[i]), {
        width: 124,
        height: 34,
        size: 12,
        id: `action-${i}`,
      });
      b.setVisible(false);
      this.actionButtons.push(b);
    }
    this.infoButton = new Button(
      this,
      r.x + r.w - 74,
      r.y + 52,
      "?",
      () => this.card.show(conceptFor(this.selection, this.conn.view)),
      {
        width: 130,
        height: 34,
        size: 13,
        id: "info",
      },
    );
  }

  private renderActions(view: MatchView, role: string): void {
    const r = LAYOUT.actions;
    const sel = this.selection;
    this.refreshActions(view, role);
    if (!sel) this.selText.setText(t("action.none"));
    else {
      let what = `${sel.kind} ${sel.key}`;
      const pod = sel.kind === "pod" ? view.pods.find((p) => p.key === sel.key) : undefined;
      if (pod)
        what = `pod ${pod.key} · ${pod.ip || t("pod.noIp")} · ${stateLine(pod)} · ${pod.node || "—"} · ${Object.entries(
          pod.labels,
        )
          .map(([k, v]) => `${k}=${v}`)
          .join(",")}`;
      this.selText.setText(shorten(t("action.selected", { what }), 120));
    }
    this.actionButtons.forEach((b, i) => {
      const a = this.actions[i];
      b.setVisible(!!a);
      if (!a) return;
      b.setPosition(r.x + 72 + i * 130, r.y + 52);
      b.setLabel(t(a.label, a.params));
      b.setChosen(this.bindArmed && a.id.startsWith("bind:"));
    });
    this.infoButton.setLabel(t("action.info"));
  }

  /** The role's actions for the current selection (buttons and keys use the same list). */
  private refreshActions(view: MatchView, role: string): void {
    this.actions = view.phase === "running" ? actionsFor(role, this.selection, view) : [];
  }

  private buildLegend(): void {
    const r = LAYOUT.legend;
    const g = this.add.graphics();
    const nets: [number, number][] = [
      [COLORS.nodeNet, r.x + 8],
      [COLORS.podNet, r.x + 248],
      [COLORS.svcNet, r.x + 478],
    ];
    for (const [c, x] of nets) g.fillStyle(c, 1).fillRect(x, r.y + 8, 22, 10);
    const looks = ["ready", "notReady", "pending", "failed", "terminating"] as const;
    looks.forEach((look, i) => drawLookIcon(g, look, r.x + 16 + i * 150, r.y + 36, 7));
    this.legend = [
      ...nets.map(([, x]) => this.add.text(x + 28, r.y + 5, "", textStyle(12, COLORS.text))),
      ...looks.map((_, i) => this.add.text(r.x + 28 + i * 150, r.y + 29, "", textStyle(12, COLORS.dim))),
    ];
    const info = this.add.image(r.x + 720, r.y + 13, "icon-info").setInteractive({ useHandCursor: true });
    info.on("pointerup", () => this.card.show("networks"));
    this.add.text(r.x + 736, r.y + 5, "", textStyle(12, COLORS.dim)).setName("legendNets");
    void LOOK_COLOR;
    this.buildLegendText();
  }

  private buildLegendText(): void {
    const keys: MessageKey[] = [
      "net.node",
      "net.pod",
      "net.service",
      "legend.ready",
      "legend.notReady",
      "legend.pending",
      "legend.failed",
      "legend.terminating",
    ];
    this.legend.forEach((txt, i) => txt.setText(t(keys[i]!)));
    (this.children.getByName("legendNets") as Phaser.GameObjects.Text | null)?.setText(t("net.legend"));
  }

  private buildLobby(): void {
    this.lobby = this.add.container(WIDTH / 2, HEIGHT / 2).setDepth(900);
    const w = 720;
    const h = 300;
    const g = this.add.graphics();
    g.fillStyle(0x000000, 0.6).fillRect(-WIDTH / 2, -HEIGHT / 2, WIDTH, HEIGHT);
    g.fillStyle(COLORS.panel, 1).fillRoundedRect(-w / 2, -h / 2, w, h, 14);
    g.lineStyle(3, COLORS.ok, 1).strokeRoundedRect(-w / 2, -h / 2, w, h, 14);
    this.lobbyTitle = this.add
      .text(0, -h / 2 + 30, "", textStyle(26, COLORS.text, false, true))
      .setOrigin(0.5);
    this.lobbyInfo = this.add
      .text(0, -h / 2 + 70, "", { ...textStyle(16, COLORS.dim), align: "center" })
      .setOrigin(0.5, 0);
    this.lobby.add([g, this.lobbyTitle, this.lobbyInfo]);
    ROLES.forEach((role, i) => {
      const b = new Button(this, -230 + i * 230, 40, "", () => this.conn.pickRole(role), {
        width: 220,
        size: 14,
        id: `lobby-role-${role}`,
      });
      this.lobbyRoles.push(b);
      this.lobby.add(b);
    });
    this.lobbyStart = new Button(this, 0, h / 2 - 50, "", () => this.conn.start(), {
      width: 240,
      height: 46,
      size: 18,
      id: "start",
    });
    this.lobby.add(this.lobbyStart);
  }

  private renderLobby(view: MatchView, role: string): void {
    const show = view.phase === "lobby";
    this.lobby.setVisible(show);
    if (!show) return;
    this.lobbyTitle.setText(t("lobby.title", { code: view.code }));
    this.lobbyInfo.setText(
      [
        t("lobby.share", { code: view.code }),
        t("lobby.options", {
          scenario: view.scenario || "?",
          clock: optionLabel(`menu.clock.${view.clock}`, view.clock),
          difficulty: optionLabel(`menu.difficulty.${view.difficulty}`, view.difficulty),
          chaos: optionLabel(`menu.chaos.${view.chaos ? "scheduled" : "off"}`, String(view.chaos)),
        }),
        t(this.conn.isHost ? "lobby.hostStart" : "lobby.waitHost"),
      ].join("\n"),
    );
    ROLES.forEach((r, i) => {
      const holder = view.players.find((p) => p.role === r);
      const b = this.lobbyRoles[i]!;
      b.setLabel(`${t(`role.${r}` as MessageKey)}${holder ? `\n${holder.name || holder.id}` : ""}`);
      b.setChosen(r === role);
      // A bot keeps a seat warm: a person can always take its role.
      b.setEnabled(!holder || holder.bot || r === role);
    });
    this.lobbyStart.setLabel(t("lobby.hostStart")).setVisible(this.conn.isHost);
  }

  private setupKeys(): void {
    const kb = this.input.keyboard;
    if (!kb) return;
    kb.addCapture("TAB,UP,DOWN,LEFT,RIGHT,SPACE");
    kb.on("keydown", (e: KeyboardEvent) => this.onKey(e));
  }

  /** Keyboard path for every action (documented in the README, "Controls per role"). */
  private onKey(e: KeyboardEvent): void {
    const view = this.conn.view;
    if (!view) return;
    if (this.card.visible) {
      if (e.key === "Escape" || e.key === "?") this.card.hide();
      else if (e.key === "Tab" || e.key === "ArrowRight") this.card.nextCard(e.shiftKey ? -1 : 1);
      else if (e.key === "ArrowLeft") this.card.nextCard(-1);
      return;
    }
    switch (e.key) {
      case "Tab":
        return this.select(nextSelection(view, this.selection, e.shiftKey ? -1 : 1));
      case "ArrowRight":
      case "ArrowDown":
        return this.select(nextSelection(view, this.selection, 1));
      case "ArrowLeft":
      case "ArrowUp":
        return this.select(nextSelection(view, this.selection, -1));
      case "Escape":
        return this.select(undefined);
      case "?":
      case "h":
        return this.card.show(conceptFor(this.selection, view));
      case "p": {
        const pending = view.pods.find((p) => !p.node);
        if (pending) this.select({ kind: "pod", key: pending.key });
        return;
      }
      case "b":
      case "B":
        this.bindArmed = true;
        this.dirty = true;
        return;
    }
    // keys queued in one frame (e.g. P, B, 1) act on the selection they made, not the last render
    this.refreshActions(view, view.players.find((p) => p.id === this.conn.sessionId)?.role ?? "");
    if (e.key === "Enter") return this.run(this.actions[0]);
    const action = actionForKey(e.key, this.actions);
    if (action) this.run(action);
  }

  /** Runs an action: sends its intent (asking for an image first when needed). */
  private run(a: ActionDef | undefined): void {
    if (!a) return;
    this.bindArmed = false;
    if (a.prompt) {
      const suggestion = a.prompt.current.replace(
        /^(k8s\.gcr\.io|registry\.k8s\.io)\//,
        "registry.aliyuncs.com/google_containers/",
      );
      const image = window.prompt(
        t("action.imagePrompt", { workload: a.prompt.workload, container: a.prompt.container }),
        suggestion,
      );
      if (image)
        this.send({
          type: "setImage",
          workload: a.prompt.workload,
          container: a.prompt.container,
          image: image.trim(),
        });
      return;
    }
    if (a.intent) this.send(a.intent);
  }

  private send(intent: Parameters<Connection["sendIntent"]>[0]): void {
    this.conn.sendIntent(intent);
  }

  private onResult(r: IntentResult): void {
    if (r.ok) {
      this.pushLog(`$ ${r.kubectl}`, COLORS.text, false);
      this.pushLog(t("result.ok", { message: r.message }), COLORS.okS, true);
    } else {
      this.pushLog(`$ ${r.kubectl}`, COLORS.dim, false);
      this.pushLog(t("result.refused", { message: `${r.code}: ${r.message}` }), COLORS.badS, true);
    }
  }

  private pushLog(text: string, color: string, toast: boolean): void {
    this.log.push({ text, color });
    if (this.log.length > 50) this.log.splice(0, this.log.length - 50);
    this.side.setLog(this.log);
    if (toast) {
      paintText(this.toast, shorten(text, 120), color);
      this.toastUntil = this.time.now + 5000;
    }
  }

  private showStatus(s: NetStatus): void {
    const key: Record<NetStatus, MessageKey | ""> = {
      connected: "",
      reconnecting: "hud.reconnecting",
      reconnected: "hud.reconnected",
      offline: "hud.offline",
    };
    const k = key[s];
    this.netText.setText(k ? t(k) : "").setVisible(!!k);
    this.netText.setBackgroundColor(
      s === "reconnected" ? "#56b4e9" : s === "offline" ? "#ff7a2e" : "#f0e442",
    );
    if (s === "reconnected") this.pushLog(t("hud.reconnected"), COLORS.okS, false);
  }

  /** The current language (for the test hook). */
  lang(): string {
    return getLang();
  }
}
