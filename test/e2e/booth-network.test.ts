/**
 * Flaky booth wifi, for real: the kiosk page reaches the server through a TCP proxy that
 * the test cuts for 10 s in the middle of a round (every open connection reset, every new
 * one refused). The round carries on to its debrief and is stored on today's board. Cut
 * longer than the seat is kept, the kiosk goes back to its attract loop and says why.
 */
import { connect, createServer, type Server, type Socket } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildClientIfNeeded,
  freePort,
  launchBrowser,
  screenshot,
  startServer,
  waitFor,
  type ServerHandle,
} from "./helpers";
import { OPERATOR_KEY, board, openBooth, setBooth, startRoundByKeys } from "./boothHelpers";

/** A loopback TCP proxy whose link can be cut: what a dropped booth wifi does to the page. */
class CuttableLink {
  private readonly sockets = new Set<Socket>();
  private cut = false;
  private readonly server: Server;

  constructor(private readonly target: number) {
    this.server = createServer((client) => {
      if (this.cut) return void client.destroy();
      const upstream = connect(this.target, "127.0.0.1");
      for (const [a, b] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.sockets.add(a);
        a.pipe(b);
        a.on("error", () => b.destroy());
        a.on("close", () => {
          this.sockets.delete(a);
          b.destroy();
        });
      }
    });
  }

  /** Listens on a free loopback port; returns it. */
  async listen(): Promise<number> {
    const port = await freePort();
    await new Promise<void>((resolve) => this.server.listen(port, "127.0.0.1", resolve));
    return port;
  }

  /** Resets every connection and refuses new ones for `ms`. */
  async cutFor(ms: number): Promise<void> {
    this.cut = true;
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => setTimeout(r, ms));
    this.cut = false;
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let server: ServerHandle;
let browser: Browser;
let link: CuttableLink;
let url = "";

describe("e2e: booth kiosk on flaky wifi", () => {
  beforeAll(async () => {
    await buildClientIfNeeded();
    server = await startServer({ BOOTH_OPERATOR_KEY: OPERATOR_KEY });
    link = new CuttableLink(server.port);
    url = `http://127.0.0.1:${await link.listen()}`;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await link?.close();
    await server?.stop();
  });

  it("a 10 s cut of the kiosk's connection mid-round: the round reaches its debrief and is stored", async () => {
    await setBooth(server.url, { durationSeconds: 45, role: "scheduler" });
    const { page, errors } = await openBooth(browser, url);
    try {
      await startRoundByKeys(page);
      await waitFor(page, () => (window.__reconcile.view()?.time ?? 0) >= 5, "5 s of the round", 20_000);
      const cutAt = await page.evaluate(() => window.__reconcile.view()!.time);
      await link.cutFor(10_000);
      await waitFor(
        page,
        () => window.__reconcile.netHistory().includes("reconnected"),
        "the kiosk reconnected",
        30_000,
      );
      expect(await page.evaluate(() => window.__reconcile.netHistory())).toContain("reconnecting");
      // the same round, later: the server kept playing it while the page was cut off
      const back = await page.evaluate(() => ({
        scene: window.__reconcile.scenes().join(),
        time: window.__reconcile.view()?.time ?? 0,
      }));
      expect(back.scene).toBe("Match");
      expect(back.time).toBeGreaterThan(cutAt + 9);
      await waitFor(page, () => window.__reconcile.scenes().join() === "BoothDebrief", "the debrief", 60_000);
      await waitFor(page, () => window.__reconcile.boothRound()?.rankToday !== undefined, "the round stored");
      const round = await page.evaluate(() => window.__reconcile.boothRound());
      const stored = await board(server.url);
      expect(stored.top.filter((e) => e.roundId === round!.roundId)).toHaveLength(1);
      expect(stored.roundsToday).toBe(1);
      expect(errors.filter((e) => !/WebSocket|ERR_CONNECTION|Failed to load resource/.test(e))).toEqual([]);
    } catch (e) {
      await screenshot(page, "booth-network-drop");
      throw e;
    } finally {
      await page.context().close();
    }
  }, 180_000);

  it("cut off longer than the seat is kept: the kiosk says so in its attract loop, and plays on when the link is back", async () => {
    await setBooth(server.url, { durationSeconds: 120, role: "scheduler" });
    const { page, errors } = await openBooth(browser, url);
    try {
      await startRoundByKeys(page);
      const cut = link.cutFor(45_000);
      await waitFor(
        page,
        () => window.__reconcile.boothStage() === "attract",
        "the attract loop once the seat is lost",
        45_000,
      );
      const during = (await page.evaluate(() => window.__reconcile.texts())).join("\n");
      expect(during).toContain("The connection to the game server was lost");
      await waitFor(
        page,
        () => window.__reconcile.texts().some((t) => t.startsWith("The game server is not reachable")),
        "the attract loop saying the server cannot be reached",
        15_000,
      );
      await cut;
      await waitFor(
        page,
        () => !window.__reconcile.texts().some((t) => t.startsWith("The game server is not reachable")),
        "the attract loop seeing the server again",
        20_000,
      );
      // the demo never stopped, and the next visitor can play
      expect(await page.evaluate(() => window.__reconcile.boothStage())).toBe("attract");
      await startRoundByKeys(page);
      expect(await page.evaluate(() => window.__reconcile.boothRound()?.offline)).toBe(false);
      expect(
        errors.filter((e) => !/WebSocket|ERR_CONNECTION|Failed to load resource|Failed to fetch/.test(e)),
      ).toEqual([]);
    } catch (e) {
      await screenshot(page, "booth-network-gone");
      throw e;
    } finally {
      await page.context().close();
    }
  }, 240_000);
});
