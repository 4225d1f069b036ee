/**
 * The match connection: a thin wrapper over colyseus.js that creates, joins or resumes a
 * `match` room, turns its decoded state into a {@link MatchView}, forwards the server's
 * replies, keeps the seat's reconnection token for a reload, and reconnects by itself
 * (same seat) when the socket drops without the player leaving.
 */
import { Client, type Room } from "colyseus.js";
import type { Intent, IntentResult } from "../../../shared/sim";
import {
  ClientMessage,
  CloseCode,
  MATCH_ROOM,
  RECONNECT_SECONDS,
  ServerMessage,
  type CreateOptions,
  type ErrorPayload,
  type InjectPayload,
  type InjectResultPayload,
  type JoinOptions,
  type KubectlCompletionPayload,
  type KubectlResultPayload,
} from "../../../shared/protocol/messages";
import type { MatchState } from "../../../server/rooms/schema/MatchState";
import { EVENT_NOTICE, EventCloseCode } from "../../../shared/competition/messages";
import { normalizeCode } from "./matchCode";
import { clearResumeToken, saveResumeToken } from "./resumeToken";
import { toMatchView, type MatchView } from "./view";

/** Connection status, as the HUD shows it. */
export type NetStatus = "connected" | "reconnecting" | "reconnected" | "offline";

/** What the connection tells its listeners. */
export interface ConnectionEvents {
  state: (view: MatchView) => void;
  status: (status: NetStatus) => void;
  intentResult: (result: IntentResult) => void;
  injectResult: (result: InjectResultPayload) => void;
  error: (error: ErrorPayload) => void;
  kubectlResult: (result: KubectlResultPayload) => void;
  kubectlCompletion: (completion: KubectlCompletionPayload) => void;
}

/** The close code of a consented leave (the player pressed leave). */
const CONSENTED = 4000;
/** How long "Reconnected" shows before the status settles back to "connected". */
const RECONNECTED_MS = 3000;

/** Which servers `?server=` may name besides the page's own: hosts (`host:port`), and loopback ones or not. */
export interface ServerPolicy {
  allowed: readonly string[];
  loopback: boolean;
}

/** The build's policy: `VITE_SERVER_ALLOWLIST` at build time; loopback servers in the Vite dev server only. */
export const BUILD_SERVER_POLICY: ServerPolicy = {
  allowed: (import.meta.env.VITE_SERVER_ALLOWLIST ?? "")
    .split(",")
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean),
  loopback: import.meta.env.DEV === true,
};

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/;

/**
 * The server's WebSocket URL: the page's own origin (the match server serves the client).
 * `?server=ws://host:port` may point it elsewhere only within the same origin or to a server
 * the build allows (a Vite dev server next to the match server): a link cannot send a player
 * to a stranger's server.
 */
export function serverUrl(
  loc: { protocol: string; host: string; search: string } = location,
  policy: ServerPolicy = BUILD_SERVER_POLICY,
): string {
  const own = `${loc.protocol === "https:" ? "wss" : "ws"}://${loc.host}`;
  const override = new URLSearchParams(loc.search).get("server");
  if (!override) return own;
  let url: URL;
  try {
    url = new URL(override);
  } catch {
    return own;
  }
  const scheme = { "ws:": "ws", "wss:": "wss", "http:": "ws", "https:": "wss" }[url.protocol];
  const host = url.host.toLowerCase();
  const allowed =
    host === loc.host.toLowerCase() ||
    policy.allowed.includes(host) ||
    (policy.loopback && LOOPBACK.test(host));
  if (!scheme || !allowed || url.pathname.length > 1) {
    console.warn(`?server=${override} is not this page's server nor an allowed one: using ${own}`);
    return own;
  }
  return `${scheme}://${url.host}`;
}

/** One player's connection to one match. */
export class Connection {
  /** The colyseus.js client. */
  readonly client: Client;
  /** The current room (replaced after a reconnection). */
  room: Room<MatchState> | undefined;
  /** The latest view of the match (undefined until the first state arrives). */
  view: MatchView | undefined;
  /** Current connection status. */
  status: NetStatus = "connected";
  /** Every status so far, oldest first (the HUD shows the latest; tests read the path). */
  readonly history: NetStatus[] = ["connected"];
  /** The last reply to one of this player's intents. */
  lastIntentResult: IntentResult | undefined;
  /** The close code that ended the seat for good (over budget, team removed, event closed), if one did. */
  closeCode: number | undefined;
  /** How many intent replies arrived so far (tells a new reply from an old one of the same type). */
  intentResultCount = 0;
  private listeners: { [K in keyof ConnectionEvents]: Set<ConnectionEvents[K]> } = {
    state: new Set(),
    status: new Set(),
    intentResult: new Set(),
    injectResult: new Set(),
    error: new Set(),
    kubectlResult: new Set(),
    kubectlCompletion: new Set(),
  };
  private leaving = false;
  private settleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(url: string = serverUrl()) {
    this.client = new Client(url);
  }

  /** Creates a new match and joins it as its host. */
  async create(options: CreateOptions & JoinOptions): Promise<void> {
    this.attach(await this.client.create<MatchState>(MATCH_ROOM, options));
  }

  /** Joins a match by its code, typed in any case. */
  async join(code: string, options: JoinOptions): Promise<void> {
    this.attach(await this.client.joinById<MatchState>(normalizeCode(code), options));
  }

  /**
   * Quick play: a fresh match of this player's own with the given options, started at once
   * as its host (never somebody else's running match).
   */
  async quick(options: CreateOptions & JoinOptions): Promise<void> {
    await this.create(options);
    this.start();
  }

  /** Takes back a seat this tab held (after a reload), by its reconnection token. */
  async resume(token: string): Promise<void> {
    this.attach(await this.client.reconnect<MatchState>(token));
  }

  /** This player's session id (stable across reconnection). */
  get sessionId(): string {
    return this.room?.sessionId ?? "";
  }

  /** The match code others type to join (the room id). */
  get code(): string {
    return this.room?.roomId ?? "";
  }

  /** This player's role ("" when watching). */
  get role(): string {
    return this.view?.players.find((p) => p.id === this.sessionId)?.role ?? "";
  }

  /** Whether this player is the host. */
  get isHost(): boolean {
    return !!this.view && this.view.hostId === this.sessionId;
  }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof ConnectionEvents>(event: K, fn: ConnectionEvents[K]): () => void {
    this.listeners[event].add(fn);
    return () => this.listeners[event].delete(fn);
  }

  /** Sends an intent; its result arrives as an `intentResult` event. */
  sendIntent(intent: Intent): void {
    this.room?.send(ClientMessage.intent, intent);
  }

  /** Runs a kubectl line on the match's world (`stdin`: the YAML of `-f -`); the reply is a `kubectlResult` with this id. */
  kubectl(id: number, line: string, stdin?: string): void {
    this.room?.send(ClientMessage.kubectl, stdin === undefined ? { id, line } : { id, line, stdin });
  }

  /** Asks for the Tab completions of a kubectl line at `cursor`; the reply is a `kubectlCompletion` with this id. */
  completeKubectl(id: number, line: string, cursor: number): void {
    this.room?.send(ClientMessage.kubectlComplete, { id, line, cursor });
  }

  /** Takes a free role ("" to watch). */
  pickRole(role: string): void {
    this.room?.send(ClientMessage.pickRole, { role });
  }

  /** Host: starts the match. */
  start(): void {
    this.room?.send(ClientMessage.start, {});
  }

  /** Host: a fresh world with the same options, back to the lobby. */
  restart(): void {
    this.room?.send(ClientMessage.restart, {});
  }

  /** Host: injects chaos. */
  inject(payload: InjectPayload): void {
    this.room?.send(ClientMessage.inject, payload);
  }

  /** Leaves the match for good: no reconnection, and a reload starts from the Menu. */
  async leave(): Promise<void> {
    this.leaving = true;
    clearTimeout(this.settleTimer);
    clearResumeToken();
    for (const set of Object.values(this.listeners)) set.clear();
    // A room the server already closed has no socket to say goodbye on.
    if (this.closeCode === undefined) await this.room?.leave(true).catch(() => undefined);
    this.room = undefined;
  }

  /** Drops the socket without leaving (what flaky wifi does): the reconnection path runs. */
  dropForTest(): void {
    this.room?.connection.close();
  }

  protected emit<K extends keyof ConnectionEvents>(event: K, ...args: Parameters<ConnectionEvents[K]>): void {
    for (const fn of [...this.listeners[event]])
      (fn as (...a: Parameters<ConnectionEvents[K]>) => void)(...args);
  }

  private setStatus(status: NetStatus): void {
    this.status = status;
    this.history.push(status);
    this.emit("status", status);
  }

  private attach(room: Room<MatchState>): void {
    this.room = room;
    this.leaving = false;
    saveResumeToken(room.reconnectionToken);
    room.onStateChange((state) => {
      if (this.room !== room) return;
      this.view = toMatchView(state);
      this.emit("state", this.view);
    });
    room.onMessage(ServerMessage.intentResult, (r: IntentResult) => {
      this.lastIntentResult = r;
      this.intentResultCount += 1;
      this.emit("intentResult", r);
    });
    room.onMessage(ServerMessage.injectResult, (r: InjectResultPayload) => this.emit("injectResult", r));
    room.onMessage(ServerMessage.error, (e: ErrorPayload) => this.emit("error", e));
    room.onMessage(ServerMessage.kubectlResult, (r: KubectlResultPayload) => this.emit("kubectlResult", r));
    room.onMessage(ServerMessage.kubectlCompletion, (c: KubectlCompletionPayload) =>
      this.emit("kubectlCompletion", c),
    );
    // Said just before a competition closes the team (the close code tells the flow why).
    room.onMessage(EVENT_NOTICE, () => undefined);
    room.onLeave((code) => {
      if (this.leaving || code === CONSENTED || this.room !== room) return;
      // Closed for going over its budget, or its competition team removed or closed: the seat is gone, retrying could only fail.
      if (
        code === CloseCode.OVER_BUDGET ||
        code === EventCloseCode.TEAM_REMOVED ||
        code === EventCloseCode.EVENT_CLOSED
      ) {
        this.closeCode = code;
        clearResumeToken();
        return this.setStatus("offline");
      }
      void this.reconnect(room.reconnectionToken);
    });
  }

  /** Retries `client.reconnect(token)` with back-off for as long as the server keeps the seat. */
  private async reconnect(token: string): Promise<void> {
    this.setStatus("reconnecting");
    const deadline = Date.now() + RECONNECT_SECONDS * 1000;
    let delay = 250;
    while (Date.now() < deadline && !this.leaving) {
      try {
        const room = await this.client.reconnect<MatchState>(token);
        if (this.leaving) return void room.leave(true);
        this.attach(room);
        this.setStatus("reconnected");
        this.settleTimer = setTimeout(() => {
          if (this.status === "reconnected") this.setStatus("connected");
        }, RECONNECTED_MS);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 3000);
      }
    }
    if (this.leaving) return;
    clearResumeToken();
    this.setStatus("offline");
  }
}
