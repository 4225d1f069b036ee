import Phaser from "phaser";
import type { IntentResult } from "../../../shared/sim";
import { conceptFor } from "../concepts";
import { onLangChange, t, type MessageKey } from "../i18n";
import {
  actionsFor,
  commandsForAction,
  commandsForDrop,
  commandsForKey,
  commandsForTap,
  type ActionDef,
  type InputCommand,
  type InputContext,
} from "../input";
import type { Connection, NetStatus } from "../net/connection";
import type { MatchView } from "../net/view";
import { doneText, refusalText } from "../refusals";
import { selectionExists, type Selection } from "../selection";
import { clearTargets, session } from "../session";
import { COLORS, LAYOUT, WIDTH, textStyle } from "../theme";
import { Button } from "../ui/Button";
import { ConceptCard } from "../ui/ConceptCard";
import { ImageDialog } from "../ui/ImageDialog";
import { KubectlConsole } from "../ui/KubectlConsole";
import { onShutdown } from "../ui/lifecycle";
import { paintText, wrapColumns } from "../ui/text";
import { ClusterLayer } from "../views/ClusterLayer";
import { drawLookIcon, shorten, stateLine } from "../views/PodCard";
import { SidePanel, type LogLine } from "../views/SidePanel";

/** Up to 8 actions: a Deployment's pod mid-rollout has delete, scale ±, create, image, undo and two rollout steps. */
const MAX_ACTION_BUTTONS = 8;
/** Width and spacing of an action button in the bar. */
const ACTION_W = 108;
const ACTION_STEP = 112;
/** Newest kubectl-log rows kept. */
const LOG_LINES = 50;
/** Monospace columns of one kubectl-log row (the panel cuts longer rows). */
const LOG_COLUMNS = 55;
/** How long a result stays in the action bar's toast lines (ms). */
const TOAST_MS = 5000;
/** The toast: two rows of this many monospace columns under the action buttons (a refusal and its next step). */
const TOAST_ROWS = 2;
const TOAST_COLUMNS = 116;

/** Percent with one decimal. */
function pct(x: number): string {
  return `${(Math.max(0, x) * 100).toFixed(1)}%`;
}

/** What the action bar says about the selection. */
function describeSelection(view: MatchView, sel: Selection): string {
  if (sel.kind === "pod") {
    const pod = view.pods.find((p) => p.key === sel.key);
    if (pod) {
      const labels = Object.entries(pod.labels)
        .map(([k, v]) => `${k}=${v}`)
        .join(",");
      return `pod ${pod.key} · ${pod.podIP || t("pod.noIp")} · ${stateLine(pod)} · ${pod.node || "—"} · ${labels}`;
    }
  }
  if (sel.kind === "workload") {
    const w = view.workloads.find((x) => x.key === sel.key);
    if (w) return `${w.key} · ${w.ready}/${w.desired} · ${w.image}`;
  }
  return `${sel.kind} ${sel.key}`;
}

/**
 * The running match: draws the mirrored cluster, the HUD and panels, and carries out what
 * the input module makes of the player's keys, clicks, taps and drags. It never decides a
 * rule — it shows what the server's state says and what the server answered.
 */
export class Match extends Phaser.Scene {
  /** The current selection (read by the test hook). */
  selection: Selection | undefined;
  /** The kubectl console (read by the test hook). */
  kubectlConsole: KubectlConsole | undefined;
  private conn!: Connection;
  private cluster!: ClusterLayer;
  private side!: SidePanel;
  private card!: ConceptCard;
  private imageDialog!: ImageDialog;
  private hudLeft!: Phaser.GameObjects.Text;
  private hudTiers!: Phaser.GameObjects.Text;
  private hudRight!: Phaser.GameObjects.Text;
  private netText!: Phaser.GameObjects.Text;
  private selText!: Phaser.GameObjects.Text;
  private toast!: Phaser.GameObjects.Text;
  private actionButtons: Button[] = [];
  private infoButton!: Button;
  private clockButton!: Button;
  private consoleButton!: Button;
  private legend: [Phaser.GameObjects.Text, MessageKey][] = [];
  private log: LogLine[] = [];
  private actions: ActionDef[] = [];
  private bindArmed = false;
  private toastUntil = 0;
  private dirty = true;

  constructor() {
    super("Match");
  }

  /** Builds the scene and subscribes to the connection until it shuts down. */
  create(): void {
    const conn = session.connection;
    if (!conn) return;
    this.conn = conn;
    // Phaser reuses this instance for the next round: nothing of an earlier run may survive.
    this.selection = undefined;
    this.actionButtons = [];
    this.legend = [];
    this.log = [];
    this.actions = [];
    this.bindArmed = false;
    this.toastUntil = 0;
    this.dirty = true;

    this.cameras.main.setBackgroundColor(COLORS.bg);
    this.buildHud();
    this.cluster = new ClusterLayer(this, {
      tap: (sel) => this.apply(commandsForTap(sel, this.context())),
      drop: (pod, node) => this.apply(commandsForDrop(pod, node)),
      concept: (id) => this.card.show(id),
    });
    this.side = new SidePanel(
      this,
      (sel) => this.apply(commandsForTap(sel, this.context())),
      (id) => this.card.show(id),
    );
    this.buildActionBar();
    this.buildLegend();
    this.card = new ConceptCard(this);
    this.imageDialog = new ImageDialog(this, (intent) => this.conn.sendIntent(intent));
    const kubectlConsole = new KubectlConsole(this, conn);
    this.kubectlConsole = kubectlConsole;
    const k = LAYOUT.kubectl;
    this.consoleButton = new Button(
      this,
      k.x + k.w - 72,
      k.y + 13,
      t("console.open"),
      () => kubectlConsole.open(),
      {
        width: 132,
        height: 22,
        size: 12,
        id: "console-open",
      },
    );

    const kb = this.input.keyboard;
    kb?.addCapture("TAB,UP,DOWN,LEFT,RIGHT,SPACE");
    kb?.on("keydown", (e: KeyboardEvent) => this.onKey(e));
    onShutdown(
      this,
      conn.on("state", () => (this.dirty = true)),
      conn.on("status", (s) => this.showStatus(s)),
      conn.on("intentResult", (r) => this.onResult(r)),
      conn.on("error", (e) => this.pushLog(`✗ ${e.code}: ${e.message}`, COLORS.badS, true)),
      conn.on("injectResult", (r) =>
        this.pushLog(`${r.ok ? "⚡" : "✗"} ${r.message}`, r.ok ? COLORS.warnS : COLORS.badS, true),
      ),
      onLangChange(() => {
        this.side.relabel();
        this.imageDialog.relabel();
        for (const [txt, key] of this.legend) txt.setText(t(key));
        this.clockButton.setLabel(t("hud.clockTable"));
        this.consoleButton.setLabel(t("console.open"));
        kubectlConsole.relabel();
        if (this.card.visible) this.card.show(this.card.current);
        this.dirty = true;
      }),
      () => clearTargets(),
      () => kubectlConsole.destroy(),
      () => {
        this.kubectlConsole = undefined;
      },
    );
    this.showStatus(conn.status);
  }

  /** Per frame: re-render when the state changed, animate requests, expire the toast. */
  override update(_time: number, delta: number): void {
    const view = this.conn?.view;
    if (!view) return;
    if (this.dirty) {
      this.dirty = false;
      this.render(view);
    }
    this.cluster.tick(delta);
    if (this.toastUntil && this.time.now > this.toastUntil) {
      this.toast.setText("");
      this.toastUntil = 0;
    }
  }

  /** The player's role ("" when watching). */
  private role(): string {
    return this.conn.role;
  }

  private context(): InputContext {
    return {
      view: this.conn.view!,
      role: this.role(),
      selection: this.selection,
      cardOpen: this.card.visible,
    };
  }

  /** Carries out what the input module made of a key, tap, drag or button. */
  private apply(commands: InputCommand[]): void {
    for (const c of commands) {
      switch (c.type) {
        case "select":
          this.selection = c.selection;
          this.bindArmed = false;
          this.dirty = true;
          break;
        case "send":
          this.bindArmed = false;
          this.conn.sendIntent(c.intent);
          break;
        case "askImage":
          this.imageDialog.show(c.prompt);
          break;
        case "hint":
          // Where refusals show: the action bar's line and the kubectl log.
          this.pushLog(`▶ ${t(c.key, c.params)}`, COLORS.warnS, true);
          break;
        case "armBind":
          this.bindArmed = true;
          this.dirty = true;
          break;
        case "showCard":
          this.card.show(c.concept);
          break;
        case "hideCard":
          this.card.hide();
          break;
        case "nextCard":
          this.card.nextCard(c.step);
          break;
      }
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.conn.view) return;
    // `/` opens the kubectl console (not typed into it); its own keys never reach here.
    if (e.key === "/" && !this.imageDialog.open) {
      e.preventDefault();
      this.kubectlConsole?.open();
      return;
    }
    if (this.kubectlConsole?.isOpen) {
      // A key that reached the scene while the console is open (after a click elsewhere) is no shortcut.
      if (e.key === "Escape") this.kubectlConsole.close();
      else this.kubectlConsole.focus();
      return;
    }
    // The image field takes its own keys; a key that reaches the scene meanwhile only closes it.
    if (this.imageDialog.open) {
      if (e.key === "Escape") this.imageDialog.close();
      return;
    }
    this.apply(commandsForKey(e.key, e.shiftKey, this.context()));
  }

  private render(view: MatchView): void {
    if (this.selection && !selectionExists(view, this.selection)) this.selection = undefined;
    const me = view.players.find((p) => p.id === this.conn.sessionId);
    const role = me?.role ?? "";
    const a = view.availability;
    const clock = `${Math.floor(view.time)}s / ${view.duration}s`;
    const round = view.round > 1 ? ` · ${t("lobby.round", { n: view.round })}` : "";
    // A competition's paused clock stands still: say whose doing it is.
    const paused = view.paused ? ` ${t("hud.paused")}` : "";
    paintText(
      this.hudLeft,
      `${t("hud.code", { code: view.code })}${round} · ${t("hud.clock", { time: clock })}${paused}`,
      view.paused ? COLORS.warnS : COLORS.text,
    );
    paintText(
      this.hudTiers,
      `${t("hud.availability", { pct: pct(a.overall) })}\nnginx ${pct(a.nginx)} · tomcat ${pct(a.tomcat)} · mysql ${pct(a.mysql)}`,
      a.overall >= 0.99 ? COLORS.text : COLORS.badS,
    );
    const budget = a.errorBudget <= 0 ? t("hud.budgetSpent") : t("hud.budget", { pct: pct(a.errorBudget) });
    const roleName = role ? t(`role.${role}` as MessageKey) : t("lobby.watching");
    paintText(
      this.hudRight,
      `${budget}\n${t("hud.you", { name: me?.name ?? "", role: roleName })}`,
      a.errorBudget > 0.25 ? COLORS.text : COLORS.badS,
    );
    this.cluster.update(view, this.selection);
    this.side.update(view, this.selection, this.conn.sessionId);
    this.side.setLog(this.log);
    this.renderActions(view, role);
  }

  private buildHud(): void {
    const hud = this.add.graphics();
    hud.fillStyle(COLORS.panel, 1).fillRect(0, 0, WIDTH, LAYOUT.hud.h);
    hud.lineStyle(1, COLORS.panelEdge, 1).lineBetween(0, LAYOUT.hud.h, WIDTH, LAYOUT.hud.h);
    this.add.image(22, 22, "logo").setScale(0.17);
    this.hudLeft = this.add.text(44, 12, "", textStyle(16, COLORS.text, false, true));
    this.hudTiers = this.add.text(430, 4, "", { ...textStyle(13, COLORS.text), lineSpacing: 2 });
    this.hudRight = this.add
      .text(WIDTH - 12, 4, "", { ...textStyle(13, COLORS.text), align: "right", lineSpacing: 2 })
      .setOrigin(1, 0);
    // The clock table (every scaled delay, both clocks), one click from the match clock.
    this.clockButton = new Button(this, 890, 22, t("hud.clockTable"), () => this.card.show("clock"), {
      width: 130,
      height: 28,
      size: 12,
      id: "hud-clock",
    });
    this.netText = this.add
      .text(WIDTH / 2, 50, "", {
        ...textStyle(18, "#0b1020", false, true),
        backgroundColor: "#f0e442",
        padding: { x: 14, y: 6 },
      })
      .setOrigin(0.5, 0)
      .setDepth(950);
  }

  private buildActionBar(): void {
    const r = LAYOUT.actions;
    const g = this.add.graphics();
    g.fillStyle(COLORS.panel, 1).fillRoundedRect(r.x, r.y, r.w, r.h, 8);
    g.lineStyle(1, COLORS.panelEdge, 1).strokeRoundedRect(r.x, r.y, r.w, r.h, 8);
    this.selText = this.add.text(r.x + 10, r.y + 8, "", textStyle(14, COLORS.text));
    this.toast = this.add
      .text(r.x + 10, r.y + r.h - 35, "", { ...textStyle(13, COLORS.okS, true), lineSpacing: 1 })
      .setDepth(100);
    for (let i = 0; i < MAX_ACTION_BUTTONS; i++) {
      const b = new Button(this, 0, r.y + 52, "", () => this.apply(commandsForAction(this.actions[i])), {
        width: ACTION_W,
        height: 34,
        size: 11,
        id: `action-${i}`,
      });
      b.setVisible(false);
      this.actionButtons.push(b);
    }
    // Top right, beside the selection line: the row below holds up to eight actions.
    this.infoButton = new Button(
      this,
      r.x + r.w - 72,
      r.y + 18,
      "?",
      () => this.apply([{ type: "showCard", concept: conceptFor(this.selection, this.conn.view) }]),
      { width: 128, height: 26, size: 12, id: "info" },
    );
  }

  private renderActions(view: MatchView, role: string): void {
    const r = LAYOUT.actions;
    const sel = this.selection;
    this.actions = actionsFor(role, sel, view);
    this.selText.setText(
      sel ? shorten(t("action.selected", { what: describeSelection(view, sel) }), 100) : t("action.none"),
    );
    this.actionButtons.forEach((b, i) => {
      const a = this.actions[i];
      b.setVisible(!!a);
      if (!a) return;
      b.setPosition(r.x + 8 + ACTION_W / 2 + i * ACTION_STEP, r.y + 52);
      b.setLabel(t(a.label, a.params));
      b.setChosen(this.bindArmed && a.id.startsWith("bind:"));
    });
    this.infoButton.setLabel(t("action.info"));
  }

  private buildLegend(): void {
    const r = LAYOUT.legend;
    const g = this.add.graphics();
    const nets: [number, number, MessageKey][] = [
      [COLORS.nodeNet, r.x + 8, "net.node"],
      [COLORS.podNet, r.x + 248, "net.pod"],
      [COLORS.svcNet, r.x + 478, "net.service"],
    ];
    for (const [c, x] of nets) g.fillStyle(c, 1).fillRect(x, r.y + 8, 22, 10);
    const looks = [
      ["ready", "legend.ready"],
      ["notReady", "legend.notReady"],
      ["pending", "legend.pending"],
      ["failed", "legend.failed"],
      ["terminating", "legend.terminating"],
    ] as const;
    looks.forEach(([look], i) => drawLookIcon(g, look, r.x + 16 + i * 150, r.y + 36, 7));
    this.legend = [
      ...nets.map(([, x, key]): [Phaser.GameObjects.Text, MessageKey] => [
        this.add.text(x + 28, r.y + 5, t(key), textStyle(12, COLORS.text)),
        key,
      ]),
      ...looks.map(([, key], i): [Phaser.GameObjects.Text, MessageKey] => [
        this.add.text(r.x + 28 + i * 150, r.y + 29, t(key), textStyle(12, COLORS.dim)),
        key,
      ]),
    ];
    const info = this.add.image(r.x + 720, r.y + 13, "icon-info").setInteractive({ useHandCursor: true });
    info.on("pointerup", () => this.card.show("networks"));
    this.legend.push([
      this.add.text(r.x + 736, r.y + 5, t("net.legend"), textStyle(12, COLORS.dim)),
      "net.legend",
    ]);
  }

  private onResult(r: IntentResult): void {
    // The command a person would type — or none, when only a controller does this work.
    if (r.kubectl) this.pushLog(`$ ${r.kubectl}`, r.ok ? COLORS.text : COLORS.dim, false);
    else this.pushLog(t("result.noKubectl"), COLORS.dim, false);
    if (r.controller) {
      this.pushLog(
        t("result.realCluster", { controller: t(`controller.${r.controller}`) }),
        COLORS.warnS,
        false,
      );
      if (r.inspect) this.pushLog(`  $ ${r.inspect}`, COLORS.dim, false);
    }
    if (r.ok) this.pushLog(t("result.ok", { message: doneText(r) }), COLORS.okS, true);
    else this.pushLog(t("result.refused", { message: refusalText(r) }), COLORS.badS, true);
  }

  private pushLog(text: string, color: string, toast: boolean): void {
    // Whole commands, wrapped to the panel's width, rather than cut; a refusal's next step on its own row.
    const lines = text.split("\n");
    for (const line of lines)
      for (const row of wrapColumns(line, LOG_COLUMNS)) this.log.push({ text: row, color });
    if (this.log.length > LOG_LINES) this.log.splice(0, this.log.length - LOG_LINES);
    this.side.setLog(this.log);
    if (toast) {
      const rows = lines.flatMap((line) => wrapColumns(line, TOAST_COLUMNS));
      const shown = rows.slice(0, TOAST_ROWS);
      if (rows.length > TOAST_ROWS)
        shown[TOAST_ROWS - 1] = `${[...shown[TOAST_ROWS - 1]!].slice(0, -1).join("")}…`;
      paintText(this.toast, shown.join("\n"), color);
      this.toastUntil = this.time.now + TOAST_MS;
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
}
