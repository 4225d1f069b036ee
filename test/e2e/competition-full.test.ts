/**
 * A whole competition through real pages only, in Chromium against the real server: the
 * facilitator creates an event of two teams from the Menu; two players join their teams
 * from the Menu; a board page follows `#/event/<code>/board`; the console starts all and
 * injects a pod-kill into all, which shows on both teams' pages at the same game second;
 * the board ranks both teams and draws both lines with the chaos mark; the console ends
 * all; the board's debrief downloads a CSV that is byte for byte the stored event
 * (`GET /api/events/<code>?format=csv`) and whose team, player and incident rows are each
 * team's stored match (`GET /api/matches/<id>`).
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EventDebrief } from "../../shared/competition";
import type { StoredMatch } from "../../server/store/types";
import {
  buildClientIfNeeded,
  clickTarget,
  collectErrors,
  launchBrowser,
  screenshot,
  startServer,
  waitFor,
  waitForScene,
  type ServerHandle,
} from "./helpers";
import { boardOf, createEventFromMenu, eventOf, joinTeamFromMenu, openMenu } from "./competitionPages";

const PORT = 3950;

let server: ServerHandle;
let browser: Browser;
const shown: { page: Page; name: string }[] = [];

beforeAll(async () => {
  await buildClientIfNeeded();
  server = await startServer({}, PORT);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** One row of the event's CSV, by column. */
type CsvRow = Record<string, string>;

/** A number cell as the CSV writes it (empty for null). */
const cell = (v: number | null) => (v === null ? "" : String(v));

/** GETs a JSON document of the results API. */
async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`${server.url}${path}`);
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

describe("e2e: a whole competition, facilitator, two teams, board and debrief", () => {
  it("create, join, start all, inject into all, rank and draw, end all, export the stored results", async () => {
    const fac = await openMenu(browser, server.url);
    shown.push({ page: fac, name: "console" });
    try {
      const errors = collectErrors(fac);
      const { code, key } = await createEventFromMenu(fac, {
        name: "Full house",
        teams: "2",
        // The round is ended from the console: the length only bounds a stuck test.
        minutes: "0.5",
        seed: "7",
        chaosOff: true,
      });
      expect(key).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      const teams = (await eventOf(fac))!.teams;

      // The players' Menus and the big screen load together (the bundle's first parse is the slow part).
      const [ada, bob, board] = await Promise.all([
        openMenu(browser, server.url),
        openMenu(browser, server.url),
        browser.newPage({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true }),
      ]);
      const players = [
        { page: ada!, name: "Ada", team: teams[0]! },
        { page: bob!, name: "Bob", team: teams[1]! },
      ];
      shown.push(...players, { page: board!, name: "board" });
      for (const p of players) errors.push(...collectErrors(p.page));
      errors.push(...collectErrors(board!));
      await board!.goto(`${server.url}/#/event/${code}/board`);
      for (const p of players) {
        await joinTeamFromMenu(p.page, p.name, code, p.team.name);
        expect(await p.page.evaluate(() => window.__reconcile.code())).toBe(p.team.teamId);
        await clickTarget(p.page, "button", "lobby-role-scheduler");
        await waitFor(p.page, () => window.__reconcile.role() === "scheduler", `${p.name}'s role`);
      }
      await waitFor(
        fac,
        () => window.__reconcile.eventConsole()?.teams.every((t) => t.players[0]?.connected) ?? false,
        "both players connected on the console",
      );
      await waitFor(
        board!,
        () => window.__reconcile?.eventBoard()?.standings.length === 2,
        "both teams on the board",
        60_000,
      );

      // Start all, then a pod-kill into all from the console.
      await clickTarget(fac, "button", "console-start");
      await waitFor(fac, () => window.__reconcile.eventConsole()?.phase === "running", "the event running");
      await fac.selectOption("select[name=console-chaos-type]", "pod-kill");
      await fac.fill("input[name=console-chaos-target]", "shop/nginx");
      expect(await fac.inputValue("select[name=console-chaos-team]")).toBe("");
      await clickTarget(fac, "button", "console-inject");
      const times: number[] = [];
      for (const p of players) {
        await waitForScene(p.page, "Match", 30_000);
        await waitFor(
          p.page,
          () => window.__reconcile.view()?.events.some((e) => e.type === "ChaosPodKill") ?? false,
          `the pod-kill on ${p.name}'s page`,
        );
        const kill = (await p.page.evaluate(() => window.__reconcile.view()!.events)).find(
          (e) => e.type === "ChaosPodKill",
        )!;
        expect(kill.object).toMatch(/^Pod\/shop\/nginx-/);
        times.push(kill.time);
      }
      expect(times[1]).toBe(times[0]);

      // The board ranks both teams and draws both lines, the pod-kill marked on the chart.
      await waitFor(
        board!,
        () => {
          const b = window.__reconcile?.eventBoard();
          return (
            !!b &&
            b.phase === "running" &&
            b.lines.length === 2 &&
            b.lines.every((l) => l.points >= 3) &&
            b.marks.some((m) => m.includes("pod-kill"))
          );
        },
        "two lines of 3+ seconds and the pod-kill mark on the board",
        30_000,
      );
      const live = (await boardOf(board!))!;
      expect(live.status).toBe("live");
      expect(live.name).toBe("Full house");
      expect(live.clock).toBeGreaterThan(times[0]!);
      expect(live.standings.map((s) => s.teamId).sort()).toEqual(teams.map((t) => t.teamId).sort());
      expect(live.standings[0]!.rank).toBe(1);
      for (const s of live.standings) expect([1, 2]).toContain(s.rank);
      expect(live.lines.map((l) => l.teamId)).toEqual(teams.map((t) => t.teamId));

      // End all: both teams reach their debrief, the board offers the event's.
      await clickTarget(fac, "button", "console-end");
      for (const p of players) await waitForScene(p.page, "Debrief", 30_000);
      await waitFor(
        board!,
        () => window.__reconcile?.eventBoard()?.debriefButton ?? false,
        "the debrief button",
        30_000,
      );
      await clickTarget(board!, "button", "board-debrief");
      await waitFor(
        board!,
        () => window.__reconcile?.eventDebrief()?.status === "ready",
        "the stored debrief",
        30_000,
      );
      expect((await board!.evaluate(() => window.__reconcile.eventDebrief()))!.chartLines).toBe(2);
      const [download] = await Promise.all([
        board!.waitForEvent("download"),
        clickTarget(board!, "button", "event-csv"),
      ]);
      const csv = readFileSync(await download.path(), "utf8");
      const stored = await (await fetch(`${server.url}/api/events/${code}?format=csv`)).text();
      expect(csv).toBe(stored);

      // Its rows are each team's stored match.
      const rows = parse(csv, { columns: true }) as CsvRow[];
      const event = await getJson<EventDebrief>(`/api/events/${code}`);
      expect(event.teams.map((t) => t.teamId).sort()).toEqual(teams.map((t) => t.teamId).sort());
      for (const t of event.teams) {
        const of = (kind: string) => rows.filter((r) => r.kind === kind && r.team_code === t.teamId);
        expect(t.matchId, t.name).toBeTruthy();
        const m = await getJson<StoredMatch>(`/api/matches/${t.matchId}`);
        const r = m.result!;
        expect(r, t.name).toBeTruthy();
        const [team] = of("team");
        expect(team, t.name).toMatchObject({
          team_name: t.name,
          game_second: String(r.time),
          availability: String(r.availability.overall),
          error_budget_left: String(r.errorBudget),
          mean_mttr_s: cell(r.mttr),
          points: String(r.teamPoints),
        });
        const people = of("player").map((p) => [p.player, p.role, p.points]);
        expect(people.sort()).toEqual(m.players.map((p) => [p.name, p.role, String(p.points)]).sort());
        expect(people.map(([name]) => name)).toContain(players.find((p) => p.team.teamId === t.teamId)!.name);
        // Practice chaos: the injected pod-kill is the team's only incident, at the second the pages saw.
        expect(r.incidents.map((i) => [i.cause.split(":")[0], i.source])).toEqual([["pod-kill", "injected"]]);
        const hit = of("incident").filter((i) => i.outcome !== "not affected");
        expect(hit.map((i) => [i.chaos, i.source, i.game_second, i.recovered_after_s])).toEqual(
          r.incidents.map((i) => [
            i.cause.split(":")[0],
            i.source,
            String(Math.floor(i.start + 1e-6)),
            i.end === null ? "" : String(i.mttr ?? Math.round((i.end - i.start) * 1000) / 1000),
          ]),
        );
        expect(Math.floor(r.incidents[0]!.start)).toBe(Math.floor(times[0]!));
        expect(of("availability").length).toBeGreaterThanOrEqual(r.time);
      }
      expect(errors).toEqual([]);
    } catch (e) {
      for (const s of shown) await screenshot(s.page, `competition-full-${s.name}`);
      throw e;
    }
    // Four pages of a shared 2-core machine: more than the default minute.
  }, 240_000);
});
