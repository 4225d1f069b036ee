/**
 * A competition's room: the facilitator's console, the players' team finder and the public
 * board. It owns the event's clock — one publish per server tick on the event's presence
 * channel drives every team — creates the teams (match rooms with the event's options and
 * one seed), and sends everyone the ranked board once a second. Teams are reached only
 * through presence (eventTeam.ts), never by reference; the teams' roster is eventRoster.ts,
 * the chart's memory eventHistory.ts, the handling of messages eventControl.ts.
 */
import { randomBytes } from "node:crypto";
import { Room, ServerError, matchMaker, type Client, type ClientPrivate } from "@colyseus/core";
import { resolveMatchOptions, type MatchOptions } from "../../shared/match";
import { CloseCode, ErrorCode, MATCH_ROOM, quote, type ErrorPayload } from "../../shared/protocol";
import { ConnectionGuard } from "./guard";
import {
  EventMessage,
  TEAM_LIMITS,
  allTeamsEnded,
  toBoardRow,
  rankTeams,
  validateEventOptions,
  type Board,
  type EventPhase,
  type History,
} from "../../shared/competition";
import { uniqueRoomCode } from "./roomCode";
import { TICK_MS } from "./MatchRoom";
import { eventChannel, statusChannel, type EventSignal, type TeamStatus } from "./eventTeam";
import { EventTeams } from "./eventRoster";
import { EventHistory } from "./eventHistory";
import { control, findTeam, refusal, type EventContext } from "./eventControl";
import { recordEvent } from "./eventRecorder";

export type { Board, Roster, RosterTeam } from "../../shared/competition";

/** The room name of a competition (`client.create(EVENT_ROOM, …)`). */
export const EVENT_ROOM = "event";
/** Seconds an event lives with no page open and nobody connected in any team before it closes with its teams. */
export const EVENT_IDLE_SECONDS = 300;
/** Server ticks between two board messages (once a game-clock second). */
export const BOARD_EVERY_TICKS = 10;

/** The competition room. */
export class EventRoom extends Room implements EventContext {
  key = Buffer.alloc(0);
  private keyShown = false;
  private name = "";
  phase: EventPhase = "lobby";
  signup = false;
  private matchOptions!: MatchOptions;
  /** Server ticks since the event was created: the one clock of every team. */
  serverTick = 0;
  /** Server ticks in a row with no page open and nobody connected in any team. */
  private idleTicks = 0;
  readonly teams = new EventTeams();
  private readonly history = new EventHistory();
  private readonly onStatus = (s: TeamStatus) => {
    const status = this.teams.onStatus(s);
    if (!status) return;
    this.history.record(status);
    // Clocks that ran out end the event without an "end all": the board and console say so.
    if (
      allTeamsEnded(
        this.phase,
        this.teams.statuses().map((t) => t.phase),
      )
    ) {
      this.phase = "ended";
      this.publishBoard();
    }
  };
  /** The match rooms' connection guard: budget and strict frames before anything decodes them. */
  private readonly guard = new ConnectionGuard(
    this,
    (client, type, msg) =>
      type === EventMessage.control
        ? control(this, client, msg)
        : type === EventMessage.findTeam
          ? findTeam(this, client, msg)
          : refusal(ErrorCode.UNKNOWN_MESSAGE, `unknown message type "${quote(type)}"`, quote(type)),
    () => this.publishBoard(),
  );

  /** Validates the options, creates the teams with one seed and starts the event's clock. */
  override async onCreate(raw: unknown): Promise<void> {
    const v = validateEventOptions(raw);
    if (!v.ok) throw new ServerError(CloseCode.JOIN_REFUSED, `${v.error.code}: ${v.error.message}`);
    const { name: _n, teams: _t, ...rest } = raw as Record<string, unknown>;
    const m = resolveMatchOptions(rest, () => Math.floor(Math.random() * 0x7fffffff));
    if (!m.ok) throw new ServerError(CloseCode.JOIN_REFUSED, `${m.error.code}: ${m.error.message}`);
    this.name = v.value.name;
    this.signup = v.value.signup;
    this.matchOptions = m.value;
    this.key = randomBytes(18);
    this.roomId = await uniqueRoomCode();
    this.autoDispose = false;
    // In-process presence is one EventEmitter: every team listens on the event's channel by design.
    (
      this.presence as { subscriptions?: { setMaxListeners(n: number): void } }
    ).subscriptions?.setMaxListeners(TEAM_LIMITS.max + 10);
    await this.presence.subscribe(statusChannel(this.roomId), this.onStatus);
    // Stored as it runs (teams, moves, each team's match), so its debrief outlives the room.
    recordEvent(this.presence, { code: this.roomId, name: this.name, options: m.value });
    for (let i = 1; i <= v.value.teams; i++) {
      const name = `Team ${i}`;
      await this.teams.create(name, () => this.createTeam(name));
    }
    const manual = process.env.NODE_ENV === "test" && (raw as { manualClock?: unknown }).manualClock === true;
    if (!manual) this.setSimulationInterval(() => this.tick(), TICK_MS);
  }

  /** Creates a team: a match room with the event's options and seed, on the event's clock. */
  async createTeam(name: string): Promise<string> {
    const room = await matchMaker.createRoom(MATCH_ROOM, {
      ...this.matchOptions,
      eventCode: this.roomId,
      teamName: name,
    });
    return room.roomId;
  }

  /** Every frame passes the connection guard before Colyseus sees it. */
  protected override _onMessage(client: Client & ClientPrivate, frame: Buffer): void {
    if (this.guard.onFrame(client, frame)) super._onMessage(client, frame);
  }

  /** The first page in (the creator) is shown the facilitator key, once; every page gets the roster, board and chart. */
  override onJoin(client: Client): void {
    if (!this.keyShown) {
      this.keyShown = true;
      client.send(EventMessage.facilitator, { key: this.key.toString("base64url"), code: this.roomId });
    }
    client.send(EventMessage.roster, this.teams.roster());
    client.send(EventMessage.board, this.board());
    client.send(EventMessage.history, this.chart());
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
      this.clients.length > 0 || this.teams.statuses().some((t) => t.players.some((p) => p.connected));
    this.idleTicks = anyone ? 0 : this.idleTicks + 1;
    // Not kept alive by its players (autoDispose is off), so an abandoned event must close itself.
    if (this.idleTicks === EVENT_IDLE_SECONDS * BOARD_EVERY_TICKS) void this.disconnect();
  }

  /** The ranked board. */
  board(): Board {
    const ranked = rankTeams(this.teams.statuses()).map((t) =>
      toBoardRow({ ...t, phase: t.phase as EventPhase, second: this.history.last(t.teamId) }),
    );
    return {
      code: this.roomId,
      name: this.name,
      phase: this.phase,
      serverTick: this.serverTick,
      rows: ranked,
    };
  }

  /** The chart so far (`history`). */
  chart(): History {
    return this.history.message(this.serverTick, this.matchOptions.durationSeconds, this.teams.statuses());
  }

  /** Forgets a removed team's chart. */
  dropHistory(teamId: string): void {
    this.history.drop(teamId);
  }

  /** Answers a refusal through the guard (coalesced like any). */
  refuseLater(client: Client, error: ErrorPayload): void {
    this.guard.refuse(client, error);
  }

  /** Sends the board to everyone, after the roster entries that changed since last sent. */
  private publishBoard(): void {
    const changed = this.teams.changes();
    if (changed) this.broadcast(EventMessage.roster, changed);
    this.broadcast(EventMessage.board, this.board());
  }

  /** Publishes on the event's channel: every team hears it, in order. */
  signal(s: EventSignal): void {
    void this.presence.publish(eventChannel(this.roomId), s);
  }
}
