/**
 * The competitions part of the results API (read-only, mounted by results.ts under /api):
 * the stored events, newest first, and one event's cross-team debrief — as JSON, or as a
 * download (`?format=json`, `?format=csv`). Every parameter is checked before the store is
 * asked: a bad one is a 400, an unknown or malformed event code a 404, both as JSON.
 */
import type { Request, Response, Router } from "express";
import type { EventListPage } from "../../shared/competition";
import { EventDebriefs } from "../results/eventDebrief";
import { isMatchId, type ResultsStore } from "../store";
import { eventCsv } from "./eventsCsv";

/** An event code as rooms make them (roomCode.ts: 4–8 capitals and digits). */
const EVENT_CODE = /^[A-Z0-9]{4,8}$/;

/** Whether `s` can name a stored event: its code, or its store id. */
export function isEventRef(s: unknown): s is string {
  return typeof s === "string" && (EVENT_CODE.test(s) || isMatchId(s));
}

/** The formats one event comes in: inline JSON (no parameter) or a download. */
export const EVENT_FORMATS = ["json", "csv"] as const;

/** Checks one event's query: at most `format`, once, json or csv. */
export function parseEventQuery(
  query: Request["query"],
): { ok: true; format: (typeof EVENT_FORMATS)[number] | undefined } | { ok: false; error: string } {
  let format: (typeof EVENT_FORMATS)[number] | undefined;
  for (const [key, raw] of Object.entries(query)) {
    if (key !== "format")
      return { ok: false, error: `unknown parameter "${key.slice(0, 40)}" (known: format)` };
    if (typeof raw !== "string") return { ok: false, error: "format must be given once, as a plain value" };
    if (!(EVENT_FORMATS as readonly string[]).includes(raw))
      return { ok: false, error: `format must be ${EVENT_FORMATS.join(" or ")}; got "${raw.slice(0, 20)}"` };
    format = raw as (typeof EVENT_FORMATS)[number];
  }
  return { ok: true, format };
}

/** What the event routes need of the results router. */
export interface EventRouteKit {
  /** Wraps a handler: 503 without a store, 500 when the store throws. */
  withStore(
    handler: (s: ResultsStore, req: Request, res: Response) => Promise<void>,
  ): (req: Request, res: Response) => Promise<void>;
  /** Answers a JSON error. */
  fail(res: Response, status: number, error: string): void;
  /** Checks a list query (limit, offset, format). */
  parseListQuery(
    query: Request["query"],
  ): { ok: true; value: { limit: number; offset: number; format: string } } | { ok: false; error: string };
}

/** Adds `GET /events` and `GET /events/:code` to the results router. */
export function addEventRoutes(router: Router, kit: EventRouteKit): void {
  const debriefs = new EventDebriefs();
  router.get(
    "/events",
    kit.withStore(async (s, req, res) => {
      const q = kit.parseListQuery(req.query);
      if (!q.ok) return kit.fail(res, 400, `BAD_QUERY: ${q.error}`);
      if (q.value.format !== "json")
        return kit.fail(res, 400, "BAD_QUERY: the event list is JSON only; one event comes as CSV");
      const page = await s.listEvents(q.value);
      const body: EventListPage = {
        total: page.total,
        limit: q.value.limit,
        offset: q.value.offset,
        events: page.events,
      };
      res.json(body);
    }),
  );
  router.get(
    "/events/:code",
    kit.withStore(async (s, req, res) => {
      // Codes are capitals; one typed in lower case names the same event (ids are longer).
      const raw = req.params.code;
      const code = typeof raw === "string" && raw.length <= 8 ? raw.toUpperCase() : raw;
      const q = parseEventQuery(req.query);
      if (!q.ok) return kit.fail(res, 400, `BAD_QUERY: ${q.error}`);
      const d = isEventRef(code) ? await debriefs.get(s, code) : undefined;
      if (!d) return kit.fail(res, 404, `NOT_FOUND: no stored event "${String(raw).slice(0, 40)}"`);
      if (q.format === undefined) return void res.json(d);
      const file = `event-${d.event.code}-${d.event.id}.${q.format}`;
      res.set("Content-Disposition", `attachment; filename="${file}"`);
      if (q.format === "csv") res.type("text/csv; charset=utf-8").send(eventCsv(d));
      else res.type("application/json; charset=utf-8").send(JSON.stringify(d, null, 2));
    }),
  );
}
