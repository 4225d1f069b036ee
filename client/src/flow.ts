/**
 * The client flow: the one place that decides which scene shows. Scenes never start each
 * other; they tell the flow what happened (assets loaded, seated in a match, left it) and
 * the flow follows the connection and the match's phase and round:
 *
 *   Boot → Preloader → (a seat to resume? → that match) | Menu
 *   seated: lobby → Lobby, running → Match, debrief → Debrief (each new round starts afresh)
 *   left on purpose, or the seat is lost → Menu
 *   Menu → Past matches (Matches) → a match's Replay (`#/replay/<id>`, also on load) → back
 *   booth kiosk (`#/booth`): Booth (attract, how-to) → Match → BoothDebrief → Booth; a lost
 *   seat goes back to Booth, never to the Menu. Big screen (`#/booth/screen`): BoothScreen
 *   `#/event/<code>/board` → EventBoard (a projector's live scoreboard) → its EventDebrief
 *   (`#/event/<code>/debrief`); both open straight from their address and survive a reload
 *   Menu → Learn (Campaign: the level list) → a level: Match in this page with the LevelHud
 *   overlay on top (its time running out keeps the Match on screen) → Levels → Campaign
 */
import type Phaser from "phaser";

/** Phaser.Core.Events.PRE_STEP: the start of a game step, before any scene updates. */
const PRE_STEP = "prestep";
import type { Phase } from "../../shared/protocol/messages";
import type { MessageKey } from "./i18n";
import { Connection } from "./net/connection";
import { clearResumeToken, loadResumeToken } from "./net/resumeToken";
import { replayHash, replayIdOf } from "./replay/route";
import { consoleCodeOf, consoleHash, joinCodeOf } from "./event/consoleRoute";
import { loadFacilitatorKey } from "./event/facilitatorKey";
import { EventConnection } from "./net/eventConnection";
import { EventCloseCode } from "../../shared/competition/messages";
import { boothRouteOf } from "./booth/route";
import { eventHash, eventRouteOf, type EventPage } from "./event/route";
import type { MatchView } from "./net/view";
import { session } from "./session";
import { LevelRun } from "./campaign/levelRun";
import type { Level } from "../../shared/campaign";

/** The scene keys (each scene's class has the same name). */
export const SCENES = {
  boot: "Boot",
  preloader: "Preloader",
  menu: "Menu",
  lobby: "Lobby",
  match: "Match",
  debrief: "Debrief",
  matches: "Matches",
  replay: "Replay",
  eventSetup: "EventSetup",
  facilitator: "Facilitator",
  joinTeam: "JoinTeam",
  booth: "Booth",
  boothDebrief: "BoothDebrief",
  boothScreen: "BoothScreen",
  eventBoard: "EventBoard",
  eventDebrief: "EventDebrief",
  campaign: "Campaign",
  levelHud: "LevelHud",
} as const;
/** One scene key. */
export type SceneKey = (typeof SCENES)[keyof typeof SCENES];

/** The scene that shows each phase of a match. */
export const PHASE_SCENES = {
  lobby: SCENES.lobby,
  running: SCENES.match,
  debrief: SCENES.debrief,
} as const satisfies Record<Phase, SceneKey>;

/** The scene for a match's phase (undefined for a phase this client does not know). */
export function sceneForPhase(phase: string): SceneKey | undefined {
  return (PHASE_SCENES as Record<string, SceneKey>)[phase];
}

/** What tells one screen of a match from the next: the round and the phase. */
export function stageOf(view: Pick<MatchView, "round" | "phase">): string {
  return `${view.round}:${view.phase}`;
}

/** The flow of one page. */
export class Flow {
  /** Something the Menu should say when it opens (why the player is back there). */
  menuNotice: MessageKey | undefined;
  /** The stored match the Replay scene shows. */
  replayId = "";
  /** The competition this page runs (the Facilitator console's connection). */
  event: EventConnection | undefined;
  /** The event whose console this page left for the Menu (Run a competition offers the way back). */
  lastEventCode: string | undefined;
  /** The team code a join link (`#/join/<code>`) brought, for the JoinTeam form. */
  joinTeamCode: string | undefined;
  /** Whether this page is the booth's kiosk: matches end in the booth's debrief and go back to its attract loop. */
  kiosk = false;
  /** Something the kiosk's attract loop should say (why it is back there). */
  boothNotice: MessageKey | undefined;
  /** The competition the EventBoard / EventDebrief scene shows. */
  eventCode = "";
  /** The campaign level being played (its match runs in this page), if any. */
  level: LevelRun | undefined;
  private stage = "";
  private pending: { key: SceneKey; fresh: boolean } | undefined;
  private offs: (() => void)[] = [];

  constructor(private readonly game: Phaser.Game) {}

  /** Boot is drawn: load the assets. */
  booted(): void {
    this.show(SCENES.preloader);
  }

  /** Assets are loaded: a replay link opens the replay; else take back this tab's seat after a reload, else the Menu. */
  async loaded(): Promise<void> {
    const booth = boothRouteOf(location.hash, location.search);
    if (booth === "screen") return this.show(SCENES.boothScreen);
    this.kiosk = booth === "kiosk";
    const replay = replayIdOf(location.hash);
    if (replay) return this.replay(replay);
    const consoleCode = consoleCodeOf(location.hash);
    if (consoleCode) return this.reopenConsole(consoleCode);
    const joinCode = joinCodeOf(location.hash);
    if (joinCode) return this.joinTeam(joinCode);
    const event = eventRouteOf(location.hash);
    if (event) return this.eventPage(event.code, event.page);
    const token = loadResumeToken();
    if (token) {
      const conn = new Connection();
      try {
        await conn.resume(token);
        this.enter(conn);
        return;
      } catch {
        clearResumeToken();
        this.menuNotice = "menu.seatGone";
      }
    }
    this.show(this.home());
  }

  /** The player is seated in a match: from now on the match's phase picks the scene. */
  enter(conn: Connection): void {
    this.detach();
    session.connection = conn;
    this.stage = "";
    this.offs.push(
      conn.on("state", (view) => this.follow(view)),
      conn.on("status", (s) => {
        if (s === "offline") this.lost();
      }),
    );
    if (conn.view) this.follow(conn.view);
  }

  /** The player leaves the match on purpose: the seat is given up and the Menu opens. */
  async leave(): Promise<void> {
    const conn = session.connection;
    this.detach();
    session.connection = undefined;
    const wasLevel = this.endLevel();
    this.show(wasLevel ? SCENES.campaign : this.home(), this.kiosk || wasLevel);
    await conn?.leave();
  }

  /** Menu → "Learn (campaign)": the list of levels. */
  campaign(): void {
    this.show(SCENES.campaign, true);
  }

  /** Plays a campaign level (again): its match starts in this page at once, the LevelHud on top. */
  playLevel(level: Level): void {
    const old = session.connection;
    this.detach();
    this.endLevel();
    if (old) void old.leave();
    const run = new LevelRun(level, session.name || "You");
    this.level = run;
    this.enter(run.conn);
  }

  /** Stops the level being played; whether there was one. */
  private endLevel(): boolean {
    const run = this.level;
    this.level = undefined;
    run?.dispose();
    return !!run;
  }

  /** The list of stored matches (Menu → Past matches). */
  pastMatches(): void {
    this.show(SCENES.matches);
  }

  /** A stored match's replay; its address goes into the page's hash so it can be linked. */
  replay(id: string): void {
    if (session.connection) void this.leave();
    this.replayId = id;
    if (location.hash !== replayHash(id)) history.replaceState(null, "", replayHash(id));
    this.show(SCENES.replay, true);
  }

  /** Leaves a replay for the list of stored matches. */
  closeReplay(): void {
    history.replaceState(null, "", location.pathname + location.search);
    this.show(SCENES.matches);
  }

  /** A competition's public page (its board or debrief); its address goes into the page's hash so a reload keeps it. */
  eventPage(code: string, page: EventPage): void {
    if (session.connection) void this.leave();
    this.eventCode = code;
    if (location.hash !== eventHash(code, page)) history.replaceState(null, "", eventHash(code, page));
    this.show(page === "board" ? SCENES.eventBoard : SCENES.eventDebrief, true);
  }

  /** Leaves a competition's public page for the Menu. */
  closeEvent(): void {
    history.replaceState(null, "", location.pathname + location.search);
    this.show(SCENES.menu);
  }

  /** Menu → "Run a competition": the event's form. */
  runCompetition(): void {
    this.show(SCENES.eventSetup);
  }

  /** The facilitator's event is open: the console shows it, at an address a reload comes back to. */
  openConsole(conn: EventConnection): void {
    if (this.event && this.event !== conn) void this.event.leave();
    this.event = conn;
    if (location.hash !== consoleHash(conn.code)) history.replaceState(null, "", consoleHash(conn.code));
    this.show(SCENES.facilitator, true);
  }

  /** Leaves the console for the Menu (the event goes on; the key stays in this tab). */
  async closeConsole(): Promise<void> {
    const conn = this.event;
    this.event = undefined;
    this.lastEventCode = conn?.code;
    history.replaceState(null, "", location.pathname + location.search);
    this.show(SCENES.menu);
    await conn?.leave();
  }

  /** Menu → "Join a team", or a team's join link (its code filled in). */
  joinTeam(teamCode?: string): void {
    this.joinTeamCode = teamCode;
    this.show(SCENES.joinTeam, true);
  }

  /** Seated in a team: the join link is spent (a reload resumes the seat instead). */
  joinedTeam(conn: Connection): void {
    this.joinTeamCode = undefined;
    if (joinCodeOf(location.hash)) history.replaceState(null, "", location.pathname + location.search);
    this.enter(conn);
  }

  /**
   * A reload of the console: control comes back when this tab kept the event's key; a page
   * without the key sees only the public board.
   */
  async reopenConsole(code: string): Promise<void> {
    if (!loadFacilitatorKey(code)) {
      location.replace(`${location.pathname}${location.search}#/event/${code}/board`);
      return;
    }
    const conn = new EventConnection();
    try {
      await conn.open(code);
    } catch {
      history.replaceState(null, "", location.pathname + location.search);
      this.menuNotice = "event.gone";
      return this.show(SCENES.menu);
    }
    this.openConsole(conn);
  }

  /** Back to the Menu from the list of stored matches. */
  menu(): void {
    this.show(SCENES.menu);
  }

  /** The page's hash changed (a typed or pasted replay link): follow it. */
  hashChanged(): void {
    const booth = boothRouteOf(location.hash, location.search);
    if (booth === "screen") return this.show(SCENES.boothScreen);
    if (booth === "kiosk" && !this.kiosk) {
      this.kiosk = true;
      if (!session.connection) return this.show(SCENES.booth);
    }
    const id = replayIdOf(location.hash);
    if (id && id !== this.replayId) this.replay(id);
    const joinCode = joinCodeOf(location.hash);
    if (joinCode && !session.connection) this.joinTeam(joinCode);
    const event = eventRouteOf(location.hash);
    if (event) this.eventPage(event.code, event.page);
  }

  /** The seat could not be kept (the server stopped answering for its whole grace period). */
  private lost(): void {
    const conn = session.connection;
    this.detach();
    session.connection = undefined;
    this.menuNotice =
      conn?.closeCode === EventCloseCode.TEAM_REMOVED
        ? "event.teamRemoved"
        : conn?.closeCode === EventCloseCode.EVENT_CLOSED
          ? "event.eventClosed"
          : "menu.lost";
    this.boothNotice = "booth.lost";
    this.show(this.home(), this.kiosk);
    void conn?.leave();
  }

  /** Where a page goes when it holds no match: the kiosk's attract loop, else the Menu. */
  private home(): SceneKey {
    return this.kiosk ? SCENES.booth : SCENES.menu;
  }

  /**
   * The scene of a phase on this page. The kiosk starts its round at once: its short lobby
   * keeps the Booth scene's how-to on screen (no switch), and it has its own debrief.
   */
  private sceneFor(phase: string): SceneKey | undefined {
    // A level whose time ran out stays on screen: its LevelHud says so and offers a retry.
    if (this.level && phase === "debrief") return undefined;
    if (this.kiosk && phase === "lobby") return undefined;
    if (this.kiosk && phase === "debrief") return SCENES.boothDebrief;
    return sceneForPhase(phase);
  }

  private follow(view: MatchView): void {
    const scene = this.sceneFor(view.phase);
    const stage = stageOf(view);
    if (!scene || stage === this.stage) return;
    this.stage = stage;
    this.show(scene, true);
  }

  private detach(): void {
    for (const off of this.offs.splice(0)) off();
    this.stage = "";
  }

  /**
   * Shows one scene and stops every other; `fresh` rebuilds it even when it already runs (a
   * new round in the same phase). The switch happens at the start of the next game step,
   * never in the middle of a scene's update or of the input event that asked for it.
   */
  private show(key: SceneKey, fresh = false): void {
    const first = !this.pending;
    this.pending = { key, fresh: fresh || (this.pending?.key === key && this.pending.fresh) };
    if (first) this.game.events.once(PRE_STEP, () => this.switchNow());
  }

  private switchNow(): void {
    const next = this.pending;
    this.pending = undefined;
    if (!next) return;
    const scenes = this.game.scene;
    for (const s of scenes.getScenes(true)) if (s.scene.key !== next.key) scenes.stop(s.scene.key);
    if (next.fresh || !scenes.isActive(next.key)) scenes.start(next.key);
    if (next.key === SCENES.match && this.level) scenes.start(SCENES.levelHud);
  }
}

let current: Flow | undefined;

/** Creates the page's flow (main.ts, once). */
export function installFlow(game: Phaser.Game): Flow {
  current = new Flow(game);
  window.addEventListener("hashchange", () => current?.hashChanged());
  return current;
}

/** The page's flow. */
export function flow(): Flow {
  if (!current) throw new Error("installFlow(game) first");
  return current;
}
