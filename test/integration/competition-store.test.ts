/**
 * A competition that lasts, with a real server process (`node --import tsx server/index.ts`)
 * on a real SQLite file and real colyseus.js clients: an event of two teams plays a short
 * match with a DNS outage injected into both (Team 1's scheduler is a person who does
 * nothing, so it never recovers; Team 2's is on autopilot and does), then the API serves
 * the event in the list, its debrief, and CSV and JSON downloads whose rows match the stored
 * results; a second event ended by "end all" stores finished rounds. After the process is
 * killed (a third event running) and restarted on the same file, both debriefs are served
 * unchanged and the third event's rounds are interrupted.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { Client, type Room } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnServer, stopServerProcess, type ServerProcess } from "./serverProcess";
import type { EventDebrief, EventListPage, Roster } from "../../shared/competition";
import type { StoredMatch } from "../../server/store";
import { EVENT_CSV_COLUMNS } from "../../server/http/eventsCsv";

const PORT = 3230;
const BASE = `http://127.0.0.1:${PORT}`;
let dir: string;
let db: string;
let server: ServerProcess | undefined;
/** What the server printed so far. */
let output = () => "";
const rooms: Room[] = [];

/** Starts the real server on the test's file and waits for its health check. */
async function startServer(): Promise<void> {
  server = await spawnServer(PORT, {
    RECONCILE_DB: db,
    // Three events from one address in one run (their rooms stay open after their games).
    MAX_EVENTS_PER_ADDRESS: "3",
  });
  output = server.output;
}

async function killServer(): Promise<void> {
  const s = server;
  server = undefined;
  await stopServerProcess(s, "SIGKILL");
}

async function until(
  cond: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 40_000,
): Promise<void> {
  for (const end = Date.now() + timeoutMs; !(await cond());) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${output().slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(`${BASE}${path}`);
  expect(res.status, `${path}: ${output().slice(-1000)}`).toBe(200);
  return (await res.json()) as T;
}

/** Creates an event as a facilitator page does; returns the page, its key and the team codes by name. */
async function createEvent(client: Client, durationSeconds: number) {
  const page = await client.create("event", {
    name: "Store night",
    teams: 2,
    seed: 4242,
    clock: "arcade",
    durationSeconds,
    chaos: false,
  });
  rooms.push(page);
  let key = "";
  const teams = new Map<string, string>();
  page.onMessage("facilitator", (m: { key: string }) => (key = m.key));
  page.onMessage("roster", (r: Roster) => r.teams.forEach((t) => teams.set(t.name, t.teamId)));
  for (const type of ["board", "history", "error", "team", "eventNotice"]) page.onMessage(type, () => {});
  await until(() => key !== "" && teams.size === 2, "the key and both teams");
  return { page, key, teams, code: page.roomId };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "reconcile-events-"));
  db = join(dir, "results.db");
  await startServer();
}, 90_000);

afterAll(async () => {
  for (const r of rooms) await r.leave().catch(() => {});
  await killServer();
  rmSync(dir, { recursive: true, force: true });
});

describe("a competition in the results store", () => {
  let played: EventDebrief;
  let ended: EventDebrief;

  it("records an event of two teams as it plays, and serves its debrief and downloads", async () => {
    const client = new Client(`ws://127.0.0.1:${PORT}`);
    const e = await createEvent(client, 12);
    const join = async (team: string, name: string, role: string) => {
      const r = await client.joinById(e.teams.get(team)!, { name, role });
      r.onMessage("*", () => {});
      rooms.push(r);
    };
    await join("Team 1", "Ada", "scheduler");
    await join("Team 2", "Bob", "");
    e.page.send("control", { key: e.key, kind: "move", move: "start" });
    await new Promise((r) => setTimeout(r, 1500));
    e.page.send("control", { key: e.key, kind: "inject", type: "dns-outage" });

    // Rounds are stored in the tick that ends them; the event is over once every team has
    // reported its end (within a second).
    await until(async () => {
      const res = await fetch(`${BASE}/api/events/${e.code}`);
      const ev = res.ok ? ((await res.json()) as EventDebrief).event : undefined;
      return ev?.outcome === "finished" && ev.phase === "ended";
    }, "both teams' rounds to finish and be stored");
    played = await api<EventDebrief>(`/api/events/${e.code}`);
    expect(played.event).toMatchObject({
      code: e.code,
      name: "Store night",
      teams: 2,
      phase: "ended",
      outcome: "finished",
      options: { seed: 4242, durationSeconds: 12, chaos: false, clock: "arcade" },
    });
    expect(played.event.startedAt).not.toBeNull();
    expect(played.event.endedAt).not.toBeNull();

    // Ranked from the stored results: Team 2's autopilot recovered, Team 1's idle person did not.
    expect(played.teams.map((t) => [t.name, t.rank, t.status])).toEqual([
      ["Team 2", 1, "finished"],
      ["Team 1", 2, "finished"],
    ]);
    const stored = new Map<string, StoredMatch>();
    for (const t of played.teams) stored.set(t.teamId, await api<StoredMatch>(`/api/matches/${t.matchId}`));
    for (const t of played.teams) {
      const m = stored.get(t.teamId)!;
      expect(m.code).toBe(t.teamId);
      expect(t.availability).toBe(m.result!.availability.overall);
      expect(t.errorBudgetRemaining).toBe(m.result!.errorBudget);
      expect(t.mttrSeconds).toBe(m.result!.mttr);
      expect(t.players.filter((p) => !p.isBot).map((p) => p.name)).toEqual(
        m.players.filter((p) => !p.isBot).map((p) => p.name),
      );
    }
    expect(played.chaos).toHaveLength(1);
    expect(played.chaos[0]).toMatchObject({ type: "dns-outage", source: "injected" });
    expect([...played.chaos[0]!.teams].sort()).toEqual([...e.teams.values()].sort());
    const rows = played.incidents[0]!.rows;
    expect(rows.map((r) => r.outcome)).toEqual(["recovered", "not recovered"]);
    expect(played.incidents[0]!.best).toMatchObject({ teamName: "Team 2", move: null });
    expect(played.availability.map((a) => a.perSecond.length)).toEqual([12, 12]);

    // The CSV: a spreadsheet's rows, each kind matching the stored results.
    const res = await fetch(`${BASE}/api/events/${e.code}?format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="event-${e.code}-${played.event.id}.csv"`,
    );
    const csv = parse(await res.text(), { columns: true }) as Record<string, string>[];
    expect(Object.keys(csv[0]!)).toEqual([...EVENT_CSV_COLUMNS]);
    expect(csv.every((r) => r.event_code === e.code)).toBe(true);
    const teamRows = csv.filter((r) => r.kind === "team");
    expect(teamRows.map((r) => r.team_name)).toEqual(["Team 2", "Team 1"]);
    for (const r of teamRows) {
      const m = stored.get(r.team_code!)!.result!;
      expect(Number(r.availability)).toBe(m.availability.overall);
      expect(Number(r.error_budget_left)).toBe(m.errorBudget);
      expect(r.mean_mttr_s).toBe(m.mttr === null ? "" : String(m.mttr));
      expect(Number(r.open_incidents)).toBe(m.incidents.filter((i) => i.end === null).length);
    }
    const incidentRows = csv.filter((r) => r.kind === "incident");
    expect(incidentRows).toHaveLength(2);
    for (const r of incidentRows) {
      const i = stored.get(r.team_code!)!.result!.incidents[0]!;
      expect(r.chaos).toBe("dns-outage");
      expect(Number(r.game_second)).toBe(Math.floor(i.start));
      expect(r.outcome).toBe(i.end === null ? "not recovered" : "recovered");
      expect(r.recovered_after_s).toBe(i.mttr === null ? "" : String(i.mttr));
    }
    expect(incidentRows.map((r) => r.fastest)).toEqual(["1", "0"]);
    const players = csv.filter((r) => r.kind === "player" && r.detail?.startsWith("restored"));
    expect(players.map((p) => [p.team_name, p.player, p.role])).toEqual([
      ["Team 2", "Bob", ""],
      ["Team 1", "Ada", "scheduler"],
    ]);
    expect(csv.filter((r) => r.kind === "availability")).toHaveLength(24);
    expect(csv.filter((r) => r.kind === "event")[0]!.detail).toContain("seed 4242");

    const json = await fetch(`${BASE}/api/events/${e.code}?format=json`);
    expect(json.headers.get("content-disposition")).toBe(
      `attachment; filename="event-${e.code}-${played.event.id}.json"`,
    );
    expect(await json.json()).toEqual(played);
  }, 120_000);

  it("stores the rounds of an event ended by end all as finished", async () => {
    const client = new Client(`ws://127.0.0.1:${PORT}`);
    const e = await createEvent(client, 300);
    e.page.send("control", { key: e.key, kind: "move", move: "start" });
    await new Promise((r) => setTimeout(r, 1200));
    e.page.send("control", { key: e.key, kind: "move", move: "end" });
    await until(async () => {
      const res = await fetch(`${BASE}/api/events/${e.code}`);
      return res.ok && ((await res.json()) as EventDebrief).event.outcome === "finished";
    }, "the ended event's rounds to be stored as finished");
    ended = await api<EventDebrief>(`/api/events/${e.code}`);
    expect(ended.event.phase).toBe("ended");
    expect(ended.teams.map((t) => t.status)).toEqual(["finished", "finished"]);
    expect(ended.teams.every((t) => t.time > 0 && t.time < 10)).toBe(true);
  }, 60_000);

  it("lists events newest first and refuses bad requests with a JSON reason", async () => {
    const list = await api<EventListPage>("/api/events");
    expect(list.total).toBe(2);
    expect(list.events.map((x) => x.code)).toEqual([ended.event.code, played.event.code]);
    const { options: _o, ...entry } = played.event;
    expect(list.events[1]).toEqual(entry);
    const bad = async (path: string, status: number, error: RegExp) => {
      const res = await fetch(`${BASE}${path}`);
      expect(res.status, path).toBe(status);
      expect(((await res.json()) as { error: string }).error).toMatch(error);
    };
    await bad(`/api/events/${played.event.code}?format=xml`, 400, /format must be json or csv/);
    await bad(`/api/events/${played.event.code}?as=csv`, 400, /unknown parameter "as"/);
    await bad(`/api/events?format=csv`, 400, /JSON only/);
    await bad(`/api/events?limit=0`, 400, /limit/);
    await bad("/api/events/QQQQ", 404, /no stored event "QQQQ"/);
    await bad("/api/events/not-a-code!", 404, /no stored event/);
    // A code typed in lower case, and the store's id, name it too.
    expect((await api<EventDebrief>(`/api/events/${played.event.code.toLowerCase()}`)).event.id).toBe(
      played.event.id,
    );
    expect((await api<EventDebrief>(`/api/events/${played.event.id}`)).event.code).toBe(played.event.code);
  });

  it("serves the same debriefs after the server process is killed and restarted; an event cut off is interrupted", async () => {
    const client = new Client(`ws://127.0.0.1:${PORT}`);
    const cut = await createEvent(client, 300);
    cut.page.send("control", { key: cut.key, kind: "move", move: "start" });
    await until(async () => {
      const res = await fetch(`${BASE}/api/events/${cut.code}`);
      return res.ok && ((await res.json()) as EventDebrief).teams.every((t) => t.status === "running");
    }, "the third event's rounds to be stored as running");
    // Logs are appended once per game second: let a few be stored before the crash.
    await new Promise((r) => setTimeout(r, 2500));
    for (const r of rooms.splice(0)) await r.leave().catch(() => {});
    await killServer();
    await startServer();
    expect(await api<EventDebrief>(`/api/events/${played.event.code}`)).toEqual(played);
    expect(await api<EventDebrief>(`/api/events/${ended.event.code}`)).toEqual(ended);
    const after = await api<EventDebrief>(`/api/events/${cut.code}`);
    expect(after.event).toMatchObject({ phase: "running", outcome: "interrupted", endedAt: null });
    expect(after.teams.map((t) => t.status)).toEqual(["interrupted", "interrupted"]);
    expect(after.teams.every((t) => t.availability !== null && t.time > 0)).toBe(true);
    expect((await api<EventListPage>("/api/events")).total).toBe(3);
  }, 90_000);
});
