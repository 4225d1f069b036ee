/**
 * A competition's public pages in the page's address: `#/event/<code>/board` (the live
 * scoreboard) and `#/event/<code>/debrief` (the cross-team debrief), so a projector can
 * open one directly and a reload keeps it.
 */

/** The event pages this client shows by address. */
export type EventPage = "board" | "debrief";

const ROUTE = /^#\/event\/([A-Za-z0-9]{1,16})\/(board|debrief)\/?$/;

/** The event page a location hash names (code upper-cased as the server names rooms), if it does. */
export function eventRouteOf(hash: string): { code: string; page: EventPage } | undefined {
  const m = ROUTE.exec(hash);
  return m ? { code: m[1]!.toUpperCase(), page: m[2] as EventPage } : undefined;
}

/** The location hash of an event's page. */
export function eventHash(code: string, page: EventPage): string {
  return `#/event/${code}/${page}`;
}
