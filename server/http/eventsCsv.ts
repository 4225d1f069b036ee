/**
 * A competition's debrief as one CSV table a spreadsheet opens as is: every row has the
 * same columns, and its `kind` says what it is — so a filter on `kind` gives the teams,
 * the players, the incidents (one row per team × incident) or the availability per
 * second (one row per team × game second). README "Competitions" documents the columns.
 */
import { stringify } from "csv-stringify/sync";
import type { EventDebrief } from "../../shared/competition";

/** The CSV columns, in order. */
export const EVENT_CSV_COLUMNS = [
  "kind",
  "event_code",
  "team_code",
  "team_name",
  "rank",
  "player",
  "role",
  "incident",
  "game_second",
  "chaos",
  "target",
  "source",
  "outcome",
  "recovered_after_s",
  "availability",
  "error_budget_left",
  "mean_mttr_s",
  "open_incidents",
  "actions",
  "points",
  "fastest",
  "ending_intent",
  "detail",
] as const;

/** One CSV row, by column (missing columns are empty). */
type Row = Partial<Record<(typeof EVENT_CSV_COLUMNS)[number], string | number | null>>;

/** The row kinds, in the order they appear. */
export const EVENT_CSV_KINDS = ["event", "team", "player", "incident", "availability"] as const;

/** The debrief as CSV (RFC 4180; cells that would start a spreadsheet formula are escaped). */
export function eventCsv(d: EventDebrief): string {
  const e = d.event;
  const o = e.options;
  const rows: Row[] = [
    {
      kind: "event",
      event_code: e.code,
      team_name: e.name,
      detail: [
        `id ${e.id}`,
        `scenario ${o.scenario}`,
        `seed ${o.seed}`,
        `clock ${o.clock}`,
        `difficulty ${o.difficulty}`,
        `${o.durationSeconds} s`,
        `chaos ${o.chaos ? "on" : "off"}`,
        `phase ${e.phase}`,
        `outcome ${e.outcome}`,
        `created ${new Date(e.createdAt).toISOString()}`,
      ].join("; "),
    },
  ];
  const names = new Map(d.teams.map((t) => [t.teamId, t.name] as const));
  for (const t of d.teams)
    rows.push({
      kind: "team",
      team_code: t.teamId,
      team_name: t.name,
      rank: t.rank,
      game_second: t.time,
      availability: t.availability,
      error_budget_left: t.errorBudgetRemaining,
      mean_mttr_s: t.mttrSeconds,
      open_incidents: t.openIncidents,
      actions: t.actions,
      points: t.teamPoints,
      detail: t.status,
    });
  for (const t of d.teams)
    for (const p of t.players)
      rows.push({
        kind: "player",
        team_code: t.teamId,
        team_name: t.name,
        rank: t.rank,
        player: p.name,
        role: p.role,
        points: p.points,
        detail: `${p.isBot ? "bot; " : ""}restored ${p.restored}; broke ${p.broke}`,
      });
  for (const i of d.incidents)
    for (const r of i.rows) {
      const fastest = i.best?.teamId === r.teamId;
      const m = fastest ? i.best!.move : null;
      rows.push({
        kind: "incident",
        team_code: r.teamId,
        team_name: names.get(r.teamId) ?? "",
        rank: d.teams.find((t) => t.teamId === r.teamId)?.rank ?? null,
        incident: i.index,
        game_second: i.second,
        chaos: i.type,
        target: i.target ?? "",
        source: i.source,
        outcome: r.outcome,
        recovered_after_s: r.recoveredAfter,
        fastest: fastest ? 1 : 0,
        player: m?.player ?? "",
        role: m?.role ?? "",
        points: m?.points ?? null,
        ending_intent: m ? m.kubectl || m.intent.type : "",
      });
    }
  for (const a of d.availability)
    a.perSecond.forEach((v, s) =>
      rows.push({
        kind: "availability",
        team_code: a.teamId,
        team_name: names.get(a.teamId) ?? "",
        game_second: s,
        availability: v,
      }),
    );
  const table = rows.map((r) => EVENT_CSV_COLUMNS.map((c) => (c === "event_code" ? e.code : (r[c] ?? ""))));
  return stringify([[...EVENT_CSV_COLUMNS], ...table], { escape_formulas: true });
}
