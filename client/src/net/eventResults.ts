/**
 * A competition's stored results as the client reads them (server/http: `GET
 * /api/events/<code>`): the cross-team debrief, and the addresses of its CSV and JSON
 * downloads. Served by the same server the page plays on.
 */
import type { EventDebrief } from "../../../shared/competition/debrief";
import { apiBase, getJson } from "./results";

/** A download format of an event's results. */
export type ExportFormat = "csv" | "json";

/** The stored debrief of an event (a ResultsError 404 when no event has that code). */
export function fetchEventDebrief(code: string): Promise<EventDebrief> {
  return getJson<EventDebrief>(`/api/events/${encodeURIComponent(code)}`);
}

/** The address of an event's results as a download. */
export function eventExportUrl(code: string, format: ExportFormat, base: string = apiBase()): string {
  return `${base}/api/events/${encodeURIComponent(code)}?format=${format}`;
}
