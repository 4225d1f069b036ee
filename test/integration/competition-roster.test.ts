/**
 * What the console and the board learn of the teams, through real colyseus.js clients: each
 * player's roles and connection (a dropped player shows as not connected while the seat is
 * kept), each team's warnings, and the chart a page gets on (re)loading (`history`), which
 * is exactly the chart a page open from the start drew from the board rows.
 */
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import appConfig from "../../server/app.config";
import { eventually } from "./helpers";
import { chart, control, createEvent, openPage, roster, teamNamed, ticks } from "./competition-event";

let colyseus: ColyseusTestServer;

beforeAll(async () => {
  colyseus = await boot(appConfig, 3102);
});
afterEach(async () => {
  await colyseus.cleanup();
});
afterAll(async () => {
  await colyseus.shutdown();
});

const unheld = (role: string) => ({ code: "ROLE_UNHELD", role, playedBy: "autopilot" });

describe("competition roster", () => {
  it("shows each player's roles and connection, and warns of empty teams and unheld roles", async () => {
    const e = await createEvent(colyseus, 2);
    await ticks(e, 10);
    const [t1, t2] = roster(e).map((t) => t.teamId) as [string, string];
    const ada = await colyseus.sdk.joinById(t1, { name: "Ada", role: "scheduler" });
    const bo = await colyseus.sdk.joinById(t1, { name: "Bo", role: "" });
    await ticks(e, 10);
    expect(teamNamed(e, "Team 1")).toMatchObject({
      players: [
        { name: "Ada", roles: ["scheduler"], connected: true },
        { name: "Bo", roles: [], connected: true },
      ],
      warnings: [unheld("workload-controller"), unheld("service-controller")],
    });
    expect(teamNamed(e, "Team 2")).toMatchObject({
      teamId: t2,
      players: [],
      warnings: [
        { code: "NOBODY_CONNECTED" },
        unheld("scheduler"),
        unheld("workload-controller"),
        unheld("service-controller"),
      ],
    });

    // Ada's wifi drops: her seat and role are kept while she may reconnect, shown not connected.
    ada.connection.close(4999, "wifi dropped");
    await bo.leave();
    await ticks(e, 10);
    await eventually(() => teamNamed(e, "Team 1").players.length === 1, "Bo gone");
    await ticks(e, 10);
    expect(teamNamed(e, "Team 1")).toMatchObject({
      players: [{ name: "Ada", roles: ["scheduler"], connected: false }],
      warnings: [{ code: "NOBODY_CONNECTED" }, unheld("workload-controller"), unheld("service-controller")],
    });
  });
});

describe("competition history", () => {
  it("gives a page that (re)loads the whole chart: availability per game second and the shared chaos marks", async () => {
    const e = await createEvent(colyseus, 2);
    await ticks(e, 10);
    const [t1, t2] = roster(e).map((t) => t.teamId) as [string, string];
    expect(await control(e, { kind: "move", move: "start" })).toBeUndefined();
    await ticks(e, 50);
    expect(await control(e, { kind: "inject", type: "pod-kill", target: "shop/mysql" })).toBeUndefined();
    await ticks(e, 100);
    expect(
      await control(e, { kind: "inject", type: "pod-kill", target: "shop/tomcat", team: t1 }),
    ).toBeUndefined();
    await ticks(e, 100);

    // A board page (re)loads now: its history is the chart the facilitator's page drew.
    const late = await openPage(colyseus, e.page.roomId);
    await eventually(
      () => late.histories.length === 1 && late.boards.length === 1,
      "the late page's history",
    );
    const h = late.histories[0]!;
    const drawn = chart(e);
    expect(h.teams.map((t) => t.teamId)).toEqual([t1, t2]);
    for (const t of h.teams) {
      expect(t.availability.length, "a value per game second so far").toBeGreaterThanOrEqual(25);
      expect(t.availability).toEqual(drawn.get(t.teamId)!.slice(0, t.availability.length));
    }
    expect(Math.min(...h.teams[0]!.availability)).toBeLessThan(1);
    // Shared marks: the injection into all (and any seeded chaos), not the one-team injection.
    const injected = h.chaos.filter((c) => c.source === "injected");
    expect(injected).toEqual([expect.objectContaining({ type: "pod-kill", target: "shop/mysql" })]);
    expect(teamNamed(e, "Team 1").chaos).toContainEqual(
      expect.objectContaining({ target: "shop/tomcat", source: "injected" }),
    );

    // Both pages keep drawing from the board rows: the same chart.
    await ticks(e, 100, late);
    const mine = chart(late);
    const theirs = chart(e);
    for (const id of [t1, t2]) {
      expect(mine.get(id)!.length).toBeGreaterThan(h.teams[0]!.availability.length);
      expect(mine.get(id)).toEqual(theirs.get(id));
    }
  });
});
