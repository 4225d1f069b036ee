/**
 * An uploaded scenario file through the real server and real colyseus.js clients: the
 * match runs the file's world (its own name and replica counts), the server re-validates the
 * file (a bad one is refused with file:line errors), the file travels in the match log so a
 * replay reaches the hash the clients saw, and a competition gives every team the file.
 */
import { matchMaker } from "@colyseus/core";
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import appConfig from "../../server/app.config";
import { EVENT_ROOM, type EventRoom } from "../../server/rooms/EventRoom";
import type { MatchRoom } from "../../server/rooms/MatchRoom";
import type { MatchState } from "../../server/rooms/schema/MatchState";
import { replayLog } from "../../shared/match";
import { MATCH_ROOM } from "../../shared/protocol";
import { stateHash } from "../../shared/sim";
import { BUILTIN_SCENARIO_FILES } from "../../shared/sim/scenarios/builtin.generated";
import { eventuallyAsync, sent, synced, tickSeconds } from "./helpers";

let colyseus: ColyseusTestServer;

beforeAll(async () => {
  colyseus = await boot(appConfig, 3620);
});
afterEach(async () => {
  await colyseus.cleanup();
});
afterAll(async () => {
  await colyseus.shutdown();
});

/** The nmt file renamed `my-shop`, with three nginx replicas: bigger than the default 4 KB body limit. */
const MY_SHOP = BUILTIN_SCENARIO_FILES["nmt.yaml"]!.replace("  name: nmt\n", "  name: my-shop\n").replace(
  "  replicas: 2\n  selector:\n    matchLabels:\n      app: nginx",
  "  replicas: 3\n  selector:\n    matchLabels:\n      app: nginx",
);

describe("uploaded scenario files", () => {
  it("a match created with a file runs it, and its log replays to the clients' hash", async () => {
    expect(MY_SHOP.length).toBeGreaterThan(4096);
    const a = await colyseus.sdk.create<MatchState>(MATCH_ROOM, {
      scenarioFile: { name: "my-shop.yaml", text: MY_SHOP },
      seed: 11,
      durationSeconds: 10,
      manualClock: true,
      name: "Ada",
      role: "scheduler",
    });
    const room = colyseus.getRoomById(a.roomId) as MatchRoom;
    await synced(room, a);
    expect(a.state.scenario).toBe("my-shop");
    const nginx = [...a.state.pods.values()].filter((p) => p.workload === "Deployment/shop/nginx");
    expect(nginx).toHaveLength(3);
    await sent(room, a, "start");
    tickSeconds(room, 11);
    await synced(room, a);
    expect(a.state.phase).toBe("debrief");
    const log = JSON.parse(JSON.stringify(room.match.log));
    expect(log.options.scenarioFile).toEqual({ name: "my-shop.yaml", text: MY_SHOP });
    expect(stateHash(replayLog(log))).toBe(a.state.stateHash);
  });

  it("the server re-validates the file: a bad one is refused with file, line and field, and creates no room", async () => {
    const before = (await matchMaker.query({ name: MATCH_ROOM })).length;
    const bad = MY_SHOP.replace("  replicas: 1\n", "  replicas: lots\n");
    await expect(
      colyseus.sdk.create(MATCH_ROOM, { scenarioFile: { name: "my-shop.yaml", text: bad } }),
    ).rejects.toThrow(/INVALID_SCENARIO: my-shop\.yaml:\d+: spec\.replicas: expected a number/);
    await expect(
      colyseus.sdk.create(MATCH_ROOM, { scenarioFile: { name: "x.yaml", text: "#".repeat(300_000) } }),
    ).rejects.toThrow(/TOO_LONG/);
    expect((await matchMaker.query({ name: MATCH_ROOM })).length).toBe(before);
  });

  it("a competition created with a file gives every team that scenario", async () => {
    const facilitator = await colyseus.sdk.create(EVENT_ROOM, {
      name: "Dojo",
      teams: 2,
      scenarioFile: { name: "my-shop.yaml", text: MY_SHOP },
      manualClock: true,
    });
    const event = matchMaker.getLocalRoomById(facilitator.roomId) as EventRoom;
    expect(event).toBeDefined();
    await eventuallyAsync(
      async () => (await matchMaker.query({ name: MATCH_ROOM })).length === 2,
      "two teams",
    );
    for (const listing of await matchMaker.query({ name: MATCH_ROOM })) {
      const team = matchMaker.getLocalRoomById(listing.roomId) as MatchRoom;
      expect(team.match.options).toMatchObject({
        scenario: "my-shop",
        scenarioFile: { name: "my-shop.yaml" },
      });
      expect(
        team.match.world.store.list("Pod").filter((p) => p.metadata.name.startsWith("nginx-")),
      ).toHaveLength(3);
    }
    facilitator.leave();
  });
});
