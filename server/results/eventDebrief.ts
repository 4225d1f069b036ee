/**
 * A stored event's cross-team debrief: the event and its teams' matches and logs read from
 * the results store, handed to the pure `debriefOf` (shared/competition). Replaying every
 * team's log costs about a second per twenty minutes of team play, so the debrief of an
 * event whose games have not changed since is served from a small cache.
 */
import { debriefOf, type EventDebrief, type StoredTeam } from "../../shared/competition";
import { validateMatchLog } from "../../shared/match";
import type { ResultsStore, StoredEventRecord } from "../store";

/** How many debriefs the cache keeps (the most recently asked). */
export const DEBRIEF_CACHE_SIZE = 16;

/** What a debrief depends on: the event row and, per team, its match's status and last stored tick. */
function versionOf(e: StoredEventRecord): string {
  return JSON.stringify([
    e.entry,
    e.teams.map((t) => [t.teamId, t.name, t.match?.id, t.match?.status, t.match?.lastTick]),
  ]);
}

/** Builds debriefs from a store, caching them by event and version. */
export class EventDebriefs {
  private readonly cache = new Map<string, { version: string; debrief: EventDebrief }>();

  /** The debrief of the event with this id (or the newest with this code); undefined when none is stored. */
  async get(store: ResultsStore, codeOrId: string): Promise<EventDebrief | undefined> {
    const event = await store.getEvent(codeOrId);
    if (!event) return undefined;
    const version = versionOf(event);
    const hit = this.cache.get(event.entry.id);
    if (hit && hit.version === version) {
      // Most recently used last, so the oldest is the first evicted.
      this.cache.delete(event.entry.id);
      this.cache.set(event.entry.id, hit);
      return hit.debrief;
    }
    const teams: StoredTeam[] = [];
    for (const t of event.teams) {
      const raw = t.match ? await store.getLog(t.match.id) : undefined;
      const log = raw ? validateMatchLog(raw) : undefined;
      teams.push({ teamId: t.teamId, name: t.name, match: t.match, log: log?.ok ? log.value : null });
    }
    const debrief = debriefOf({ entry: event.entry, options: event.options, teams });
    this.cache.delete(event.entry.id);
    this.cache.set(event.entry.id, { version, debrief });
    while (this.cache.size > DEBRIEF_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    return debrief;
  }
}
