/**
 * The kiosk's offline fallback in Chromium: with the server down, a visitor still plays a
 * round (the shared sim in the browser), enters initials, and the round waits in the
 * browser; when the server is back (restarted on its database) the kiosk uploads it, the
 * server replays it and stores it once — sending the same upload again changes nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildClientIfNeeded,
  launchBrowser,
  screenshot,
  startServer,
  waitFor,
  type ServerHandle,
} from "./helpers";
import { OPERATOR_KEY, board, openBooth, setBooth, startRoundByKeys } from "./boothHelpers";

let server: ServerHandle | undefined;
let browser: Browser;
let dir = "";

describe("e2e: booth kiosk offline fallback", () => {
  beforeAll(async () => {
    await buildClientIfNeeded();
    dir = mkdtempSync(path.join(tmpdir(), "booth-offline-"));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("plays a round with the server down and uploads it once when the server is back", async () => {
    const env = { BOOTH_OPERATOR_KEY: OPERATOR_KEY, RECONCILE_DB: path.join(dir, "results.db") };
    server = await startServer(env);
    const { url, port } = server;
    await setBooth(url, { durationSeconds: 10, role: "scheduler" });
    const { page, errors } = await openBooth(browser, url);
    try {
      // the kiosk has seen the booth's settings; then the server goes away
      await waitFor(
        page,
        () => !!localStorage.getItem("reconcile.booth.config"),
        "the booth config remembered",
      );
      await server.stop();
      server = undefined;
      await waitFor(
        page,
        () => window.__reconcile.texts().some((s) => s.startsWith("The game server is not reachable")),
        "the kiosk saying the server is gone",
        20_000,
      );
      await startRoundByKeys(page);
      expect(await page.evaluate(() => window.__reconcile.boothRound()?.offline)).toBe(true);
      await waitFor(
        page,
        () => window.__reconcile.scenes().join() === "BoothDebrief",
        "the offline debrief",
        40_000,
      );
      await page.keyboard.type("off");
      await page.keyboard.press("Enter");
      await waitFor(page, () => window.__reconcile.boothRound()?.name === "OFF", "the initials kept offline");
      const kept = await page.evaluate(() => localStorage.getItem("reconcile.booth.pending"));
      const pending = JSON.parse(kept ?? "[]") as {
        roundId: string;
        name?: string;
        log: { end?: unknown };
      }[];
      expect(pending).toHaveLength(1);
      expect(pending[0]).toMatchObject({ name: "OFF" });
      expect(pending[0]!.log.end).toBeDefined();
      const roundId = pending[0]!.roundId;

      // the server is back on the same address and database; the visitor leaves (Esc)
      server = await startServer(env, port);
      await page.keyboard.press("Escape");
      await waitFor(page, () => window.__reconcile.boothStage() === "attract", "the attract loop");
      await waitFor(
        page,
        () => (JSON.parse(localStorage.getItem("reconcile.booth.pending") ?? "[]") as unknown[]).length === 0,
        "the offline round uploaded",
        20_000,
      );
      let today = await board(url);
      const entry = today.top.find((e) => e.roundId === roundId);
      expect(entry).toMatchObject({ name: "OFF", offline: true, role: "scheduler" });
      expect(today.roundsToday).toBe(1);

      // the answer was lost, say: the same upload goes again, and nothing changes
      await page.evaluate((raw) => localStorage.setItem("reconcile.booth.pending", raw!), kept);
      await waitFor(
        page,
        () => (JSON.parse(localStorage.getItem("reconcile.booth.pending") ?? "[]") as unknown[]).length === 0,
        "the repeated upload answered",
        20_000,
      );
      today = await board(url);
      expect(today.top.filter((e) => e.roundId === roundId)).toHaveLength(1);
      expect(today.roundsToday).toBe(1);
      expect(
        errors.filter((e) => !/WebSocket|ERR_CONNECTION|Failed to load resource|Failed to fetch/.test(e)),
      ).toEqual([]);
    } catch (e) {
      await screenshot(page, "booth-offline");
      throw e;
    } finally {
      await page.context().close();
    }
  }, 180_000);
});
