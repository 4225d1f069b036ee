/**
 * The competition's public screens in Chromium against the real server: an event of two
 * teams on autopilot is created with colyseus.js (as the facilitator's page does), started,
 * and hit by one injected fault; a board page (`#/event/<code>/board`, 1920×1080) ranks both
 * teams and draws both lines with the chaos mark; a reload redraws the same past from the
 * `history`; after "end all" the board offers the debrief, whose CSV download is byte for
 * byte the stored results (`GET /api/events/<code>?format=csv`); after a server restart the
 * board shows the final board from the store; an unknown code says so.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client, type Room } from "colyseus.js";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildClientIfNeeded,
  clickTarget,
  collectErrors,
  launchBrowser,
  screenshot,
  startServer,
  visibleText,
  waitFor,
  type ServerHandle,
} from "./helpers";
import { boardOf } from "./competitionPages";

const PORT = 3402;

let server: ServerHandle;
let browser: Browser;
let dir: string;
const pages: Page[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "reconcile-board-"));
  await buildClientIfNeeded();
  server = await startServer({ RECONCILE_DB: join(dir, "results.db") }, PORT);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for a condition in the test process. */
async function until(cond: () => boolean, what: string, ms = 30_000): Promise<void> {
  for (const end = Date.now() + ms; !cond(); await sleep(25))
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
}

/** Opens a page of the game at an address and size (language preset), collecting its errors. */
async function open(hash: string, size = { width: 1920, height: 1080 }, lang = "en") {
  const page = await browser.newPage({ viewport: size, acceptDownloads: true });
  pages.push(page);
  const errors = collectErrors(page);
  await page.addInitScript((l) => localStorage.setItem("reconcile.lang", l), lang);
  await page.goto(`${server.url}/${hash}`);
  return { page, errors };
}

describe("competition board and debrief", () => {
  let fac: Room;
  let key = "";
  let code = "";

  it("ranks both teams and draws both lines with the chaos mark; a reload redraws the same past", async () => {
    const client = new Client(`ws://127.0.0.1:${PORT}`);
    fac = await client.create("event", {
      name: "SRE Dojo",
      teams: 2,
      seed: 11,
      durationSeconds: 40,
      difficulty: "standard",
    });
    fac.onMessage("facilitator", (m: { key: string }) => (key = m.key));
    fac.onMessage("*", () => undefined);
    await until(() => key !== "", "the facilitator key");
    code = fac.roomId;
    fac.send("control", { key, kind: "move", move: "start" });
    await sleep(3000);
    fac.send("control", { key, kind: "inject", type: "node-crash", target: "node-1" });

    const { page, errors } = await open(`#/event/${code}/board`);
    try {
      await waitFor(
        page,
        () => {
          const b = window.__reconcile?.eventBoard();
          return (
            !!b &&
            b.standings.length === 2 &&
            b.lines.every((l) => l.points >= 8) &&
            b.marks.some((m) => m.includes("node-crash")) &&
            b.standings.some((s) => (s.availability ?? 1) < 1)
          );
        },
        "two ranked teams, two lines of 8+ seconds, the node-crash mark and a dip",
        40_000,
      );
      const before = (await boardOf(page))!;
      expect(before.status).toBe("live");
      expect(before.name).toBe("SRE Dojo");
      expect(before.phase).toBe("running");
      expect(before.standings.map((s) => s.name).sort()).toEqual(["Team 1", "Team 2"]);
      expect(before.standings.every((s) => s.rank === 1 || s.rank === 2)).toBe(true);
      expect(before.standings[0]!.rank).toBe(1);
      expect(before.lines.map((l) => l.name)).toEqual(["Team 1", "Team 2"]);
      const text = await visibleText(page);
      expect(text).toContain("Team 1");
      expect(text).toContain("Availability");
      await screenshot(page, "competition-board-1920");
      // it follows the event at least once a second
      await sleep(2500);
      expect((await boardOf(page))!.clock).toBeGreaterThanOrEqual(before.clock + 2);

      // A reload: the history draws the seconds already played, with the same values (not a flat line)
      for (const line of before.lines) expect(new Set(line.values).size).toBeGreaterThan(1);
      await page.reload();
      // without the history the reloaded lines would be flat at today's value (the board fills skipped seconds)
      const expected = before.lines.map((l) => l.values);
      try {
        await page.waitForFunction(
          (want) => {
            const lines = window.__reconcile?.eventBoard()?.lines ?? [];
            return (
              lines.length === want.length &&
              want.every((v, i) => JSON.stringify(lines[i]!.values.slice(0, v.length)) === JSON.stringify(v))
            );
          },
          expected,
          { timeout: 15_000, polling: 100 },
        );
      } catch {
        const after = (await boardOf(page))!;
        expect(after.lines.map((l) => l.values.slice(0, expected[0]!.length))).toEqual(expected);
      }
      expect((await boardOf(page))!.status).toBe("live");
      expect(errors).toEqual([]);
    } catch (e) {
      await screenshot(page, "competition-board-failure");
      throw e;
    }
  });

  it("offers the debrief when the event ends; its CSV download is the stored results", async () => {
    const page = pages[0]!;
    fac.send("control", { key, kind: "move", move: "end" });
    try {
      await waitFor(
        page,
        () => window.__reconcile?.eventBoard()?.debriefButton ?? false,
        "the debrief button",
      );
      expect((await boardOf(page))!.phase).toBe("ended");
      await clickTarget(page, "button", "board-debrief");
      await waitFor(
        page,
        () => window.__reconcile?.eventDebrief()?.status === "ready",
        "the stored debrief",
        20_000,
      );
      const state = (await page.evaluate(() => window.__reconcile.eventDebrief()))!;
      expect(state.teams.sort()).toEqual(["Team 1", "Team 2"]);
      expect(state.incidents).toBeGreaterThanOrEqual(1);
      expect(state.chartLines).toBe(2);
      expect(page.url()).toContain(`#/event/${code}/debrief`);
      await screenshot(page, "competition-debrief-1920");

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        clickTarget(page, "button", "event-csv"),
      ]);
      const file = await download.path();
      const csv = readFileSync(file, "utf8");
      const stored = await (await fetch(`${server.url}/api/events/${code}?format=csv`)).text();
      expect(csv).toBe(stored);
      expect(csv).toContain("Team 1");
      expect(csv).toContain("Team 2");
    } catch (e) {
      await screenshot(page, "competition-debrief-failure");
      throw e;
    }
    await fac.leave();
  });

  it("after a server restart the board shows the final board from the store", async () => {
    for (const p of pages.splice(0)) await p.close();
    await server.stop();
    server = await startServer({ RECONCILE_DB: join(dir, "results.db") }, PORT);
    const { page, errors } = await open(`#/event/${code}/board`, { width: 1366, height: 768 }, "zh");
    try {
      await waitFor(
        page,
        () => {
          const b = window.__reconcile?.eventBoard();
          // the stored data drawn, not only received (the test hook reads the last drawing)
          return b?.status === "stored" && !b.redrawPending;
        },
        "the stored board, drawn",
        20_000,
      );
      const b = (await boardOf(page))!;
      expect(b.standings.map((s) => s.name).sort()).toEqual(["Team 1", "Team 2"]);
      expect(b.lines.map((l) => l.points > 5)).toEqual([true, true]);
      expect(b.phase).toBe("ended");
      expect(b.debriefButton).toBe(true);
      const text = await visibleText(page);
      expect(text).toContain("记分板");
      expect(text).toContain("打开复盘");
      await screenshot(page, "competition-board-stored-1366-zh");
      expect(errors.filter((e) => !e.includes("404"))).toEqual([]);
    } catch (e) {
      await screenshot(page, "competition-board-stored-failure");
      throw e;
    }
  });

  it("an unknown event code says so on the board and on the debrief", async () => {
    const { page } = await open(`#/event/ZZZZ/debrief`, { width: 1366, height: 768 });
    await waitFor(
      page,
      () => window.__reconcile?.eventDebrief()?.status === "notFound",
      "the debrief's not found",
    );
    expect(await visibleText(page)).toContain("No event has the code ZZZZ");
    await page.goto(`${server.url}/#/event/ZZZZ/board`);
    await page.reload();
    await waitFor(
      page,
      () => window.__reconcile?.eventBoard()?.status === "notFound",
      "the board's not found",
    );
    expect(await visibleText(page)).toContain("No event has the code ZZZZ");
  });
});
