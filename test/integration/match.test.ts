/**
 * The match server end to end: a real Colyseus server (boot(appConfig)) and real colyseus.js
 * clients. Rooms run with `manualClock` so each test decides when a tick happens
 * (`room.tickOnce()`), which makes "the next tick" and "nothing changed" exact.
 */
import { execFileSync } from "node:child_process";
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import type { Room as ClientRoom } from "colyseus.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import appConfig from "../../server/app.config";
import type { MatchRoom } from "../../server/rooms/MatchRoom";
import type { MatchMetadata } from "../../server/rooms/listing";
import { ROOM_CODE_ALPHABET } from "../../server/rooms/roomCode";
import { Projector } from "../../server/rooms/project";
import { MatchState } from "../../server/rooms/schema/MatchState";
import {
  ErrorCode,
  LOBBY_ROOM,
  MATCH_ROOM,
  ServerMessage,
  type IntentResultPayload,
} from "../../shared/protocol";
import { createWorld, setRoleMode, stateHash, step, TICK_SECONDS, type QueuedIntent } from "../../shared/sim";
import { collect, collectErrors, eventually, killAndRestoreMysql } from "./helpers";

let colyseus: ColyseusTestServer;

beforeAll(async () => {
  // A port of its own: other suites (e2e) may boot a server on the testing default at the same time.
  process.env.MONITOR_PASSWORD = "booth-secret";
  colyseus = await boot(appConfig, 2571);
});
afterEach(async () => {
  await colyseus.cleanup();
});
afterAll(async () => {
  await colyseus.shutdown();
});

const SEED = 42;

/** Creates a manual-clock match with Ada (host) and Bob, both watching until they pick. */
async function twoPlayerMatch() {
  const a = await colyseus.sdk.create<MatchState>(MATCH_ROOM, {
    seed: SEED,
    manualClock: true,
    name: "Ada",
    role: "",
  });
  const room = colyseus.getRoomById(a.roomId) as MatchRoom;
  const b = await colyseus.sdk.joinById<MatchState>(a.roomId, { name: "Bob", role: "" });
  return { room, a, b };
}

async function syncedTo(room: MatchRoom, ...clients: ClientRoom<MatchState>[]): Promise<void> {
  await room.waitForNextPatch();
  await eventually(
    () =>
      clients.every((c) => c.state.stateHash === room.state.stateHash && c.state.time === room.state.time),
    "clients to receive the patch",
  );
}

function pickRoles(room: MatchRoom, a: ClientRoom<MatchState>, b: ClientRoom<MatchState>) {
  a.send("pickRole", { role: "scheduler" });
  b.send("pickRole", { role: "workload-controller" });
  return eventually(
    () =>
      room.state.roles.get("scheduler")?.holder === a.sessionId &&
      room.state.roles.get("workload-controller")?.holder === b.sessionId,
    "roles to be taken",
  );
}

describe("match room", () => {
  it("gives the room a short code from an unambiguous alphabet and rejects unknown scenarios", async () => {
    const a = await colyseus.sdk.create<MatchState>(MATCH_ROOM, { manualClock: true });
    expect(a.roomId).toMatch(new RegExp(`^[${ROOM_CODE_ALPHABET}]{4}$`));
    const room = colyseus.getRoomById(a.roomId) as MatchRoom;
    expect(room.state.code).toBe(a.roomId);
    expect(room.state.scenario).toBe("nmt");
    expect(room.state.clock).toBe("arcade");
    expect(room.state.difficulty).toBe("standard");
    await expect(colyseus.sdk.create(MATCH_ROOM, { scenario: "no-such-thing" })).rejects.toThrow(
      /UNKNOWN_SCENARIO.*no-such-thing/,
    );
    await expect(colyseus.sdk.create(MATCH_ROOM, { seed: "forty-two" })).rejects.toThrow(/seed/);
    await expect(colyseus.sdk.joinById(a.roomId, { name: "x".repeat(5000) })).rejects.toThrow(/TOO_LONG/);
  });

  it("answers the health check and guards the monitor with basic auth", async () => {
    const res = await colyseus.http.get("/__healthcheck");
    expect(res.statusCode).toBe(200);
    await expect(colyseus.http.get("/colyseus/")).rejects.toMatchObject({ statusCode: 401 });
    const auth = "Basic " + Buffer.from("admin:booth-secret").toString("base64");
    const ok = await colyseus.http.get("/colyseus/api", { headers: { authorization: auth } });
    expect(ok.statusCode).toBe(200);
  });

  it("lists matches in the lobby with scenario, phase and free roles", async () => {
    const a = await colyseus.sdk.create<MatchState>(MATCH_ROOM, { manualClock: true, role: "scheduler" });
    const lobby = await colyseus.sdk.joinOrCreate(LOBBY_ROOM);
    const listings: { roomId: string; metadata: MatchMetadata }[][] = [];
    const updates: [string, { metadata: MatchMetadata }][] = [];
    lobby.onMessage("rooms", (rooms: { roomId: string; metadata: MatchMetadata }[]) => listings.push(rooms));
    lobby.onMessage("+", (u: [string, { metadata: MatchMetadata }]) => updates.push(u));
    await eventually(() => listings.length === 1, "the room list");
    const listed = listings[0]!.find((r) => r.roomId === a.roomId);
    expect(listed?.metadata).toMatchObject({
      scenario: "nmt",
      phase: "lobby",
      freeRoles: ["workload-controller", "service-controller"],
    });
    a.send("start");
    await eventually(
      () => updates.some(([id, r]) => id === a.roomId && r.metadata.phase === "running"),
      "the listing to show the match running",
    );
    await lobby.leave();
  });

  it("two clients join, pick roles, and only the host starts the match", async () => {
    const { room, a, b } = await twoPlayerMatch();
    const bErrors = collectErrors(b);
    expect(room.state.hostId).toBe(a.sessionId);
    expect(room.state.phase).toBe("lobby");
    await pickRoles(room, a, b);
    expect(room.state.roles.get("scheduler")?.mode).toBe("manual");
    expect(room.state.roles.get("workload-controller")?.mode).toBe("manual");
    expect(room.state.roles.get("service-controller")?.mode).toBe("autopilot");
    expect(room.world.roles).toEqual({
      scheduler: "manual",
      "workload-controller": "manual",
      "service-controller": "autopilot",
    });
    expect(room.metadata.freeRoles).toEqual(["service-controller"]);

    b.send("pickRole", { role: "scheduler" });
    b.send("start", {});
    await eventually(() => bErrors.length === 2, "two errors for Bob");
    expect(bErrors.map((e) => e.code)).toEqual([ErrorCode.ROLE_TAKEN, ErrorCode.NOT_HOST]);
    expect(bErrors[0]?.message).toContain("Ada");
    expect(room.state.phase).toBe("lobby");

    a.send("start", {});
    await eventually(() => room.state.phase === "running", "the match to start");
    await syncedTo(room, a, b);
    expect(a.state.phase).toBe("running");
    expect(b.state.players.get(a.sessionId)?.role).toBe("scheduler");
    expect(a.state.players.get(b.sessionId)?.name).toBe("Bob");
  });

  it("a controller's deletePod/createPod and a scheduler's bindPod take effect; both clients see the same world", async () => {
    const { room, a, b } = await twoPlayerMatch();
    await pickRoles(room, a, b);
    a.send("start");
    await eventually(() => room.state.phase === "running", "running");
    const aResults = collect<IntentResultPayload>(a, ServerMessage.intentResult);
    const bResults = collect<IntentResultPayload>(b, ServerMessage.intentResult);

    const victim = room.world.store.list("Pod").find((p) => p.metadata.name.startsWith("nginx-"))!;
    const victimKey = `shop/${victim.metadata.name}`;
    const rs = victim.metadata.ownerReferences![0]!.name;
    b.send("intent", { type: "deletePod", pod: victimKey });
    await eventually(() => room["queue"].length === 1, "the intent to be queued");
    expect(room.world.store.get("Pod", victimKey)).toBeDefined(); // queued, not applied in the handler
    room.tickOnce();
    await eventually(() => bResults.length === 1, "Bob's deletePod result");
    expect(bResults[0]).toMatchObject({
      ok: true,
      kubectl: `kubectl -n shop delete pod ${victim.metadata.name}`,
    });
    expect(room.world.store.get("Pod", victimKey)).toBeUndefined();
    await syncedTo(room, a, b);
    expect(a.state.pods.has(victimKey)).toBe(false);
    expect(b.state.pods.has(victimKey)).toBe(false);

    // The workload controller is manual (Bob holds it): nobody replaced the pod. Bob does.
    b.send("intent", { type: "createPod", owner: `ReplicaSet/shop/${rs}` });
    await eventually(() => room["queue"].length === 1, "createPod queued");
    room.tickOnce();
    await eventually(() => bResults.length === 2, "Bob's createPod result");
    expect(bResults[1]?.ok).toBe(true);
    const pending = room.world.store
      .list("Pod")
      .find((p) => p.metadata.name.startsWith(rs) && !p.spec.nodeName && p.status.phase === "Pending");
    expect(pending).toBeDefined();
    const pendingKey = `shop/${pending!.metadata.name}`;
    // The scheduler is manual too (Ada): the pod stays Pending until she binds it.
    room.tickOnce();
    expect(room.world.store.get("Pod", pendingKey)?.spec.nodeName).toBeUndefined();

    a.send("intent", { type: "bindPod", pod: pendingKey, node: "node-3" });
    await eventually(() => room["queue"].length === 1, "bindPod queued");
    room.tickOnce();
    await eventually(() => aResults.length === 1, "Ada's bindPod result");
    expect(aResults[0]).toMatchObject({ ok: true, actor: "Ada" });
    expect(room.world.store.get("Pod", pendingKey)?.spec.nodeName).toBe("node-3");
    await syncedTo(room, a, b);
    expect(a.state.pods.get(pendingKey)?.node).toBe("node-3");
    expect(b.state.pods.get(pendingKey)?.node).toBe("node-3");
    expect(a.state.pods.get(pendingKey)?.tier).toBe("nginx");
    expect(JSON.stringify(a.state.toJSON())).toBe(JSON.stringify(room.state.toJSON()));
    expect(JSON.stringify(b.state.toJSON())).toBe(JSON.stringify(room.state.toJSON()));
    // Events and kubectl lines name the players, not their session ids.
    expect(room.state.players.get(a.sessionId)?.actor).toBe("Ada");
    expect(aResults[0]?.actor).toBe("Ada");
    const messages = room.world.events.map((e) => e.message);
    expect(messages).toContain(`Stopping pod ${victim.metadata.name} (Bob)`);
    expect(messages.some((m) => m.startsWith("Ada (scheduler): kubectl"))).toBe(true);
    expect(messages.some((m) => m.includes(b.sessionId) || m.includes(a.sessionId))).toBe(false);
    expect(a.state.events.some((e) => e.message.startsWith("Bob (workload-controller): kubectl"))).toBe(true);
  });

  it("refuses an intent outside the sender's role with a reason, changing nothing", async () => {
    const { room, a, b } = await twoPlayerMatch();
    await pickRoles(room, a, b);
    a.send("start");
    await eventually(() => room.state.phase === "running", "running");
    const results = collect<IntentResultPayload>(a, ServerMessage.intentResult);
    const before = stateHash(room.world);
    const pod = room.world.store.list("Pod").find((p) => p.metadata.name.startsWith("tomcat-"))!;
    a.send("intent", { type: "deletePod", pod: `shop/${pod.metadata.name}` });
    await eventually(() => results.length === 1, "the refusal");
    expect(results[0]).toMatchObject({ ok: false, code: "WRONG_ROLE" });
    expect(results[0]?.ok === false && results[0].message).toMatch(/workload-controller/);
    expect(results[0]?.kubectl).toContain("delete pod");
    expect(room["queue"]).toHaveLength(0);
    expect(stateHash(room.world)).toBe(before);
  });

  it("answers every malformed payload with an error and leaves the world unchanged", async () => {
    const { room, a, b } = await twoPlayerMatch();
    await pickRoles(room, a, b);
    a.send("start");
    await eventually(() => room.state.phase === "running", "running");
    room.tickOnce();
    const aErrors = collectErrors(a);
    const bErrors = collectErrors(b);
    const aResults = collect(a, ServerMessage.intentResult);
    const before = stateHash(room.world);
    const pod = `shop/${room.world.store.list("Pod")[0]!.metadata.name}`;

    const bad: [string, unknown, string][] = [
      ["intent", "bindPod", ErrorCode.BAD_PAYLOAD],
      ["intent", 42, ErrorCode.BAD_PAYLOAD],
      ["intent", null, ErrorCode.BAD_PAYLOAD],
      ["intent", [1, 2], ErrorCode.BAD_PAYLOAD],
      ["intent", {}, ErrorCode.BAD_PAYLOAD],
      ["intent", { type: 5 }, ErrorCode.BAD_PAYLOAD],
      ["intent", { type: "rm-rf" }, ErrorCode.UNKNOWN_INTENT],
      ["intent", { type: "__proto__" }, ErrorCode.UNKNOWN_INTENT],
      ["intent", { type: "bindPod" }, ErrorCode.BAD_PAYLOAD],
      ["intent", { type: "bindPod", pod }, ErrorCode.BAD_PAYLOAD],
      ["intent", { type: "bindPod", pod: 7, node: "node-1" }, ErrorCode.BAD_PAYLOAD],
      ["intent", { type: "bindPod", pod: "", node: "node-1" }, ErrorCode.BAD_PAYLOAD],
      ["intent", { type: "bindPod", pod: "x".repeat(3000), node: "node-1" }, ErrorCode.TOO_LONG],
      ["intent", { type: "bindPod", pod, node: "node-1", force: true }, ErrorCode.BAD_PAYLOAD],
      ["intent", { type: "bindPod", pod: "shop/a\u0000b", node: "node-1" }, ErrorCode.BAD_PAYLOAD],
      ["intent", { type: "cordon", node: { $gt: "" } }, ErrorCode.BAD_PAYLOAD],
      ["pickRole", { role: "root" }, ErrorCode.BAD_PAYLOAD],
      ["pickRole", "scheduler", ErrorCode.BAD_PAYLOAD],
      ["pickRole", { role: "scheduler", also: 1 }, ErrorCode.BAD_PAYLOAD],
      ["start", { now: true }, ErrorCode.BAD_PAYLOAD],
      ["restart", "please", ErrorCode.BAD_PAYLOAD],
      ["inject", { type: 3 }, ErrorCode.BAD_PAYLOAD],
      ["inject", { type: "meteor-strike" }, ErrorCode.BAD_PAYLOAD],
      ["inject", { type: "pod-kill", target: "y".repeat(1000) }, ErrorCode.TOO_LONG],
      ["setMode", { role: "scheduler", mode: "turbo" }, ErrorCode.BAD_PAYLOAD],
      ["setMode", { role: "scheduler", mode: "autopilot" }, ErrorCode.ROLE_TAKEN],
      ["hack", { give: "me root" }, ErrorCode.UNKNOWN_MESSAGE],
    ];
    for (const [type, payload] of bad) a.send(type, payload);
    a.sendBytes("intent", new Uint8Array([0xde, 0xad, 0xbe, 0xef]));
    await eventually(() => aErrors.length === bad.length + 1, `${bad.length + 1} errors`);
    expect(aErrors.map((e) => [e.ref, e.code])).toEqual([
      ...bad.map(([type, , code]) => [type.slice(0, 40), code]),
      ["intent", ErrorCode.BAD_PAYLOAD],
    ]);
    for (const e of aErrors) expect(e.message.length).toBeGreaterThan(5);

    // Permission errors for a valid payload from a non-host, and intents from a watcher.
    b.send("inject", { type: "pod-kill", target: "shop/nginx" });
    b.send("restart", {});
    await eventually(() => bErrors.length === 2, "Bob's two errors");
    expect(bErrors.map((e) => e.code)).toEqual([ErrorCode.NOT_HOST, ErrorCode.NOT_HOST]);

    expect(aResults).toHaveLength(0);
    expect(room["queue"]).toHaveLength(0);
    expect(room.state.phase).toBe("running");
    expect(stateHash(room.world)).toBe(before);

    // And the next tick equals a reference world stepped with no intents at all.
    const ref = createWorld({ scenario: "nmt", seed: SEED, clock: "arcade" });
    setRoleMode(ref, "scheduler", "manual");
    setRoleMode(ref, "workload-controller", "manual");
    step(ref, [], TICK_SECONDS);
    step(ref, [], TICK_SECONDS);
    room.tickOnce();
    expect(stateHash(room.world)).toBe(stateHash(ref));
  });

  it("keeps a dropped player's seat, role and points when they are back within 30 s", async () => {
    const { room, a, b } = await twoPlayerMatch();
    a.send("pickRole", { role: "workload-controller" });
    await eventually(() => room.state.roles.get("workload-controller")?.holder === a.sessionId, "role");
    a.send("start");
    await eventually(() => room.state.phase === "running", "running");
    for (let i = 0; i < 50; i++) room.tickOnce();
    await killAndRestoreMysql(room, a, a);
    room.onBeforePatch();
    const points = room.state.players.get(a.sessionId)?.points ?? 0;
    expect(points).toBeGreaterThan(0);

    const token = a.reconnectionToken;
    const id = a.sessionId;
    a.connection.close(4999, "wifi dropped");
    await eventually(() => room.state.players.get(id)?.connected === false, "Ada to show as disconnected");
    expect(room.state.roles.get("workload-controller")?.holder).toBe(id);
    expect(room.state.players.get(id)?.role).toBe("workload-controller");

    const back = await colyseus.sdk.reconnect<MatchState>(token);
    expect(back.sessionId).toBe(id);
    await eventually(() => room.state.players.get(id)?.connected === true, "Ada to be back");
    expect(room.state.players.get(id)?.role).toBe("workload-controller");
    expect(room.state.players.get(id)?.points).toBe(points);
    expect(room.state.hostId).toBe(id);
    expect(room.world.roles["workload-controller"]).toBe("manual");
    // Still able to act in her role, under the same actor: the score keeps one tally for her.
    const results = collect<IntentResultPayload>(back, ServerMessage.intentResult);
    back.send("intent", { type: "scale", workload: "Deployment/shop/tomcat", replicas: 3 });
    await eventually(() => room["queue"].length === 1, "scale queued");
    room.tickOnce();
    await eventually(() => results.length === 1, "scale result");
    expect(results[0]).toMatchObject({ ok: true, actor: "Ada" });
    await syncedTo(room, back, b);
    expect(back.state.players.get(id)?.points).toBe(points);
    expect(Object.keys(room.world.score.players)).toEqual(["Ada"]);
    expect(room.world.score.players.Ada?.actions).toBe(2);
  });

  it("a player who leaves frees the role back to autopilot and passes on the host", async () => {
    const { room, a, b } = await twoPlayerMatch();
    await pickRoles(room, a, b);
    await a.leave(true);
    await eventually(() => !room.state.players.has(a.sessionId), "Ada to be gone");
    expect(room.state.roles.get("scheduler")?.holder).toBe("");
    expect(room.state.roles.get("scheduler")?.mode).toBe("autopilot");
    expect(room.world.roles.scheduler).toBe("autopilot");
    expect(room.state.hostId).toBe(b.sessionId);
    expect(room.metadata.freeRoles).toEqual(["scheduler", "service-controller"]);
  });

  it("with no players in any role, autopilot keeps nmt healthy", async () => {
    const room = (await colyseus.createRoom(MATCH_ROOM, { seed: 7, manualClock: true })) as MatchRoom;
    expect(Object.values(room.world.roles)).toEqual(["autopilot", "autopilot", "autopilot"]);
    room.startMatch();
    for (let i = 0; i < 1200; i++) room.tickOnce(); // 120 game seconds, scenario chaos included
    expect(room.world.time).toBeCloseTo(120, 5);
    room.onBeforePatch();
    expect(room.state.availability.overall).toBeGreaterThanOrEqual(0.9);
    expect(room.world.traffic.total).toBeGreaterThan(100);
    expect(room.state.pods.size).toBeGreaterThanOrEqual(5);
    expect([...room.state.pods.values()].filter((p) => p.tier === "nginx" && p.ready)).toHaveLength(2);
  });

  it("runs the scenario's seeded chaos by default and none in a practice round (chaos: false)", async () => {
    const scheduled = (await colyseus.createRoom(MATCH_ROOM, { seed: 7, manualClock: true })) as MatchRoom;
    const practice = (await colyseus.createRoom(MATCH_ROOM, {
      seed: 7,
      manualClock: true,
      chaos: false,
    })) as MatchRoom;
    expect(scheduled.state.chaos).toBe(true);
    expect(practice.state.chaos).toBe(false);
    expect(scheduled.world.chaos.pending.length).toBeGreaterThan(0);
    expect(practice.world.chaos.pending).toHaveLength(0);
    await expect(colyseus.sdk.create(MATCH_ROOM, { chaos: "yes" })).rejects.toThrow(/chaos/);
  });

  it("ends in a debrief with the timeline, and the host's restart brings a fresh world to the lobby", async () => {
    const a = await colyseus.sdk.create<MatchState>(MATCH_ROOM, {
      seed: 3,
      manualClock: true,
      durationSeconds: 10,
      name: "Ada",
    });
    const room = colyseus.getRoomById(a.roomId) as MatchRoom;
    const startHash = stateHash(room.world);
    a.send("start");
    await eventually(() => room.state.phase === "running", "running");
    for (let i = 0; i < 100; i++) room.tickOnce();
    expect(room.state.phase).toBe("debrief");
    room.tickOnce(); // frozen
    expect(room.world.time).toBeCloseTo(10, 5);
    expect(room.state.debrief.timeline.length).toBe(room.world.traffic.perSecond.length);
    expect(room.state.debrief.timeline.length).toBeGreaterThan(5);
    expect(room.state.debrief.requests).toBe(room.world.traffic.total);
    await syncedTo(room, a);
    expect(a.state.phase).toBe("debrief");
    expect(a.state.debrief.timeline.length).toBe(room.state.debrief.timeline.length);

    a.send("restart");
    await eventually(() => room.state.phase === "lobby", "lobby again");
    expect(room.world.time).toBe(0);
    expect(stateHash(room.world)).toBe(startHash);
    expect(room.state.players.get(a.sessionId)?.role).toBe("scheduler");
  });
});

describe("determinism", () => {
  it("a room with nobody in a role matches the sim run directly (the CLI's loop)", async () => {
    const room = (await colyseus.createRoom(MATCH_ROOM, { seed: SEED, manualClock: true })) as MatchRoom;
    room.startMatch();
    const ticks = 30 * 10;
    for (let i = 0; i < ticks; i++) room.tickOnce();
    const ref = createWorld({ scenario: "nmt", seed: SEED, clock: "arcade" });
    for (let i = 0; i < ticks; i++) step(ref, [], TICK_SECONDS);
    expect(stateHash(room.world)).toBe(stateHash(ref));
    // And the real CLI, as a separate process.
    const out = execFileSync(
      "node_modules/.bin/tsx",
      ["server/cli/sim.ts", "--scenario", "nmt", "--seed", String(SEED), "--duration", "30", "--json"],
      { encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } },
    );
    const cli = JSON.parse(out) as { stateHash: string; ticks: number };
    expect(cli.ticks).toBe(ticks);
    expect(stateHash(room.world)).toBe(cli.stateHash);
  });

  it("the same intents on the same ticks give the same stateHash as the sim alone", async () => {
    const a = await colyseus.sdk.create<MatchState>(MATCH_ROOM, {
      seed: SEED,
      manualClock: true,
      role: "workload-controller",
    });
    const room = colyseus.getRoomById(a.roomId) as MatchRoom;
    a.send("start");
    await eventually(() => room.state.phase === "running", "running");
    const ref = createWorld({ scenario: "nmt", seed: SEED, clock: "arcade" });
    setRoleMode(ref, "workload-controller", "manual");
    const plan = new Map<number, QueuedIntent["intent"]>([
      [5, { type: "scale", workload: "Deployment/shop/tomcat", replicas: 3 }],
      [
        40,
        {
          type: "deletePod",
          pod: `shop/${ref.store.list("Pod").find((p) => p.metadata.name.startsWith("nginx-"))!.metadata.name}`,
        },
      ],
    ]);
    for (let t = 0; t < 100; t++) {
      const intent = plan.get(t);
      if (intent) {
        a.send("intent", intent);
        await eventually(() => room["queue"].length === 1, `intent at tick ${t} queued`);
      }
      room.tickOnce();
      const actor = room.state.players.get(a.sessionId)!.actor;
      step(ref, intent ? [{ actor, role: "workload-controller", intent }] : [], TICK_SECONDS);
    }
    expect(room.world.store.get("Deployment", "shop/tomcat")?.spec.replicas).toBe(3);
    expect(stateHash(room.world)).toBe(stateHash(ref));
  });
});

describe("projection", () => {
  it("client mirrors equal the server state patch after patch, through chaos and injected faults", async () => {
    const a = await colyseus.sdk.create<MatchState>(MATCH_ROOM, { seed: 11, manualClock: true, role: "" });
    const b = await colyseus.sdk.joinById<MatchState>(a.roomId, { role: "" });
    const room = colyseus.getRoomById(a.roomId) as MatchRoom;
    const injected = collect<{ ok: boolean; message: string }>(a, ServerMessage.injectResult);
    a.send("start");
    await eventually(() => room.state.phase === "running", "running");
    let compared = 0;
    for (let patch = 0; patch < 24; patch++) {
      if (patch % 6 === 3) {
        a.send("inject", { type: "pod-kill", target: patch % 12 === 3 ? "shop/nginx" : "shop/tomcat" });
        await eventually(() => room["injects"].length === 1, "injection queued");
      }
      for (let t = 0; t < 5; t++) room.tickOnce();
      await syncedTo(room, a, b);
      const server = JSON.stringify(room.state.toJSON());
      expect(JSON.stringify(a.state.toJSON())).toBe(server);
      expect(JSON.stringify(b.state.toJSON())).toBe(server);
      // Incremental projection (skips, version checks) equals projecting from scratch.
      const fresh = new MatchState();
      new Projector().project(fresh, room.world, { hash: true, windowSeconds: room.opts.durationSeconds });
      for (const k of [
        "nodes",
        "pods",
        "services",
        "endpoints",
        "dns",
        "pvcs",
        "workloads",
        "availability",
      ] as const) {
        // Map order is insertion order (new pods come last); compare by key.
        const pick = (st: MatchState) => {
          const v = st[k].toJSON() as Record<string, unknown>;
          const sorted = Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((key) => [key, v[key]]),
          );
          return JSON.stringify(sorted, (key, val: unknown) => (key === "changedAt" ? 0 : val));
        };
        expect(pick(room.state), k).toBe(pick(fresh));
      }
      expect(room.state.stateHash).toBe(fresh.stateHash);
      compared++;
    }
    expect(compared).toBe(24);
    expect(injected.length).toBe(4);
    expect(injected.every((r) => r.ok)).toBe(true);
    expect(room.world.events.filter((e) => e.severity === "Chaos").length).toBeGreaterThanOrEqual(4);
    expect(room.state.events.length).toBe(30);
  });
});
