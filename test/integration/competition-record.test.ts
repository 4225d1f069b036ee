/**
 * An event is recorded as it runs, through real colyseus.js clients (manual event clock,
 * the test server's results store): its teams as the facilitator adds, renames and removes
 * them before the start, each team's stored match linked on its first running tick, the
 * clock's moves with their times, and the rounds stored as finished by "end all".
 */
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import appConfig from "../../server/app.config";
import { resultsStore } from "../../server/results/service";
import type { StoredEventRecord } from "../../server/store";
import { eventually, eventuallyAsync } from "./helpers";
import { control, createEvent, roster, teamNamed, ticks } from "./competition-event";

const PORT = 3232;
let colyseus: ColyseusTestServer;

beforeAll(async () => {
  colyseus = await boot(appConfig, PORT);
});
afterEach(async () => {
  await colyseus.cleanup();
});
afterAll(async () => {
  await colyseus.shutdown();
});

async function stored(code: string): Promise<StoredEventRecord> {
  return (await resultsStore()!.getEvent(code))!;
}

describe("an event recorded as it runs", () => {
  it("stores its teams as they change, links each team's match, and records the clock's moves", async () => {
    const e = await createEvent(colyseus, 2);
    const code = e.room.roomId;
    const first = await stored(code);
    expect(first.entry).toMatchObject({ code, name: "Dojo", phase: "lobby", outcome: "not started" });
    expect(first.options).toMatchObject({ seed: 4242, clock: "arcade", durationSeconds: 300 });
    await eventuallyAsync(async () => (await stored(code)).teams.length === 2, "both teams stored");

    const team1 = teamNamed(e, "Team 1").teamId;
    const team2 = teamNamed(e, "Team 2").teamId;
    expect(await control(e, { kind: "addTeam", name: "Red Foxes" })).toBeUndefined();
    expect(await control(e, { kind: "renameTeam", team: team1, name: "Blue Herons" })).toBeUndefined();
    expect(await control(e, { kind: "removeTeam", team: team2 })).toBeUndefined();
    await eventually(() => roster(e).length === 2, "the roster of two teams");
    const foxes = teamNamed(e, "Red Foxes").teamId;
    await eventuallyAsync(
      async () =>
        JSON.stringify((await stored(code)).teams.map((t) => t.name)) === '["Blue Herons","Red Foxes"]',
      "the renamed, added and removed teams stored",
    );
    expect((await stored(code)).teams.map((t) => [t.teamId, t.match])).toEqual([
      [team1, null],
      [foxes, null],
    ]);

    expect(await control(e, { kind: "move", move: "start" })).toBeUndefined();
    await ticks(e, 20);
    let s = await stored(code);
    expect(s.entry).toMatchObject({ phase: "running", outcome: "in progress" });
    expect(s.entry.startedAt).not.toBeNull();
    expect(s.teams.map((t) => [t.teamId, t.match?.code, t.match?.status])).toEqual([
      [team1, team1, "running"],
      [foxes, foxes, "running"],
    ]);

    expect(await control(e, { kind: "move", move: "pause" })).toBeUndefined();
    await eventuallyAsync(async () => (await stored(code)).entry.phase === "paused", "the pause stored");
    expect(await control(e, { kind: "move", move: "resume" })).toBeUndefined();
    await ticks(e, 10);
    expect(await control(e, { kind: "move", move: "end" })).toBeUndefined();
    await eventuallyAsync(async () => (await stored(code)).entry.phase === "ended", "the end stored");
    s = await stored(code);
    expect(s.entry).toMatchObject({ outcome: "finished", teams: 2 });
    expect(s.entry.endedAt).not.toBeNull();
    expect(s.teams.map((t) => [t.match?.status, t.match?.result?.time])).toEqual([
      ["finished", 3],
      ["finished", 3],
    ]);

    const res = await fetch(`http://127.0.0.1:${PORT}/api/events/${code}`);
    expect(res.status).toBe(200);
    const d = (await res.json()) as { teams: { name: string; rank: number }[] };
    expect(d.teams.map((t) => t.name).sort()).toEqual(["Blue Herons", "Red Foxes"]);
  });
});
