/** The event log in the state: the last events of the match, from its first second on. */
import type { World } from "../../../shared/sim";
import { EventView, type MatchState } from "../schema/MatchState";
import { f32, round } from "./sync";

/** How many recent events the state keeps. */
export const STATE_EVENTS = 30;

/** An event's view; `seq` is its index in the world's event log. */
export function eventView(e: World["events"][number], seq: number): EventView {
  const v = new EventView();
  v.seq = seq;
  v.time = f32(round(e.time));
  v.type = e.type;
  v.object = e.object;
  v.message = e.message;
  v.severity = e.severity;
  return v;
}

/**
 * Appends the events recorded since the last call. The cluster's bring-up (negative game
 * time, before the match clock starts) is not news to players, so it is left out.
 */
export class EventsProjection {
  private total = -1;

  /** Forgets what was sent (a new world). */
  reset(): void {
    this.total = -1;
  }

  /** Copies new events. */
  project(state: MatchState, world: World): void {
    const total = world.eventsDropped + world.events.length;
    if (total === this.total) return;
    if (this.total < 0 || total < this.total) state.events.clear();
    const first = Math.max(this.total < 0 ? 0 : this.total, total - STATE_EVENTS, world.eventsDropped);
    for (let seq = first; seq < total; seq++) {
      const e = world.events[seq - world.eventsDropped];
      if (e && e.time >= 0) state.events.push(eventView(e, seq));
    }
    const extra = state.events.length - STATE_EVENTS;
    if (extra > 0) state.events.splice(0, extra);
    this.total = total;
  }
}
