/**
 * Debrief arithmetic for display: incidents read off the availability line. The server's
 * score is authoritative; this only lines chaos marks up with the timeline it sent.
 */
import type { EventView } from "./net/view";

/** One incident: a chaos event and when the shop was healthy again (end −1 = never). */
export interface Incident {
  what: string;
  start: number;
  end: number;
}

/** Availability at or above this counts as healthy (the SLO). */
export const HEALTHY = 0.99;

/**
 * For each chaos mark: the first game second at or after it when availability is back to
 * healthy after having dipped (or the mark's own second, when it never dipped).
 * `timeline[i]` is availability during second i.
 */
export function incidentsFrom(timeline: number[], marks: EventView[]): Incident[] {
  return marks
    .filter((m) => m.severity === "Chaos")
    .map((m) => {
      const from = Math.floor(m.time);
      let dipped = false;
      for (let s = from; s < timeline.length; s++) {
        const v = timeline[s] ?? 1;
        if (v < HEALTHY) dipped = true;
        else if (dipped) return { what: `${m.type} ${m.object}`.trim(), start: m.time, end: s };
      }
      return { what: `${m.type} ${m.object}`.trim(), start: m.time, end: dipped ? -1 : m.time };
    });
}

/** Mean time to recovery in seconds over recovered incidents, or undefined if none. */
export function mttr(incidents: Incident[]): number | undefined {
  const done = incidents.filter((i) => i.end >= 0);
  if (!done.length) return undefined;
  return done.reduce((s, i) => s + (i.end - i.start), 0) / done.length;
}
