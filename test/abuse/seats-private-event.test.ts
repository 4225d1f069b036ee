/**
 * A private event (PUBLIC_LOBBY=0): no public listing of matches and their codes — the
 * lobby room does not exist and no request finds a match without its code — while creating
 * a match and joining it by code still work, in Chromium through the Menu.
 */
import type { Browser, Page } from "playwright-core";
import { Client } from "colyseus.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOBBY_ROOM, MATCH_ROOM } from "../../shared/protocol";
import {
  buildClientIfNeeded,
  clickTarget,
  collectErrors,
  launchBrowser,
  openGame,
  screenshot,
  startServer,
  waitFor,
  waitForScene,
  type ServerHandle,
} from "../e2e/helpers";
import { matchmake } from "./http-helpers";

let server: ServerHandle;
let browser: Browser;

describe("PUBLIC_LOBBY=0", () => {
  beforeAll(async () => {
    await buildClientIfNeeded();
    server = await startServer({ PUBLIC_LOBBY: "0" });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("lists nothing: no lobby room, and no way to a match without its code", async () => {
    const client = new Client(`ws://127.0.0.1:${server.port}`);
    await expect(client.joinOrCreate(LOBBY_ROOM)).rejects.toThrow();
    const host = await client.create(MATCH_ROOM, { name: "Host" });
    for (const method of ["join", "joinOrCreate"]) {
      const r = await matchmake(server.port, method, MATCH_ROOM, {}, "127.0.0.30");
      expect(r.status, method).toBe(404);
      expect(r.sessionId).toBeUndefined();
    }
    expect((await matchmake(server.port, "joinById", host.roomId, {}, "127.0.0.30")).sessionId).toBeDefined();
    await host.leave(true);
  });

  it("the Menu still creates a match, and another page joins it by its code", async ({ onTestFailed }) => {
    const host: Page = await openGame(browser, server.url);
    const guest: Page = await openGame(browser, server.url);
    onTestFailed(async () => {
      await screenshot(host, "private-event-host");
      await screenshot(guest, "private-event-guest");
    });
    const errors = [...collectErrors(host), ...collectErrors(guest)];
    await host.fill("input[name=name]", "Ada");
    await clickTarget(host, "button", "create");
    await waitForScene(host, "Lobby");
    const code = await host.evaluate(() => window.__reconcile.code());
    await guest.fill("input[name=name]", "Bob");
    await guest.fill("input[name=code]", code.toLowerCase());
    await clickTarget(guest, "button", "join");
    await waitForScene(guest, "Lobby");
    await waitFor(
      host,
      () => window.__reconcile.view()?.players.length === 2,
      "both players in the host's lobby",
    );
    expect(errors).toEqual([]);
  });
});
