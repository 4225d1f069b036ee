/**
 * A stored event's cross-team debrief: the event and its teams' matches and logs read from
 * the results store, handed to the pure `debriefOf` (shared/competition). Replaying a
 * team's log takes about half a second per ten minutes of play, so replays run a slice of
 * ticks at a time, giving the rooms' ticks the event loop in between; one computation
 * serves every request that asks meanwhile, and the debrief of an event whose rounds have
 * not changed since — or, while it is being played, that is less than
 * LIVE_REBUILD_SECONDS old — is served from a small cache.
 */
import { setImmediate as yieldToRooms } from "node:timers/promises";
import { debriefOf, type EventDebrief, type StoredTeam } from "../../shared/competition";
import { DebriefReplayer } from "../../shared/competition/debriefReplay";
import { validateMatchLog } from "../../shared/match";
import type { ResultsStore, StoredEventRecord } from "../store";

/** How many debriefs the cache keeps (the most recently asked). */
export const DEBRIEF_CACHE_SIZE = 16;
/** Ticks replayed before the event loop is given back (about 5 ms of replay on an idle core). */
export const REPLAY_SLICE_TICKS = 100;

/** What a debrief depends on: the event row and, per team, its match's status and last stored tick. */
function versionOf(e: StoredEventRecord): string {
  return JSON.stringify([
    e.entry,
    e.teams.map((t) => [t.teamId, t.name, t.match?.id, t.match?.status, t.match?.lastTick]),
  ]);
}

/**
 * Seconds a debrief of an event still being played is served before it is built again:
 * its rounds change every game second, and a page polling it must not make the server
 * replay every team's log each time.
 */
export const LIVE_REBUILD_SECONDS = 10;

/** A cached debrief: what it was built from, when, and the build. */
interface Cached {
  version: string;
  builtAt: number;
  debrief: Promise<EventDebrief>;
}

/** Builds debriefs from a store, caching them by event and version. */
export class EventDebriefs {
  private readonly cache = new Map<string, Cached>();

  /** `sliceTicks`: ticks replayed between two turns of the event loop; `now`: the wall clock (ms). */
  constructor(
    private readonly sliceTicks = REPLAY_SLICE_TICKS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The debrief of the event with this id (or the newest with this code); undefined when none is stored. */
  async get(store: ResultsStore, codeOrId: string): Promise<EventDebrief | undefined> {
    const event = await store.getEvent(codeOrId);
    if (!event) return undefined;
    const id = event.entry.id;
    const version = versionOf(event);
    let hit = this.cache.get(id);
    const fresh =
      hit !== undefined &&
      (hit.version === version ||
        (event.entry.outcome === "in progress" && this.now() - hit.builtAt < LIVE_REBUILD_SECONDS * 1000));
    if (!hit || !fresh) {
      hit = { version, builtAt: this.now(), debrief: build(store, event, this.sliceTicks) };
      // A failed build is not kept: the next request tries again.
      hit.debrief.catch(() => {
        if (this.cache.get(id) === hit) this.cache.delete(id);
      });
    }
    // Most recently used last, so the oldest is the first evicted.
    this.cache.delete(id);
    this.cache.set(id, hit);
    while (this.cache.size > DEBRIEF_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return hit.debrief;
  }
}

/** Reads every team's log and replays it slice by slice, then computes the debrief. */
async function build(
  store: ResultsStore,
  event: StoredEventRecord,
  sliceTicks: number,
): Promise<EventDebrief> {
  const teams: StoredTeam[] = [];
  for (const t of event.teams) {
    const raw = t.match ? await store.getLog(t.match.id) : undefined;
    const log = raw ? validateMatchLog(raw) : undefined;
    let replay = null;
    if (log?.ok) {
      const r = new DebriefReplayer(log.value, t.match?.lastTick);
      while (!r.step(sliceTicks)) await yieldToRooms();
      replay = r.result();
    }
    teams.push({ teamId: t.teamId, name: t.name, match: t.match, log: log?.ok ? log.value : null, replay });
  }
  return debriefOf({ entry: event.entry, options: event.options, teams });
}
