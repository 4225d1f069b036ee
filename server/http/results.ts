/**
 * The results API, JSON and read-only: the stored matches (a page of them, or CSV), one
 * match with its players and score, its match log (what `npm run sim -- --replay` reads and
 * the browser's replay re-simulates), and the stored competitions (events.ts). Every
 * parameter is checked before the store is asked; a bad one is a 400, an unknown or
 * malformed id a 404, both as JSON.
 */
import { stringify } from "csv-stringify/sync";
import express, { type Request, type Response, type Router } from "express";
import { isMatchId, type MatchSummary, type ResultsStore } from "../store";
import { addEventRoutes } from "./events";

/** Where the API is served. */
export const RESULTS_ROUTE = "/api";
/** Most matches one list request returns. */
export const MAX_PAGE = 100;
/** Matches a list request returns when `limit` is not given. */
export const DEFAULT_PAGE = 20;
/** Largest `offset` accepted. */
const MAX_OFFSET = 1_000_000;

/** The query of a list request, checked. */
export interface ListQuery {
  limit: number;
  offset: number;
  format: "json" | "csv";
}

/** Checks a list request's query: known parameters only, each once, in range. */
export function parseListQuery(
  query: Request["query"],
): { ok: true; value: ListQuery } | { ok: false; error: string } {
  const value: ListQuery = { limit: DEFAULT_PAGE, offset: 0, format: "json" };
  for (const [key, raw] of Object.entries(query)) {
    if (typeof raw !== "string") return { ok: false, error: `${key} must be given once, as a plain value` };
    if (key === "limit" || key === "offset") {
      const max = key === "limit" ? MAX_PAGE : MAX_OFFSET;
      const min = key === "limit" ? 1 : 0;
      if (!/^\d{1,7}$/.test(raw) || Number(raw) < min || Number(raw) > max)
        return { ok: false, error: `${key} must be a whole number from ${min} to ${max}` };
      value[key] = Number(raw);
    } else if (key === "format") {
      if (raw !== "json" && raw !== "csv") return { ok: false, error: `format must be json or csv` };
      value.format = raw;
    } else
      return { ok: false, error: `unknown parameter "${key.slice(0, 40)}" (known: limit, offset, format)` };
  }
  return { ok: true, value };
}

/** The CSV columns of the match list, in order. */
export const CSV_COLUMNS = [
  "id",
  "code",
  "round",
  "scenario",
  "seed",
  "clock",
  "difficulty",
  "duration_seconds",
  "started_at",
  "ended_at",
  "status",
  "last_tick",
  "time",
  "availability",
  "availability_nginx",
  "availability_tomcat",
  "availability_mysql",
  "error_budget",
  "slo_met",
  "team_points",
  "mttr",
  "incidents",
  "players",
] as const;

/** The match list as CSV (RFC 4180, with cells that would start a spreadsheet formula escaped). */
export function matchesCsv(matches: readonly MatchSummary[]): string {
  const iso = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString());
  const rows = matches.map((m) => {
    const r = m.result;
    return [
      m.id,
      m.code,
      m.round,
      m.scenario,
      m.seed,
      m.clock,
      m.difficulty,
      m.durationSeconds,
      iso(m.startedAt),
      iso(m.endedAt),
      m.status,
      m.lastTick,
      r?.time ?? "",
      r?.availability.overall ?? "",
      r?.availability.nginx ?? "",
      r?.availability.tomcat ?? "",
      r?.availability.mysql ?? "",
      r?.errorBudget ?? "",
      r ? (r.sloMet ? 1 : 0) : "",
      r?.teamPoints ?? "",
      r?.mttr ?? "",
      r?.incidents.length ?? "",
      m.players
        .filter((p) => !p.isBot)
        .map((p) => `${p.name}${p.role ? ` (${p.role})` : ""}: ${p.points}`)
        .join("; "),
    ];
  });
  return stringify([[...CSV_COLUMNS], ...rows], { escape_formulas: true });
}

function fail(res: Response, status: number, error: string): void {
  res
    .status(status)
    .type("application/json")
    .send(JSON.stringify({ code: status, error }));
}

/** The API's router; `store` is read per request (503 until the store has started). */
export function resultsRouter(store: () => ResultsStore | undefined): Router {
  const router = express.Router({ strict: true });
  router.use((req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.set("Allow", "GET, HEAD");
      return fail(res, 405, "METHOD_NOT_ALLOWED: the results API is read-only");
    }
    res.set("Cache-Control", "no-store");
    next();
  });
  const withStore =
    (handler: (s: ResultsStore, req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response) => {
      const s = store();
      if (!s) return fail(res, 503, "UNAVAILABLE: the results store is not open");
      try {
        await handler(s, req, res);
      } catch {
        fail(res, 500, "INTERNAL: the results store could not answer");
      }
    };

  router.get(
    "/matches",
    withStore(async (s, req, res) => {
      const q = parseListQuery(req.query);
      if (!q.ok) return fail(res, 400, `BAD_QUERY: ${q.error}`);
      const page = await s.listMatches(q.value);
      if (q.value.format === "csv") {
        res.type("text/csv; charset=utf-8").set("Content-Disposition", 'attachment; filename="matches.csv"');
        res.send(matchesCsv(page.matches));
        return;
      }
      res.json({ total: page.total, limit: q.value.limit, offset: q.value.offset, matches: page.matches });
    }),
  );
  router.get(
    "/matches/:id",
    withStore(async (s, req, res) => {
      const id = req.params.id;
      if (Object.keys(req.query).length > 0)
        return fail(res, 400, "BAD_QUERY: this route takes no parameters");
      const m = isMatchId(id) ? await s.getMatch(id) : undefined;
      if (!m) return fail(res, 404, `NOT_FOUND: no stored match "${String(id).slice(0, 40)}"`);
      res.json(m);
    }),
  );
  router.get(
    "/matches/:id/log",
    withStore(async (s, req, res) => {
      const id = req.params.id;
      if (Object.keys(req.query).length > 0)
        return fail(res, 400, "BAD_QUERY: this route takes no parameters");
      const log = isMatchId(id) ? await s.getLog(id) : undefined;
      if (!log) return fail(res, 404, `NOT_FOUND: no stored match "${String(id).slice(0, 40)}"`);
      res.json(log);
    }),
  );
  addEventRoutes(router, { withStore, fail, parseListQuery });
  router.use((req, res) => fail(res, 404, `NOT_FOUND: no API route ${req.path.slice(0, 60)}`));
  return router;
}
