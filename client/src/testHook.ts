/**
 * `window.__reconcile`: a small, read-mostly hook for end-to-end tests (and curious
 * players in the console). It reports what the client shows and where, and sends intents
 * through the same path the buttons use.
 */
import Phaser from "phaser";
import type { Intent, IntentResult } from "../../shared/sim";
import type { RosterTeam } from "../../shared/competition/messages";
import type { EventPhase } from "../../shared/competition";
import { flow } from "./flow";
import { getLang } from "./i18n";
import type { MatchView, NodeView, PodView } from "./net/view";
import type { Replay, ReplayState } from "./scenes/Replay";
import type { Match } from "./scenes/Match";
import type { ConsoleState } from "./ui/KubectlConsole";
import type { Booth, BoothStage } from "./scenes/Booth";
import type { BoothScreen, BoothScreenState } from "./scenes/BoothScreen";
import type { LevelHud } from "./scenes/LevelHud";
import { booth } from "./booth/round";
import type { BoardState, EventBoard } from "./scenes/EventBoard";
import type { EventDebrief, EventDebriefState } from "./scenes/EventDebrief";
import { session, targetIds, targetPosition } from "./session";

/** What the test hook reports of the facilitator console. */
export interface EventConsoleState {
  code: string;
  canControl: boolean;
  phase: EventPhase;
  teams: RosterTeam[];
}

/** The hook's shape. */
export interface ReconcileHook {
  /** Keys of the active scenes (e.g. ["Match"]). */
  scenes(): string[];
  /** Current language. */
  lang(): string;
  /** Every visible Text of the active scenes (to check translations). */
  texts(): string[];
  sessionId(): string;
  role(): string;
  code(): string;
  phase(): string;
  /** The match's round: 1, then +1 at each Play again. */
  round(): number;
  netStatus(): string;
  /** The whole view model. */
  view(): MatchView | undefined;
  pods(): Pick<
    PodView,
    | "key"
    | "name"
    | "node"
    | "podIP"
    | "phase"
    | "ready"
    | "reason"
    | "look"
    | "tier"
    | "workload"
    | "terminating"
  >[];
  nodes(): NodeView[];
  lastIntentResult(): IntentResult | undefined;
  /** How many intent replies this page has received. */
  intentResultCount(): number;
  /** What the Match scene has selected (`kind:key`), if anything. */
  selection(): string | undefined;
  sendIntent(intent: Intent): void;
  /** The Match scene's kubectl console: open, the YAML box, the typed line, output, history, pending writes. */
  console(): ConsoleState | undefined;
  /** Page (CSS pixel) coordinates of a drawn thing: ("pod", key), ("node", name), ("button", id)… */
  screenPositionOf(kind: string, key: string): { x: number; y: number } | undefined;
  /** Registered target ids. */
  targets(): string[];
  /** Host: injects chaos (the facilitator path), e.g. `{ type: "pod-kill", target: "shop/tomcat" }`. */
  inject(payload: { type: string; target?: string }): void;
  /** Every connection status this page went through, in order. */
  netHistory(): string[];
  /** Drops the socket without leaving (reconnection test). */
  dropConnection(): void;
  /** Actual frames per second of the game loop. */
  fps(): number;
  /** The renderer in use: "canvas" or "webgl" (`?renderer=` chooses; canvas by default). */
  renderer(): string;
  /** The Replay scene's state (undefined when it is not shown); `view()`/`pods()`/`nodes()` then read the replay. */
  replay(): ReplayState | undefined;
  /** The replayed world's stateHash at the replay's current tick. */
  replayStateHash(): string;
  /** Moves the replay to a tick. */
  seekReplay(tick: number): void;
  /** The facilitator console's event: code, whether this tab holds the key, phase and teams (undefined elsewhere). */
  eventConsole(): EventConsoleState | undefined;
  /** The competition board's state (undefined when it is not shown). */
  eventBoard(): BoardState | undefined;
  /** The cross-team debrief's state (undefined when it is not shown). */
  eventDebrief(): EventDebriefState | undefined;
  /** The booth kiosk's stage (undefined when the Booth scene is not shown). */
  boothStage(): BoothStage | undefined;
  /** The kiosk's current round: its id, role, whether it runs in this browser, its place of the day once stored. */
  boothRound():
    { roundId: string; role: string; offline: boolean; rankToday?: number; name?: string } | undefined;
  /** The big screen's state (undefined when it is not shown). */
  boothScreen(): BoothScreenState | undefined;
  /** The campaign level on screen: its name, step, outcome and the hint shown (undefined when none). */
  level(): ReturnType<LevelHud["levelState"]>;
}

declare global {
  interface Window {
    __reconcile: ReconcileHook;
  }
}

/** Installs `window.__reconcile` for a game. */
export function installTestHook(game: Phaser.Game): void {
  const activeScenes = () => game.scene.getScenes(true);
  const replay = () =>
    game.scene.isActive("Replay") ? (game.scene.getScene("Replay") as unknown as Replay) : undefined;
  const activeScene = <T>(key: string): T | undefined =>
    game.scene.isActive(key) ? (game.scene.getScene(key) as unknown as T) : undefined;
  /** The view the page shows: the match's, or the replay's when a replay is open. */
  const shown = (): MatchView | undefined => session.connection?.view ?? replay()?.view();
  window.__reconcile = {
    scenes: () => activeScenes().map((s) => s.scene.key),
    lang: () => getLang(),
    texts: () => {
      const out: string[] = [];
      const walk = (list: Phaser.GameObjects.GameObject[]) => {
        for (const o of list) {
          const anyO = o as Phaser.GameObjects.GameObject & {
            visible?: boolean;
            list?: Phaser.GameObjects.GameObject[];
            text?: string;
          };
          if (anyO.visible === false) continue;
          if (o.type === "Text" && anyO.text) out.push(anyO.text);
          if (Array.isArray(anyO.list)) walk(anyO.list);
        }
      };
      for (const s of activeScenes()) walk(s.children.list);
      return out;
    },
    sessionId: () => session.connection?.sessionId ?? "",
    role: () => session.connection?.role ?? "",
    code: () => session.connection?.code ?? "",
    phase: () => session.connection?.view?.phase ?? "",
    round: () => session.connection?.view?.round ?? 0,
    netStatus: () => session.connection?.status ?? "",
    view: () => shown(),
    pods: () =>
      (shown()?.pods ?? []).map((p) => ({
        key: p.key,
        name: p.name,
        node: p.node,
        podIP: p.podIP,
        phase: p.phase,
        ready: p.ready,
        reason: p.reason,
        look: p.look,
        tier: p.tier,
        workload: p.workload,
        terminating: p.terminating,
      })),
    nodes: () => shown()?.nodes ?? [],
    lastIntentResult: () => session.connection?.lastIntentResult,
    intentResultCount: () => session.connection?.intentResultCount ?? 0,
    selection: () => {
      const match = game.scene.getScene("Match") as unknown as {
        selection?: { kind: string; key: string };
      } | null;
      return match?.selection ? `${match.selection.kind}:${match.selection.key}` : undefined;
    },
    sendIntent: (intent) => session.connection?.sendIntent(intent),
    console: () => activeScene<Match>("Match")?.kubectlConsole?.state(),
    screenPositionOf: (kind, key) => {
      const p = targetPosition(kind, key);
      if (!p) return undefined;
      const rect = game.canvas.getBoundingClientRect();
      return {
        x: rect.left + (p.x * rect.width) / game.scale.width,
        y: rect.top + (p.y * rect.height) / game.scale.height,
      };
    },
    targets: () => targetIds(),
    inject: (payload) => session.connection?.inject(payload),
    netHistory: () => [...(session.connection?.history ?? [])],
    dropConnection: () => session.connection?.dropForTest(),
    fps: () => game.loop.actualFps,
    renderer: () => (game.config.renderType === Phaser.CANVAS ? "canvas" : "webgl"),
    replay: () => replay()?.replayState(),
    replayStateHash: () => replay()?.stateHash() ?? "",
    seekReplay: (tick) => replay()?.seek(tick),
    eventConsole: () => {
      const e = flow().event;
      return e && { code: e.code, canControl: e.canControl, phase: e.phase, teams: e.teams };
    },
    eventBoard: () => activeScene<EventBoard>("EventBoard")?.boardState(),
    eventDebrief: () => activeScene<EventDebrief>("EventDebrief")?.debriefState(),
    boothStage: () => activeScene<Booth>("Booth")?.stage,
    boothRound: () => {
      const r = booth.round;
      if (!r) return undefined;
      return {
        roundId: r.roundId,
        role: r.role,
        offline: r.offline,
        ...(r.stored ? { rankToday: r.stored.rankToday } : {}),
        ...(r.name ? { name: r.name } : {}),
      };
    },
    boothScreen: () => activeScene<BoothScreen>("BoothScreen")?.screenState(),
    level: () => activeScene<LevelHud>("LevelHud")?.levelState(),
  };
}
