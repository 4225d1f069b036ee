/**
 * A competition's room: the facilitator's console and the public board. It owns the
 * event's clock — one publish per server tick on the event's presence channel drives every
 * team — creates the teams (match rooms with the event's options and one seed), checks the
 * facilitator key on every control message, and sends everyone the ranked board once a
 * second. Teams are reached only through presence (eventTeam.ts), never by reference.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { Room, ServerError, matchMaker, type Client, type ClientPrivate } from "@colyseus/core";
import { resolveMatchOptions, type Refusal } from "../../shared/match";
import { CloseCode, ErrorCode, MATCH_ROOM, quote } from "../../shared/protocol";
import { ConnectionGuard } from "./guard";
import {
  NOT_FACILITATOR,
  TEAM_LIMITS,
  toBoardRow,
  type BoardRow,
  acceptsInjections,
  moveEvent,
  rankTeams,
  validateControl,
  validateEventOptions,
  type EventPhase,
} from "../../shared/competition";
import { uniqueRoomCode } from "./roomCode";
import { TICK_MS } from "./MatchRoom";
import { eventChannel, statusChannel, type EventSignal, type TeamStatus } from "./eventTeam";

/** The room name of a competition (`client.create(EVENT_ROOM, …)`). */
export const EVENT_ROOM = "event";
/** Seconds an event lives with no page open and nobody connected in any team before it closes with its teams. */
export const EVENT_IDLE_SECONDS = 300;
/** Server ticks between two board messages (once a game-clock second). */
export const BOARD_EVERY_TICKS = 10;

/** The board everyone in the event room receives once a second (`board` message): standings only, to stay small. */
export interface Board {
  code: string;
  name: string;
  phase: EventPhase;
  serverTick: number;
  /** Ranked rows of {@link BOARD_COLUMNS} (fromBoardRow unpacks one). */
  rows: BoardRow[];
}

/** One team's roster entry: its name, players, first running tick and chaos seen. */
export type RosterTeam = Pick<TeamStatus, "teamId" | "name" | "players" | "chaos" | "firstRunningTick">;

/**
 * Who is in each team and the chaos each has seen (`roster` message): every team to a page
 * that joins, then only the teams whose entry changed (merge by `teamId`).
 */
export interface Roster {
  teams: RosterTeam[];
}

/** The competition room. */
export class EventRoom extends Room {
  private key = Buffer.alloc(0);
  private keyShown = false;
  private name = "";
  private phase: EventPhase = "lobby";
  /** Server ticks since the event was created: the one clock of every team. */
  serverTick = 0;
  /** Server ticks in a row with no page open and nobody connected in any team. */
  private idleTicks = 0;
  private readonly teams = new Map<string, TeamStatus>();
  private readonly onStatus = (s: TeamStatus) => this.teams.set(s.teamId, s);
  /** The match rooms' connection guard: budget and strict frames before anything decodes them. */
  private readonly guard = new ConnectionGuard(
    this,
    (_client, type, msg) =>
      type === "control"
        ? this.control(msg)
        : refusal(ErrorCode.UNKNOWN_MESSAGE, `unknown message type "${quote(type)}"`),
    () => this.publishBoard(),
  );
  /** Each team's roster entry as last broadcast (JSON), to send only what changed. */
  private readonly rosterSent = new Map<string, string>();

  /** Validates the options, creates the teams with one seed and starts the event's clock. */
  override async onCreate(raw: unknown): Promise<void> {
    const v = validateEventOptions(raw);
    if (!v.ok) throw new ServerError(CloseCode.JOIN_REFUSED, `${v.error.code}: ${v.error.message}`);
    const { name: _n, teams: _t, ...rest } = raw as Record<string, unknown>;
    const m = resolveMatchOptions(rest, () => Math.floor(Math.random() * 0x7fffffff));
    if (!m.ok) throw new ServerError(CloseCode.JOIN_REFUSED, `${m.error.code}: ${m.error.message}`);
    this.name = v.value.name;
    this.key = randomBytes(18);
    this.roomId = await uniqueRoomCode();
    this.autoDispose = false;
    // In-process presence is one EventEmitter: every team listens on the event's channel by design.
    (
      this.presence as { subscriptions?: { setMaxListeners(n: number): void } }
    ).subscriptions?.setMaxListeners(TEAM_LIMITS.max + 10);
    await this.presence.subscribe(statusChannel(this.roomId), this.onStatus);
    for (let i = 1; i <= v.value.teams; i++)
      await matchMaker.createRoom(MATCH_ROOM, { ...m.value, eventCode: this.roomId, teamName: `Team ${i}` });
    const manual = process.env.NODE_ENV === "test" && (raw as { manualClock?: unknown }).manualClock === true;
    if (!manual) this.setSimulationInterval(() => this.tick(), TICK_MS);
  }

  /** Every frame passes the connection guard before Colyseus sees it. */
  protected override _onMessage(client: Client & ClientPrivate, frame: Buffer): void {
    if (this.guard.onFrame(client, frame)) super._onMessage(client, frame);
  }

  /** The first page in (the creator) is shown the facilitator key, once; everyone else sees the board. */
  override onJoin(client: Client): void {
    if (!this.keyShown) {
      this.keyShown = true;
      client.send("facilitator", { key: this.key.toString("base64url"), code: this.roomId });
    }
    client.send("roster", this.roster());
    client.send("board", this.board());
  }

  /** Tells the teams the event is gone. */
  override async onDispose(): Promise<void> {
    this.signal({ kind: "dispose" });
    this.presence.unsubscribe(statusChannel(this.roomId), this.onStatus);
  }

  /** One server tick: every team steps (or not, when paused) on this publish. */
  tick(): void {
    this.serverTick++;
    this.signal({ kind: "tick", serverTick: this.serverTick });
    if (this.serverTick % BOARD_EVERY_TICKS === 0) this.publishBoard();
    const anyone =
      this.clients.length > 0 || [...this.teams.values()].some((t) => t.players.some((p) => p.connected));
    this.idleTicks = anyone ? 0 : this.idleTicks + 1;
    // Not kept alive by its players (autoDispose is off), so an abandoned event must close itself.
    if (this.idleTicks === EVENT_IDLE_SECONDS * BOARD_EVERY_TICKS) void this.disconnect();
  }

  /** The ranked board. */
  board(): Board {
    const ranked = rankTeams([...this.teams.values()]).map((t) =>
      toBoardRow({ ...t, phase: t.phase as EventPhase }),
    );
    return {
      code: this.roomId,
      name: this.name,
      phase: this.phase,
      serverTick: this.serverTick,
      rows: ranked,
    };
  }

  /** Every team's roster entry, in team order. */
  roster(): Roster {
    return {
      teams: [...this.teams.values()].map(({ teamId, name, players, chaos, firstRunningTick }) => ({
        teamId,
        name,
        players,
        chaos,
        firstRunningTick,
      })),
    };
  }

  /** Sends the board to everyone, after the roster entries that changed since last sent. */
  private publishBoard(): void {
    const changed = this.roster().teams.filter((t) => {
      const sig = JSON.stringify(t);
      if (this.rosterSent.get(t.teamId) === sig) return false;
      this.rosterSent.set(t.teamId, sig);
      return true;
    });
    if (changed.length > 0) this.broadcast("roster", { teams: changed } satisfies Roster);
    this.broadcast("board", this.board());
  }

  private signal(s: EventSignal): void {
    void this.presence.publish(eventChannel(this.roomId), s);
  }

  /** A control message: refused with a reason (changing nothing) unless it carries the key and fits the phase. */
  private control(msg: unknown): Refusal | undefined {
    const key = (msg as { key?: unknown } | null)?.key;
    const given = typeof key === "string" ? Buffer.from(key, "base64url") : Buffer.alloc(0);
    if (given.length !== this.key.length || !timingSafeEqual(given, this.key))
      return refusal(NOT_FACILITATOR, "control needs the facilitator key");
    const { key: _k, ...rest } = msg as Record<string, unknown>;
    const c = validateControl(rest);
    if (!c.ok) return { error: c.error };
    if (c.value.kind === "move") {
      const next = moveEvent(this.phase, c.value.move);
      if (!next.ok) return refusal(ErrorCode.WRONG_PHASE, next.reason);
      this.phase = next.phase;
      this.signal({ kind: "move", move: c.value.move });
    } else {
      if (!acceptsInjections(this.phase))
        return refusal(ErrorCode.WRONG_PHASE, `cannot inject while ${this.phase}`);
      if (c.value.team !== undefined && !this.teams.has(c.value.team))
        return refusal(ErrorCode.BAD_PAYLOAD, `no team "${c.value.team}" in this event`);
      this.signal(c.value);
    }
    return undefined;
  }
}

/** A refusal of a control message, answered to its sender only. */
function refusal(code: string, message: string): Refusal {
  return { error: { code, message, ref: "control" } };
}
