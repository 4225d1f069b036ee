/**
 * A competition team's side of the event's record: on its first running tick, the team
 * links its stored match to its event (known by code only: the team may live on another
 * process than the event room). See eventRecorder.ts for the event's side.
 */
import { logger } from "@colyseus/core";
import { resultsStore } from "../results/service";
import type { ResultsStore } from "../store";

/** Links a team's stored match to its event; call on the team's first running tick. */
export function recordTeamMatch(
  eventCode: string,
  teamId: string,
  matchId: string | undefined,
  store: () => ResultsStore | undefined = resultsStore,
): void {
  const s = store();
  if (!s || !matchId) return;
  s.linkTeamMatch(eventCode, teamId, matchId).then(
    (linked) => {
      if (!linked) logger.warn(`[results] team ${teamId} of event ${eventCode}: no stored event to link to`);
    },
    (e: unknown) => logger.error(`[results] could not link team ${teamId} to event ${eventCode}`, e),
  );
}
