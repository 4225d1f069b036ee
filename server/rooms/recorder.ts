/**
 * Records a room's rounds in the results store as they are played: each round (a Play
 * again is a new one) is a stored match, begun on its first running tick; its match log is
 * appended at most once per game second, in one transaction with the round's last tick;
 * the result is written in the very tick that ends the round — before the room projects
 * the debrief for any client. A round cut short (restart mid-round, room disposed) is
 * closed as interrupted with the score it had.
 */
import { logger } from "@colyseus/core";
import { TICKS_PER_SECOND, stateHash, type World } from "../../shared/sim";
import type { EventEmitter } from "node:events";
import { Match, type MatchLog, type MatchOptions, type MatchTick } from "../../shared/match";
import { playersOf, resultOf } from "../results/records";
import { resultsStore } from "../results/service";
import { newMatchId, type ResultsStore } from "../store";

/** The round being recorded. */
interface Recording {
  id: string;
  round: number;
  /** The round's own world and log: a restart replaces the match's, not these. */
  world: World;
  log: MatchLog;
  /** How many of `log.ticks` are stored. */
  written: number;
  /** The world tick of the last write. */
  flushedTick: number;
  /** The match's seat version when the seats were last stored. */
  seatsVersion: number;
  closed: boolean;
}

/** Records one room's match. */
export class Recorder {
  private rec: Recording | undefined;

  /**
   * `store` is read at each use (undefined: nothing is recorded); `code` is the room's
   * join code; `now` the wall clock (ms).
   */
  constructor(
    private readonly store: () => ResultsStore | undefined,
    private readonly match: () => Match,
    private readonly code: () => string,
    private readonly now: () => number = Date.now,
  ) {}

  /** The stored id of the round being (or last) recorded. */
  get matchId(): string | undefined {
    return this.rec?.id;
  }

  /** Call right after each tick of the match. */
  afterTick(): void {
    const store = this.store();
    const m = this.match();
    if (!store) return;
    if (this.rec && this.rec.round !== m.round) this.interrupt(store);
    if (m.phase === "lobby") return;
    const rec = this.rec && this.rec.round === m.round ? this.rec : this.begin(store, m);
    if (rec.closed) return;
    if (m.phase === "debrief") this.finish(store, m, rec);
    else if (rec.world.tick - rec.flushedTick >= TICKS_PER_SECOND) this.flush(store, rec, m);
  }

  /** The room is going away: a round still running is closed as interrupted. */
  dispose(): void {
    const store = this.store();
    if (store && this.rec && !this.rec.closed) this.interrupt(store);
  }

  private begin(store: ResultsStore, m: Match): Recording {
    const rec: Recording = {
      id: newMatchId(),
      round: m.round,
      world: m.world,
      log: m.log,
      written: 0,
      flushedTick: 0,
      seatsVersion: m.version,
      closed: false,
    };
    this.rec = rec;
    this.guard(
      store.beginMatch({
        id: rec.id,
        code: this.code(),
        round: m.round,
        options: m.options,
        startedAt: this.now(),
        players: playersOf(m.seats.all(), rec.world),
      }),
      rec,
      "begin",
    );
    return rec;
  }

  /** Appends the log entries not yet stored, with the round's last tick (and seats, if changed). */
  private flush(store: ResultsStore, rec: Recording, m: Match): void {
    const fresh = rec.log.ticks.slice(rec.written);
    const seatsChanged = m.round === rec.round && m.version !== rec.seatsVersion;
    const players = seatsChanged ? playersOf(m.seats.all(), rec.world) : undefined;
    rec.written = rec.log.ticks.length;
    rec.flushedTick = rec.world.tick;
    if (seatsChanged) rec.seatsVersion = m.version;
    this.guard(store.appendLog(rec.id, fresh, rec.world.tick, players), rec, "append to");
  }

  private finish(store: ResultsStore, m: Match, rec: Recording): void {
    this.flush(store, rec, m);
    rec.closed = true;
    this.guard(
      store.finishMatch(rec.id, {
        endedAt: this.now(),
        lastTick: rec.world.tick,
        stateHash: rec.log.end?.stateHash ?? stateHash(rec.world),
        players: playersOf(m.seats.all(), rec.world),
        result: resultOf(rec.world, m.options.durationSeconds, false),
      }),
      rec,
      "finish",
    );
  }

  private interrupt(store: ResultsStore): void {
    const rec = this.rec;
    if (!rec || rec.closed) return;
    const m = this.match();
    this.flush(store, rec, m);
    rec.closed = true;
    this.guard(
      store.interruptMatch(rec.id, {
        lastTick: rec.world.tick,
        players: playersOf(m.seats.all(), rec.world),
        result: resultOf(rec.world, m.options.durationSeconds, true),
      }),
      rec,
      "interrupt",
    );
  }

  /** A failed write is logged; the match goes on (results are never worth a stalled room). */
  private guard(p: Promise<void>, rec: Recording, what: string): void {
    p.catch((e: unknown) =>
      logger.error(`[results] could not ${what} match ${rec.id} (room ${this.code()})`, e),
    );
  }
}

/** What a recorded match needs of its room: its code, and the event that says it is going away. */
export interface RecordedRoom {
  roomId: string;
  _events: Pick<EventEmitter, "on">;
}

/**
 * A match whose rounds are stored as they are played: each tick is followed by the
 * recorder, and the room's disposal closes a round still running.
 */
export class RecordedMatch extends Match {
  /** This match's recorder (its `matchId` is the stored round's id). */
  readonly recorder: Recorder;

  constructor(
    options: MatchOptions,
    room: RecordedRoom,
    store: () => ResultsStore | undefined = resultsStore,
  ) {
    super(options);
    this.recorder = new Recorder(
      store,
      () => this,
      () => room.roomId,
    );
    room._events.on("dispose", () => this.recorder.dispose());
  }

  /** One tick, then its recording (the round's result is stored before this returns). */
  override tick(): MatchTick {
    const out = super.tick();
    this.recorder.afterTick();
    return out;
  }

  /**
   * Ends the round and stores its result now: a competition team ended by the facilitator
   * ticks no more, so waiting for the next tick would leave it to be closed as interrupted.
   */
  override end(): void {
    super.end();
    this.recorder.afterTick();
  }
}
