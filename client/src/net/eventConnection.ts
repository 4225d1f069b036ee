/**
 * The facilitator's connection to a competition (`event` room): creates the event or opens
 * it again by its code, keeps the roster merged by team, the latest board, and sends the
 * control messages with the facilitator key. The key arrives once (to the creator's page):
 * it is kept in this tab's sessionStorage so a reload of the console keeps control.
 */
import { Client, type Room } from "colyseus.js";
import type { ErrorPayload } from "../../../shared/protocol/messages";
import type { EventMove, EventPhase } from "../../../shared/competition";
import { mergeRoster } from "../../../shared/competition/roster";
import {
  EventMessage,
  type Board,
  type Control,
  type EventCreateOptions,
  type FacilitatorKey,
  type Roster,
  type RosterTeam,
  type TeamFound,
} from "../../../shared/competition/messages";
import { loadFacilitatorKey, saveFacilitatorKey } from "../event/facilitatorKey";
import { normalizeCode } from "./matchCode";
import { serverUrl } from "./connection";

/** The room name of a competition (server/rooms/EventRoom.ts EVENT_ROOM). */
export const EVENT_ROOM = "event";

/** What the connection tells its listeners. */
export interface EventConnectionEvents {
  /** Something changed: the roster, the board, the key. */
  change: () => void;
  /** A refusal of one of this page's messages. */
  error: (e: ErrorPayload) => void;
  /** The event room closed (the event ended for good, or the server went away). */
  closed: () => void;
  /** The answer to {@link EventConnection.findTeam}. */
  team: (t: TeamFound) => void;
}

/** One page's connection to one event. */
export class EventConnection {
  /** The colyseus.js client. */
  readonly client: Client;
  room: Room | undefined;
  /** The event code (the room id). */
  code = "";
  /** The facilitator key, when this tab holds it. */
  key: string | undefined;
  /** Whether the key arrived on this page's join (it has just been shown once). */
  keyJustShown = false;
  /** Teams in the event's order. */
  teams: RosterTeam[] = [];
  board: Board | undefined;
  /** The last refusal, for the console's status line. */
  lastError: ErrorPayload | undefined;
  private listeners: { [K in keyof EventConnectionEvents]: Set<EventConnectionEvents[K]> } = {
    change: new Set(),
    error: new Set(),
    closed: new Set(),
    team: new Set(),
  };
  private leaving = false;

  constructor(url: string = serverUrl()) {
    this.client = new Client(url);
  }

  /** Creates an event; its first page (this one) receives the facilitator key. */
  async create(options: EventCreateOptions): Promise<void> {
    this.attach(await this.client.create(EVENT_ROOM, options));
  }

  /** Opens an event by its code (a reload of the console keeps control when this tab kept the key). */
  async open(code: string, withKey = true): Promise<void> {
    const c = normalizeCode(code);
    this.key = withKey ? loadFacilitatorKey(c) : undefined;
    this.attach(await this.client.joinById(c, {}));
  }

  /**
   * A player's way into a team by the event code and the team's name: joins the event room
   * as a guest, asks for the team (open sign-up creates it) and leaves again. Resolves to
   * the team's code; rejects with the server's refusal.
   */
  static async findTeam(eventCode: string, teamName: string, url: string = serverUrl()): Promise<TeamFound> {
    const conn = new EventConnection(url);
    await conn.open(eventCode, false);
    try {
      return await new Promise<TeamFound>((resolve, reject) => {
        conn.on("team", resolve);
        conn.on("error", (e) => reject(Object.assign(new Error(e.message), { refusal: e })));
        conn.on("closed", () => reject(new Error("the event closed")));
        conn.room?.send(EventMessage.findTeam, { name: teamName });
      });
    } finally {
      await conn.leave();
    }
  }

  /** Whether this page may control the event. */
  get canControl(): boolean {
    return this.key !== undefined;
  }

  /** The event's phase (lobby until the first board). */
  get phase(): EventPhase {
    return this.board?.phase ?? "lobby";
  }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof EventConnectionEvents>(event: K, fn: EventConnectionEvents[K]): () => void {
    this.listeners[event].add(fn);
    return () => this.listeners[event].delete(fn);
  }

  /** Starts, pauses, resumes or ends every team. */
  move(move: EventMove): void {
    this.control({ kind: "move", move });
  }

  /** Injects chaos into every team (no `team`) or into one. */
  inject(type: string, target?: string, team?: string): void {
    this.control({
      kind: "inject",
      type,
      ...(target ? { target } : {}),
      ...(team ? { team } : {}),
    });
  }

  /** Adds a team (before the start). */
  addTeam(name: string): void {
    this.control({ kind: "addTeam", name });
  }

  /** Renames a team (before the start). */
  renameTeam(team: string, name: string): void {
    this.control({ kind: "renameTeam", team, name });
  }

  /** Removes a team (before the start): its players are sent back to the Menu. */
  removeTeam(team: string): void {
    this.control({ kind: "removeTeam", team });
  }

  /** Sends a control action with the key (the server refuses it without). */
  control(action: Control): void {
    this.room?.send(EventMessage.control, { key: this.key ?? "", ...action });
  }

  /** Closes this page's connection (the event goes on). */
  async leave(): Promise<void> {
    this.leaving = true;
    for (const set of Object.values(this.listeners)) set.clear();
    await this.room?.leave(true).catch(() => undefined);
    this.room = undefined;
  }

  private emit<K extends keyof EventConnectionEvents>(
    event: K,
    ...args: Parameters<EventConnectionEvents[K]>
  ): void {
    for (const fn of [...this.listeners[event]])
      (fn as (...a: Parameters<EventConnectionEvents[K]>) => void)(...args);
  }

  private attach(room: Room): void {
    this.room = room;
    this.code = room.roomId;
    room.onMessage(EventMessage.facilitator, (m: FacilitatorKey) => {
      this.key = m.key;
      this.keyJustShown = true;
      saveFacilitatorKey(m.code, m.key);
      this.emit("change");
    });
    room.onMessage(EventMessage.roster, (r: Roster) => {
      // Changed entries leave out unchanged people and warnings: merge, not replace.
      this.teams = mergeRoster(this.teams, r);
      this.emit("change");
    });
    room.onMessage(EventMessage.board, (b: Board) => {
      this.board = b;
      this.emit("change");
    });
    room.onMessage(EventMessage.error, (e: ErrorPayload) => {
      this.lastError = e;
      this.emit("error", e);
    });
    room.onMessage(EventMessage.team, (t: TeamFound) => this.emit("team", t));
    // Messages this page does not use (the board's history) are not errors.
    room.onMessage("*", () => undefined);
    room.onLeave(() => {
      if (!this.leaving) this.emit("closed");
    });
  }
}
