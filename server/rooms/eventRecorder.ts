/**
 * Records a competition in the results store as it runs, so its board and debrief outlive
 * the event room: the event when it is created, its teams as they report (added, renamed,
 * removed before the start) and the facilitator's clock moves; each team links its stored
 * match itself (teamMatchLink.ts). It listens on the event's presence channels like a team
 * does, never holding a room by reference.
 */
import { logger, type Presence } from "@colyseus/core";
import type { MatchOptions } from "../../shared/match";
import { allTeamsEnded, moveEvent, type EventPhase } from "../../shared/competition";
import { resultsStore } from "../results/service";
import { newMatchId, type EventTeamRecord, type ResultsStore } from "../store";
import { eventChannel, statusChannel, type EventSignal, type TeamStatus } from "./eventTeam";

/** What is known of a new event. */
export interface RecordedEvent {
  code: string;
  name: string;
  options: MatchOptions;
}

/**
 * Starts recording the event `code` (call once its code and options are known, before its
 * teams are created). Nothing is recorded while the results store is not open.
 */
export function recordEvent(
  presence: Presence,
  event: RecordedEvent,
  store: () => ResultsStore | undefined = resultsStore,
  now: () => number = Date.now,
): void {
  const s = store();
  if (s) void new EventRecorder(presence, event, s, now).listen();
}

/** One event being recorded. */
class EventRecorder {
  private readonly id = newMatchId();
  private readonly teams: (EventTeamRecord & { phase: string })[] = [];
  private readonly removed = new Set<string>();
  private phase: EventPhase = "lobby";
  private readonly onStatus = (s: TeamStatus) => this.status(s);
  private readonly onSignal = (s: EventSignal) => this.signal(s);

  constructor(
    private readonly presence: Presence,
    private readonly event: RecordedEvent,
    private readonly store: ResultsStore,
    private readonly now: () => number,
  ) {}

  async listen(): Promise<void> {
    this.guard(
      this.store.beginEvent({
        id: this.id,
        code: this.event.code,
        name: this.event.name,
        options: this.event.options,
        createdAt: this.now(),
        teams: [],
      }),
      "begin",
    );
    await this.presence.subscribe(statusChannel(this.event.code), this.onStatus);
    await this.presence.subscribe(eventChannel(this.event.code), this.onSignal);
  }

  /** A team's report: a new team or a new name is stored; when every team's game is over, so is the event. */
  private status(s: TeamStatus): void {
    if (this.removed.has(s.teamId)) return;
    const known = this.teams.find((t) => t.teamId === s.teamId);
    if (!known) this.teams.push({ teamId: s.teamId, name: s.name, phase: s.phase });
    else known.phase = s.phase;
    if (!known || known.name !== s.name) {
      if (known) known.name = s.name;
      this.saveTeams();
    }
    // Teams whose clock ran out end without an "end all": the event is over when they all are.
    if (
      allTeamsEnded(
        this.phase,
        this.teams.map((t) => t.phase),
      )
    )
      this.moved("ended");
  }

  private signal(s: EventSignal): void {
    if (s.kind === "move") {
      const next = moveEvent(this.phase, s.move);
      if (next.ok) this.moved(next.phase);
    } else if (s.kind === "rename") {
      const t = this.teams.find((x) => x.teamId === s.team);
      if (t && t.name !== s.name) {
        t.name = s.name;
        this.saveTeams();
      }
    } else if (s.kind === "remove") {
      this.removed.add(s.team);
      const at = this.teams.findIndex((x) => x.teamId === s.team);
      if (at >= 0) {
        this.teams.splice(at, 1);
        this.saveTeams();
      }
    } else if (s.kind === "dispose") {
      this.presence.unsubscribe(statusChannel(this.event.code), this.onStatus);
      this.presence.unsubscribe(eventChannel(this.event.code), this.onSignal);
    }
  }

  private moved(phase: EventPhase): void {
    this.phase = phase;
    this.guard(this.store.moveEvent(this.id, phase, this.now()), `record ${phase} of`);
  }

  private saveTeams(): void {
    const teams = this.teams.map(({ teamId, name }) => ({ teamId, name }));
    this.guard(this.store.setEventTeams(this.id, teams), "store the teams of");
  }

  /** A failed write is logged; the event goes on (results are never worth a stalled room). */
  private guard(p: Promise<void>, what: string): void {
    p.catch((e: unknown) => logger.error(`[results] could not ${what} event ${this.event.code}`, e));
  }
}
