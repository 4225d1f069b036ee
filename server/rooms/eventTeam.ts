/**
 * A match room serving as one team of a competition. It does not run its own timer: the
 * event's clock publishes every server tick on the event's presence channel, and the
 * facilitator's moves and injections travel the same channel, so every team applies a
 * move before the same next tick (presence keeps a channel's order, locally and over
 * Redis) — that is what makes "start all" land on one server tick. The team reports its
 * status back on the event's status channel. No in-process references: a team may live
 * on another process.
 */
import { scoreOf, type World } from "../../shared/sim";
import {
  completeSeconds,
  EVENT_NOTICE,
  EventCloseCode,
  TeamClock,
  rosterPlayers,
  teamWarnings,
  type EventMove,
  type EventNotice,
  type RosterPlayer,
  type TeamWarning,
} from "../../shared/competition";
import type { MatchRoom } from "./MatchRoom";
import { recordTeamMatch } from "./teamMatchLink";

/** The presence channel an event publishes its clock and controls on. */
export const eventChannel = (code: string) => `event:${code}`;
/** The presence channel teams report their status on. */
export const statusChannel = (code: string) => `event:${code}:status`;

/** What travels on {@link eventChannel}. */
export type EventSignal =
  | { kind: "tick"; serverTick: number }
  | { kind: "move"; move: EventMove }
  | { kind: "inject"; type: string; target?: string; team?: string }
  | { kind: "rename"; team: string; name: string }
  | { kind: "remove"; team: string }
  | { kind: "dispose" };

/** One team's report on {@link statusChannel}. */
export interface TeamStatus {
  teamId: string;
  name: string;
  phase: string;
  /** Game seconds and world tick. */
  time: number;
  tick: number;
  /** The server tick of the team's first running tick, null before it. */
  firstRunningTick: number | null;
  /** People (bots are not players), with their roles and whether connected. */
  players: RosterPlayer[];
  warnings: TeamWarning[];
  availability: number;
  /** Availability of game seconds `[secondsFrom, secondsFrom + seconds.length)`, those complete since the last report. */
  secondsFrom: number;
  seconds: number[];
  errorBudgetRemaining: number;
  mttrSeconds: number | null;
  openIncidents: number;
  actions: number;
  chaos: { at: number; type: string; target?: string; source: string }[];
}

/**
 * Makes `room` a team when its options name an event (`eventCode`); returns whether the
 * room keeps its own timer (false for a team, whose clock is the event's; false for a
 * test's manual clock).
 */
export function ownsClock(room: MatchRoom, raw: unknown): boolean {
  const o = (raw ?? {}) as { eventCode?: unknown; teamName?: unknown; manualClock?: unknown };
  if (typeof o.eventCode === "string") {
    const name = typeof o.teamName === "string" ? o.teamName : room.roomId;
    new EventTeam(room, o.eventCode, name).listen();
    return false;
  }
  return !(process.env.NODE_ENV === "test" && o.manualClock === true);
}

/** The team side of an event: applies signals to the match and reports status. */
class EventTeam {
  private readonly clock: TeamClock;
  private firstRunningTick: number | null = null;
  /** Game seconds already reported (a report carries the complete seconds after them). */
  private reportedSeconds = 0;

  constructor(
    private readonly room: MatchRoom,
    private readonly code: string,
    private name: string,
  ) {
    const match = room.match;
    this.clock = new TeamClock({
      get phase() {
        return match.phase;
      },
      start: () => match.start(),
      end: () => match.end(),
      tick: () => {
        room.tickOnce();
        return { deliveries: [], ended: match.phase === "debrief" };
      },
    });
  }

  /** Subscribes to the event; the team lives as long as the event, not as long as its players. */
  listen(): void {
    this.room.autoDispose = false;
    this.room.match.facilitated = true;
    this.room.state.teamName = this.name;
    // Joined by its team code only: a team is not listed in the public lobby.
    void this.room.setPrivate(true);
    const onSignal = (s: EventSignal) => this.onSignal(s);
    void this.room.presence.subscribe(eventChannel(this.code), onSignal);
    this.room._events.on("dispose", () => this.room.presence.unsubscribe(eventChannel(this.code), onSignal));
    this.report();
  }

  private onSignal(s: EventSignal): void {
    if (s.kind === "tick") {
      const before = this.room.match.world.tick;
      this.clock.tick();
      if (this.firstRunningTick === null && this.room.match.world.tick > before) {
        this.firstRunningTick = s.serverTick;
        recordTeamMatch(this.code, this.room.roomId, this.room.match.recorder.matchId);
      }
      if (s.serverTick % 10 === 0) this.report();
    } else if (s.kind === "move") {
      this.clock.apply(s.move);
      // The team page says why its clock stands still.
      this.room.state.paused = this.clock.phase === "paused";
      this.report();
    } else if (s.kind === "inject") {
      if (s.team === undefined || s.team === this.room.roomId)
        this.room.match.inject("facilitator", s.type, s.target);
    } else if (s.kind === "rename") {
      if (s.team !== this.room.roomId) return;
      this.name = s.name;
      this.room.state.teamName = s.name;
      this.report();
    } else if (s.kind === "remove") {
      if (s.team === this.room.roomId) this.close("TEAM_REMOVED", "the facilitator removed this team");
    } else if (s.kind === "dispose") {
      this.close("EVENT_CLOSED", "the competition is over: its room closed");
    }
  }

  /** Tells the team's pages why, then closes the room with that close code. */
  private close(code: EventNotice["code"], message: string): void {
    this.room.broadcast(EVENT_NOTICE, { code, message } satisfies EventNotice);
    void this.room.disconnect(EventCloseCode[code]);
  }

  /** The complete game seconds since the last report (all of them again after a new round). */
  private newSeconds(world: World): Pick<TeamStatus, "secondsFrom" | "seconds"> {
    if (Math.floor(world.time + 1e-6) < this.reportedSeconds) this.reportedSeconds = 0;
    const out = completeSeconds(world, this.reportedSeconds);
    this.reportedSeconds = out.secondsFrom + out.seconds.length;
    return out;
  }

  /** Publishes this team's status (about once a second, and on every move). */
  report(): void {
    const m = this.room.match;
    const score = scoreOf(m.world, { windowSeconds: m.options.durationSeconds });
    const players = rosterPlayers(m.seats.all().filter((s) => !s.isBot));
    const status: TeamStatus = {
      teamId: this.room.roomId,
      name: this.name,
      phase: this.clock.phase,
      time: m.world.time,
      tick: m.world.tick,
      firstRunningTick: this.firstRunningTick,
      players,
      warnings: teamWarnings(players, (r) => m.roles.unheldMode(r)),
      availability: Math.round(score.availability.overall * 1e6) / 1e6,
      ...this.newSeconds(m.world),
      errorBudgetRemaining: Math.round(score.slo.errorBudget.remaining * 1e6) / 1e6,
      mttrSeconds: score.mttrSeconds,
      openIncidents: score.openIncidents,
      actions: score.actions.total,
      chaos: m.world.chaos.fired
        .filter((e) => !e.skipped)
        .map((e) => ({
          at: e.at,
          type: e.type,
          ...(e.target ? { target: e.target } : {}),
          source: e.source,
        })),
    };
    void this.room.presence.publish(statusChannel(this.code), status);
  }
}
