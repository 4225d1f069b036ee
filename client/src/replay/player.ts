/**
 * A stored match replayed in the browser: its log re-simulated tick by tick with the
 * shared sim (shared/match's LogCursor), played at ×1/×4/×16 or moved to any tick, with
 * what the scene draws besides the world: the availability per game second, the chaos and
 * action marks (with the tick each happened on), the DNS rows that changed, the request
 * paths of the last second, and whether the final stateHash equals the stored one.
 */
import { LogCursor, type MatchLog } from "../../../shared/match";
import { stateHash, TICKS_PER_SECOND, type World } from "../../../shared/sim";
import type { MatchView } from "../net/view";
import { WorldObserver } from "./observer";
import { worldView, type ReplaySeat } from "./worldView";

/** Playback speeds (game seconds per wall second). */
export const SPEEDS = [1, 4, 16] as const;
/** One playback speed. */
export type Speed = (typeof SPEEDS)[number];

/** A chaos event or an accepted action, on the timeline. */
export interface ReplayMark {
  /** The tick whose world first shows it. */
  tick: number;
  time: number;
  kind: "chaos" | "intent";
  label: string;
}

/** What is known about the stored match besides its log. */
export interface ReplayInfo {
  code: string;
  seats: readonly ReplaySeat[];
  /** The stateHash stored when the round ended (absent for a round cut short). */
  storedHash?: string;
}

/** Replays one stored match. */
export class ReplayPlayer {
  /** The last tick of the replay. */
  readonly lastTick: number;
  /** Availability per game second over the whole match. */
  readonly timeline: number[];
  readonly marks: ReplayMark[];
  /** The world's stateHash at the last tick. */
  readonly finalHash: string;
  playing = false;
  speed: Speed = 1;
  private cursor: LogCursor;
  private readonly observer = new WorldObserver();
  private carry = 0;
  private cached: { tick: number; view: MatchView } | undefined;

  constructor(
    readonly log: MatchLog,
    readonly info: ReplayInfo,
  ) {
    // One pass to the end: the hash, the timeline and where every mark falls.
    const pass = new LogCursor(log);
    const marks: ReplayMark[] = [];
    let seen = pass.world.eventsDropped + pass.world.events.length;
    pass.seek(pass.lastTick, (w) => {
      const total = w.eventsDropped + w.events.length;
      for (let seq = Math.max(seen, w.eventsDropped); seq < total; seq++) {
        const e = w.events[seq - w.eventsDropped]!;
        if (e.time >= 0 && (e.severity === "Chaos" || e.severity === "Intent"))
          marks.push({
            tick: w.tick,
            time: e.time,
            kind: e.severity === "Chaos" ? "chaos" : "intent",
            // An intent's event object is only `Intent/<type>`: its message says who did what.
            label: e.severity === "Intent" ? e.message : `${e.type} ${e.object}`.trim(),
          });
      }
      seen = total;
    });
    this.lastTick = pass.lastTick;
    this.finalHash = stateHash(pass.world);
    this.timeline = pass.world.traffic.perSecond.map(([req, ok]) => (req > 0 ? ok / req : 1));
    this.marks = marks;
    this.cursor = this.restart();
  }

  /** Whether the replay ends on the stored stateHash (undefined when none was stored). */
  get verified(): boolean | undefined {
    return this.info.storedHash === undefined ? undefined : this.finalHash === this.info.storedHash;
  }

  /** The world at the current tick. */
  get world(): World {
    return this.cursor.world;
  }

  /** The current tick (0 = the match's start). */
  get tick(): number {
    return this.cursor.world.tick;
  }

  /** Game seconds the replay covers. */
  get duration(): number {
    return this.lastTick / TICKS_PER_SECOND;
  }

  /** Moves to `tick` (clamped); replays from the start when it lies behind. */
  seek(tick: number): void {
    const target = Math.max(0, Math.min(Math.round(tick), this.lastTick));
    if (target < this.tick) this.cursor = this.restart();
    this.cursor.seek(target, (w) => this.observe(w, false));
    this.carry = 0;
  }

  /** Plays or pauses; playing from the end starts over. */
  toggle(): void {
    if (!this.playing && this.tick >= this.lastTick) this.seek(0);
    this.playing = !this.playing;
  }

  /** Advances playback by `dtMs` of wall time; returns whether the tick changed. */
  update(dtMs: number): boolean {
    if (!this.playing) return false;
    this.carry += (dtMs / 1000) * TICKS_PER_SECOND * this.speed;
    const steps = Math.floor(this.carry);
    if (steps <= 0) return false;
    this.carry -= steps;
    const before = this.tick;
    this.seek(Math.min(this.lastTick, before + steps));
    if (this.tick >= this.lastTick) this.playing = false;
    return this.tick !== before;
  }

  /** The view model at the current tick (built once per tick). */
  view(): MatchView {
    if (this.cached?.tick === this.tick) return this.cached.view;
    const view = worldView(this.world, {
      options: this.log.options,
      code: this.info.code,
      round: this.log.round,
      seats: this.info.seats,
      dnsChangedAt: this.observer.dnsChangedAt,
      traffic: this.observer.requests(),
    });
    this.cached = { tick: this.tick, view };
    return view;
  }

  /** The world's stateHash at the current tick. */
  stateHash(): string {
    return stateHash(this.world);
  }

  /** A cursor at the start, with what is observed of the world reset. */
  private restart(): LogCursor {
    const cursor = new LogCursor(this.log);
    this.observer.reset(cursor.world);
    return cursor;
  }

  /** Notes what the scene shows besides the world after a tick: DNS changes, request paths. */
  private observe(w: World, first: boolean): void {
    this.observer.observe(w, first);
  }
}
