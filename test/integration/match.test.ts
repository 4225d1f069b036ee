/**
 * The match server end to end: a real Colyseus server (boot(appConfig)) and real colyseus.js
 * clients. Rooms run with `manualClock` so each test decides when a tick happens
 * (`room.tickOnce()`), which makes "the next tick" and "nothing changed" exact. Every
 * assertion about the match reads what a client decoded (`client.state`, after `synced`) or
 * received; the world is compared through the state's `stateHash` with a sim run.
 */
import { execFileSync } from "node:child_process";
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import appConfig from "../../server/app.config";
import type { MatchMetadata, MatchRoom } from "../../server/rooms/MatchRoom";
import { ROOM_CODE_ALPHABET } from "../../server/rooms/roomCode";
import { Projector } from "../../server/rooms/project";
import { projectOptions } from "../../server/rooms/projection/seats";
import { MatchState } from "../../server/rooms/schema/MatchState";
import { Match, type MatchOptions } from "../../shared/match";
import {
  ErrorCode,
  LOBBY_ROOM,
  MATCH_ROOM,
  ServerMessage,
  type Difficulty,
  type IntentResultPayload,
} from "../../shared/protocol";
import {
  createWorld,
  setRoleMode,
  stateHash,
  step,
  TICK_SECONDS,
  type ClockName,
  type QueuedIntent,
  type Role,
  type World,
} from "../../shared/sim";
import {
  collect,
  collectErrors,
  eventually,
  eventuallyAsync,
  EventTrail,
  killAndRestoreMysql,
  sent,
  sortedJson,
  synced,
  tickSeconds,
  type Client,
} from "./helpers";

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

/** Creates a manual-clock match and returns the creator's client with the server room (the test's clock). */
async function create(options: Record<string, unknown>): Promise<{ room: MatchRoom; a: Client }> {
  const a = await colyseus.sdk.create<MatchState>(MATCH_ROOM, { manualClock: true, ...options });
  const room = colyseus.getRoomById(a.roomId) as MatchRoom;
  await synced(room, a);
  return { room, a };
}

/** Creates a manual-clock match with Ada (host) and Bob, both watching until they pick. */
async function twoPlayerMatch(options: Record<string, unknown> = {}) {
  const { room, a } = await create({ seed: SEED, name: "Ada", role: "", ...options });
  const b = await colyseus.sdk.joinById<MatchState>(a.roomId, { name: "Bob", role: "" });
  await synced(room, a, b);
  return { room, a, b };
}

/** Ada takes the scheduler, Bob the workload controller. */
async function pickRoles(room: MatchRoom, a: Client, b: Client): Promise<void> {
  await sent(room, a, "pickRole", { role: "scheduler" });
  await sent(room, b, "pickRole", { role: "workload-controller" });
  await synced(room, a, b);
  for (const c of [a, b]) {
    expect(c.state.roles.get("scheduler")?.holder).toBe(a.sessionId);
    expect(c.state.roles.get("workload-controller")?.holder).toBe(b.sessionId);
  }
}

/** The host starts the match; every client sees it running. */
async function start(room: MatchRoom, host: Client, ...others: Client[]): Promise<void> {
  await sent(room, host, "start");
  await synced(room, host, ...others);
  for (const c of [host, ...others]) expect(c.state.phase).toBe("running");
}

/** The sim alone: nmt at `seed`, with `manual` roles, stepped `ticks` times with no intents. */
function simWorld(seed: number, manual: Role[] = [], ticks = 0): World {
  const w = createWorld({ scenario: "nmt", seed, clock: "arcade" });
  for (const role of manual) setRoleMode(w, role, "manual");
  for (let i = 0; i < ticks; i++) step(w, [], TICK_SECONDS);
  return w;
}

/** What the LobbyRoom lists for a room now (a fresh lobby client asks). */
async function listing(roomId: string): Promise<MatchMetadata | undefined> {
  const lobby = await colyseus.sdk.joinOrCreate(LOBBY_ROOM);
  try {
    const rooms = await new Promise<{ roomId: string; metadata: MatchMetadata }[]>((resolve) =>
      lobby.onMessage("rooms", resolve),
    );
    return rooms.find((r) => r.roomId === roomId)?.metadata;
  } finally {
    await lobby.leave();
  }
}

/** Waits until the lobby lists exactly `roles` as the room's free roles. */
async function listedFreeRoles(roomId: string, roles: Role[]): Promise<void> {
  await eventuallyAsync(
    async () => JSON.stringify((await listing(roomId))?.freeRoles) === JSON.stringify(roles),
    `the lobby to list free roles ${roles.join(", ")}`,
  );
}

/** A pod key in the client state whose pod belongs to `workload`. */
function podOf(c: Client, workload: string): string {
  const key = [...c.state.pods.keys()].find((k) => c.state.pods.get(k)?.workload === workload);
  if (!key) throw new Error(`no pod of ${workload} in the client state`);
  return key;
}

describe("match room", () => {
  it("gives the room a short code from an unambiguous alphabet and rejects unknown scenarios", async () => {
    const { a } = await create({});
    expect(a.roomId).toMatch(new RegExp(`^[${ROOM_CODE_ALPHABET}]{4}$`));
    expect(a.state.code).toBe(a.roomId);
    expect(a.state.scenario).toBe("nmt");
    expect(a.state.clock).toBe("arcade");
    expect(a.state.difficulty).toBe("standard");
    expect(a.state.chaos).toBe(true);
    expect(a.state.duration).toBe(180);
    expect(a.state.phase).toBe("lobby");
    expect(a.state.round).toBe(1);
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
    const { a } = await create({ role: "scheduler" });
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
    for (const c of [a, b]) {
      expect(c.state.hostId).toBe(a.sessionId);
      expect(c.state.phase).toBe("lobby");
    }
    await pickRoles(room, a, b);
    for (const c of [a, b]) {
      expect(c.state.roles.get("scheduler")?.mode).toBe("manual");
      expect(c.state.roles.get("workload-controller")?.mode).toBe("manual");
      expect(c.state.roles.get("service-controller")?.mode).toBe("autopilot");
    }
    // Role modes are inputs of the next running tick: the world has not changed yet.
    expect(a.state.stateHash).toBe(stateHash(simWorld(SEED)));
    await listedFreeRoles(a.roomId, ["service-controller"]);

    b.send("pickRole", { role: "scheduler" });
    b.send("start", {});
    await eventually(() => bErrors.length === 2, "two errors for Bob");
    expect(bErrors.map((e) => e.code)).toEqual([ErrorCode.ROLE_TAKEN, ErrorCode.NOT_HOST]);
    expect(bErrors[0]?.message).toContain("Ada");
    await synced(room, a, b);
    expect(b.state.phase).toBe("lobby");
    expect(b.state.players.get(b.sessionId)?.role).toBe("workload-controller");

    await start(room, a, b);
    expect(b.state.players.get(a.sessionId)?.role).toBe("scheduler");
    expect(a.state.players.get(b.sessionId)?.name).toBe("Bob");
    // The first tick runs the two held roles manual: the world is the sim's with those modes.
    room.tickOnce();
    await synced(room, a, b);
    const ref = simWorld(SEED, ["scheduler", "workload-controller"], 1);
    expect(a.state.stateHash).toBe(stateHash(ref));
    expect(b.state.stateHash).toBe(stateHash(ref));
    expect(a.state.stateHash).not.toBe(stateHash(simWorld(SEED, [], 1)));
  });

  it("a controller's deletePod/createPod and a scheduler's bindPod take effect; both clients see the same world", async () => {
    const { room, a, b } = await twoPlayerMatch();
    await pickRoles(room, a, b);
    await start(room, a, b);
    const events = new EventTrail(a).record();
    const aResults = collect<IntentResultPayload>(a, ServerMessage.intentResult);
    const bResults = collect<IntentResultPayload>(b, ServerMessage.intentResult);

    const victimKey = podOf(a, "Deployment/shop/nginx");
    const victim = a.state.pods.get(victimKey)!;
    const victimName = victim.name;
    const rs = victim.owner;
    expect(rs).toMatch(/^ReplicaSet\/shop\/nginx-/);
    await sent(room, b, "intent", { type: "deletePod", pod: victimKey });
    await synced(room, a, b);
    expect(a.state.pods.has(victimKey)).toBe(true); // queued, not applied in the handler
    expect(bResults).toHaveLength(0);
    room.tickOnce();
    await eventually(() => bResults.length === 1, "Bob's deletePod result");
    expect(bResults[0]).toMatchObject({
      ok: true,
      kubectl: `kubectl -n shop delete pod ${victimName}`,
    });
    await synced(room, a, b);
    events.record();
    expect(a.state.pods.has(victimKey)).toBe(false);
    expect(b.state.pods.has(victimKey)).toBe(false);

    // The workload controller is manual (Bob holds it): nobody replaced the pod. Bob does.
    const nginxPods = () => [...a.state.pods.values()].filter((p) => p.owner === rs).map((p) => p.key);
    expect(nginxPods()).toHaveLength(1);
    await sent(room, b, "intent", { type: "createPod", owner: rs });
    room.tickOnce();
    await eventually(() => bResults.length === 2, "Bob's createPod result");
    expect(bResults[1]?.ok).toBe(true);
    await synced(room, a, b);
    events.record();
    const pending = [...a.state.pods.values()].find(
      (p) => p.owner === rs && p.node === "" && p.phase === "Pending",
    );
    expect(pending).toBeDefined();
    const pendingKey = pending!.key;
    expect(pending!.workload).toBe("Deployment/shop/nginx");
    // The scheduler is manual too (Ada): the pod stays Pending until she binds it.
    room.tickOnce();
    await synced(room, a, b);
    expect(a.state.pods.get(pendingKey)?.node).toBe("");
    expect(a.state.pods.get(pendingKey)?.phase).toBe("Pending");

    await sent(room, a, "intent", { type: "bindPod", pod: pendingKey, node: "node-3" });
    room.tickOnce();
    await eventually(() => aResults.length === 1, "Ada's bindPod result");
    expect(aResults[0]).toMatchObject({ ok: true, actor: "Ada" });
    await synced(room, a, b);
    events.record();
    expect(a.state.pods.get(pendingKey)?.node).toBe("node-3");
    expect(b.state.pods.get(pendingKey)?.node).toBe("node-3");
    expect(a.state.pods.get(pendingKey)?.tier).toBe("nginx");
    expect(JSON.stringify(a.state.toJSON())).toBe(JSON.stringify(b.state.toJSON()));
    // Events and kubectl lines name the players, not their session ids.
    expect(a.state.players.get(a.sessionId)?.actor).toBe("Ada");
    expect(aResults[0]?.actor).toBe("Ada");
    const messages = events.all().map((e) => e.message);
    expect(messages).toContain(`Stopping pod ${victimName} (Bob)`);
    expect(messages.some((m) => m.startsWith("Ada (scheduler): kubectl"))).toBe(true);
    expect(messages.some((m) => m.startsWith("Bob (workload-controller): kubectl"))).toBe(true);
    expect(messages.some((m) => m.includes(b.sessionId) || m.includes(a.sessionId))).toBe(false);
    expect(b.state.events.some((e) => e.message.startsWith("Ada (scheduler): kubectl"))).toBe(true);
  });

  it("refuses an intent outside the sender's role with a reason, changing nothing", async () => {
    const { room, a, b } = await twoPlayerMatch();
    await pickRoles(room, a, b);
    await start(room, a, b);
    const results = collect<IntentResultPayload>(a, ServerMessage.intentResult);
    const before = a.state.stateHash;
    const pod = podOf(a, "Deployment/shop/tomcat");
    a.send("intent", { type: "deletePod", pod });
    await eventually(() => results.length === 1, "the refusal");
    expect(results[0]).toMatchObject({ ok: false, code: "WRONG_ROLE" });
    expect(results[0]?.ok === false && results[0].message).toMatch(/workload-controller/);
    expect(results[0]?.kubectl).toContain("delete pod");
    await synced(room, a, b);
    expect(a.state.stateHash).toBe(before);
    // Nothing was queued: the next tick is the sim's with no intents, and the pod lives.
    room.tickOnce();
    await synced(room, a, b);
    expect(results).toHaveLength(1);
    expect(a.state.pods.has(pod)).toBe(true);
    expect(a.state.stateHash).toBe(stateHash(simWorld(SEED, ["scheduler", "workload-controller"], 1)));
  });

  it("answers every malformed payload with an error and leaves the world unchanged", async () => {
    const { room, a, b } = await twoPlayerMatch();
    await pickRoles(room, a, b);
    await start(room, a, b);
    room.tickOnce();
    await synced(room, a, b);
    const aErrors = collectErrors(a);
    const bErrors = collectErrors(b);
    const aResults = collect(a, ServerMessage.intentResult);
    const before = a.state.stateHash;
    const pod = [...a.state.pods.keys()][0]!;

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

    // Permission errors for a valid payload from a non-host.
    b.send("inject", { type: "pod-kill", target: "shop/nginx" });
    b.send("restart", {});
    await eventually(() => bErrors.length === 2, "Bob's two errors");
    expect(bErrors.map((e) => e.code)).toEqual([ErrorCode.NOT_HOST, ErrorCode.NOT_HOST]);

    await synced(room, a, b);
    expect(aResults).toHaveLength(0);
    expect(a.state.phase).toBe("running");
    expect(a.state.roles.get("scheduler")?.mode).toBe("manual");
    expect(a.state.stateHash).toBe(before);

    // And the next tick equals a reference world stepped with no intents at all (nothing was queued).
    room.tickOnce();
    await synced(room, a, b);
    expect(aResults).toHaveLength(0);
    expect(a.state.stateHash).toBe(stateHash(simWorld(SEED, ["scheduler", "workload-controller"], 2)));
  });

  it("keeps a dropped player's seat, role and points when they are back within 30 s", async () => {
    const { room, a, b } = await twoPlayerMatch({ durationSeconds: 30 });
    await sent(room, a, "pickRole", { role: "workload-controller" });
    await start(room, a, b);
    expect(a.state.roles.get("workload-controller")?.holder).toBe(a.sessionId);
    tickSeconds(room, 5);
    await killAndRestoreMysql(room, a, a);
    await synced(room, a, b);
    const points = a.state.players.get(a.sessionId)?.points ?? 0;
    expect(points).toBeGreaterThan(0);

    const token = a.reconnectionToken;
    const id = a.sessionId;
    a.connection.close(4999, "wifi dropped");
    await eventually(() => b.state.players.get(id)?.connected === false, "Ada to show as disconnected");
    expect(b.state.roles.get("workload-controller")?.holder).toBe(id);
    expect(b.state.players.get(id)?.role).toBe("workload-controller");
    // While the host is away, the next connected person acts as host.
    expect(b.state.hostId).toBe(b.sessionId);

    const back = await colyseus.sdk.reconnect<MatchState>(token);
    expect(back.sessionId).toBe(id);
    await synced(room, back, b);
    await eventually(() => b.state.players.get(id)?.connected === true, "Ada to be back");
    for (const c of [back, b]) {
      expect(c.state.players.get(id)?.role).toBe("workload-controller");
      expect(c.state.players.get(id)?.points).toBe(points);
      expect(c.state.hostId).toBe(id);
      expect(c.state.roles.get("workload-controller")).toMatchObject({ holder: id, mode: "manual" });
    }
    // Still able to act in her role, under the same actor: the score keeps one tally for her.
    const results = collect<IntentResultPayload>(back, ServerMessage.intentResult);
    await sent(room, back, "intent", { type: "scale", workload: "Deployment/shop/tomcat", replicas: 3 });
    room.tickOnce();
    await eventually(() => results.length === 1, "scale result");
    expect(results[0]).toMatchObject({ ok: true, actor: "Ada" });
    await synced(room, back, b);
    expect(back.state.players.get(id)?.points).toBe(points);
    expect(back.state.workloads.get("Deployment/shop/tomcat")?.desired).toBe(3);

    tickSeconds(room, 30);
    await synced(room, back, b);
    expect(back.state.phase).toBe("debrief");
    const intents = [...back.state.debrief.scoreMarks].filter((m) => m.kind === "intent");
    expect(intents.map((m) => [m.actor, m.label, m.ok])).toEqual([
      ["Ada", "createPod", true],
      ["Ada", "scale", true],
    ]);
    expect(back.state.players.get(id)?.actor).toBe("Ada");
  });

  it("a player who leaves frees the role back to autopilot and passes on the host", async () => {
    const { room, a, b } = await twoPlayerMatch();
    await pickRoles(room, a, b);
    await listedFreeRoles(a.roomId, ["service-controller"]);
    const aId = a.sessionId;
    await a.leave(true);
    await eventually(() => !b.state.players.has(aId), "Ada to be gone");
    await synced(room, b);
    expect(b.state.roles.get("scheduler")?.holder).toBe("");
    expect(b.state.roles.get("scheduler")?.mode).toBe("autopilot");
    expect(b.state.hostId).toBe(b.sessionId);
    await listedFreeRoles(b.roomId, ["scheduler", "service-controller"]);
    // Bob is host now; the world runs the scheduler's loop again from the first tick.
    await start(room, b);
    room.tickOnce();
    await synced(room, b);
    expect(b.state.stateHash).toBe(stateHash(simWorld(SEED, ["workload-controller"], 1)));
  });

  it("with no players in any role, autopilot keeps nmt healthy", async () => {
    const { room, a } = await create({ seed: 7, role: "", durationSeconds: 120 });
    expect([...a.state.roles.values()].map((r) => r.mode)).toEqual(["autopilot", "autopilot", "autopilot"]);
    await start(room, a);
    tickSeconds(room, 120); // scenario chaos included
    await synced(room, a);
    expect(a.state.phase).toBe("debrief");
    expect(a.state.time).toBeCloseTo(120, 3);
    expect(a.state.availability.overall).toBeGreaterThanOrEqual(0.9);
    expect(a.state.debrief.requests).toBeGreaterThan(100);
    expect(a.state.pods.size).toBeGreaterThanOrEqual(5);
    expect([...a.state.pods.values()].filter((p) => p.tier === "nginx" && p.ready)).toHaveLength(2);
  });

  it("runs the scenario's seeded chaos by default and none in a practice round (chaos: false)", async () => {
    const scheduled = await create({ seed: 7, role: "" });
    const practice = await create({ seed: 7, role: "", chaos: false });
    expect(scheduled.a.state.chaos).toBe(true);
    expect(practice.a.state.chaos).toBe(false);
    for (const { room, a } of [scheduled, practice]) {
      await start(room, a);
      tickSeconds(room, 30); // seed 7's schedule kills a tomcat pod at 27 s
      await synced(room, a);
    }
    expect([...scheduled.a.state.incidents].map((i) => [i.source, i.cause])).toEqual([
      ["schedule", "pod-kill:shop/tomcat"],
    ]);
    expect(scheduled.a.state.events.some((e) => e.severity === "Chaos")).toBe(true);
    expect(practice.a.state.incidents).toHaveLength(0);
    expect(practice.a.state.events.some((e) => e.severity === "Chaos")).toBe(false);
    expect(practice.a.state.availability.overall).toBe(1);
    await expect(colyseus.sdk.create(MATCH_ROOM, { chaos: "yes" })).rejects.toThrow(/chaos/);
  });

  it("ends in a debrief with the timeline; the host's restart brings round 2 to the lobby, which runs to its debrief again", async () => {
    const { room, a } = await create({ seed: 3, durationSeconds: 10, name: "Ada" });
    expect(a.state.players.get(a.sessionId)?.role).toBe("scheduler"); // the first free role
    const startHash = a.state.stateHash;
    expect(startHash).toBe(stateHash(simWorld(3)));
    await start(room, a);
    tickSeconds(room, 10);
    await synced(room, a);
    expect(a.state.phase).toBe("debrief");
    expect(a.state.time).toBeCloseTo(10, 3);
    const endHash = a.state.stateHash;
    // The world is the sim's after 100 ticks, and the debrief sums it up.
    const ref = simWorld(3, ["scheduler"], 100);
    expect(endHash).toBe(stateHash(ref));
    const d = a.state.debrief;
    expect(d.timeline.length).toBe(ref.traffic.perSecond.length);
    expect(d.timeline.length).toBeGreaterThan(5);
    expect(d.requests).toBe(ref.traffic.total);
    expect(d.ok).toBe(ref.traffic.ok);
    // Frozen: further ticks change nothing.
    tickSeconds(room, 1);
    await synced(room, a);
    expect(a.state.time).toBeCloseTo(10, 3);
    expect(a.state.stateHash).toBe(endHash);
    const firstTimeline = [...d.timeline];

    await sent(room, a, "restart");
    await synced(room, a);
    expect(a.state.phase).toBe("lobby");
    expect(a.state.round).toBe(2);
    expect(a.state.time).toBe(0);
    expect(a.state.stateHash).toBe(startHash);
    expect(a.state.players.get(a.sessionId)?.role).toBe("scheduler");
    expect(a.state.debrief.toJSON()).toMatchObject({
      availability: 0,
      requests: 0,
      ok: 0,
      teamPoints: 0,
      mttr: -1,
      errorBudget: 1,
      sloMet: true,
      incidents: [],
      scoreMarks: [],
      timeline: [],
      marks: [],
    });
    expect(a.state.incidents).toHaveLength(0);
    expect(a.state.events).toHaveLength(0);

    // The rematch: same seed, same roles, no intents ⇒ the same round again, to its debrief.
    await start(room, a);
    tickSeconds(room, 10);
    await synced(room, a);
    expect(a.state.phase).toBe("debrief");
    expect(a.state.round).toBe(2);
    expect(a.state.stateHash).toBe(endHash);
    expect([...a.state.debrief.timeline]).toEqual(firstTimeline);
    expect(a.state.debrief.requests).toBe(ref.traffic.total);
  });
});

describe("determinism", () => {
  it("a room with nobody in a role matches the sim run directly (the CLI's loop)", async () => {
    const { room, a } = await create({ seed: SEED, role: "" });
    await start(room, a);
    const ticks = 30 * 10;
    for (let i = 0; i < ticks; i++) room.tickOnce();
    await synced(room, a);
    expect(a.state.stateHash).toBe(stateHash(simWorld(SEED, [], ticks)));
    // And the real CLI, as a separate process.
    const out = execFileSync(
      "node_modules/.bin/tsx",
      ["server/cli/sim.ts", "--scenario", "nmt", "--seed", String(SEED), "--duration", "30", "--json"],
      { encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } },
    );
    const cli = JSON.parse(out) as { stateHash: string; ticks: number };
    expect(cli.ticks).toBe(ticks);
    expect(a.state.stateHash).toBe(cli.stateHash);
  });

  it("the same intents on the same ticks give the same stateHash as the sim alone", async () => {
    const { room, a } = await create({ seed: SEED, role: "workload-controller" });
    await start(room, a);
    const ref = simWorld(SEED, ["workload-controller"]);
    const plan = new Map<number, QueuedIntent["intent"]>([
      [5, { type: "scale", workload: "Deployment/shop/tomcat", replicas: 3 }],
      [40, { type: "deletePod", pod: podOf(a, "Deployment/shop/nginx") }],
    ]);
    const actor = a.state.players.get(a.sessionId)!.actor;
    for (let t = 0; t < 100; t++) {
      const intent = plan.get(t);
      if (intent) await sent(room, a, "intent", intent);
      room.tickOnce();
      step(ref, intent ? [{ actor, role: "workload-controller", intent }] : [], TICK_SECONDS);
    }
    await synced(room, a);
    expect(a.state.workloads.get("Deployment/shop/tomcat")?.desired).toBe(3);
    expect(a.state.stateHash).toBe(stateHash(ref));
  });
});

describe("projection", () => {
  it("client mirrors equal a model match's projection patch after patch, through chaos and injected faults", async () => {
    const { room, a } = await create({ seed: 11, role: "" });
    const b = await colyseus.sdk.joinById<MatchState>(a.roomId, { role: "" });
    await synced(room, a, b);
    const injected = collect<{ ok: boolean; message: string }>(a, ServerMessage.injectResult);

    // The model: the same pure match fed the same inputs, projected as the room projects it.
    const s = a.state;
    const options: MatchOptions = {
      scenario: s.scenario,
      seed: s.seed,
      clock: s.clock as ClockName,
      difficulty: s.difficulty as Difficulty,
      durationSeconds: s.duration,
      chaos: s.chaos,
    };
    const model = new Match(options);
    model.join(a.sessionId, { role: "" });
    model.join(b.sessionId, { role: "" });
    const modelState = new MatchState();
    const projector = new Projector();
    projectOptions(modelState, model, a.roomId);
    projector.projectMatch(modelState, model, { hash: true });
    // The stored round's id comes from the results store (once the round starts), which the
    // model match has not: it is the one field copied over.
    expect(a.state.matchId).toBe("");
    expect(sortedJson(a.state)).toEqual(sortedJson(modelState));

    await sent(room, a, "start");
    model.start();
    const host = a.state.players.get(a.sessionId)!.actor;
    const events = new EventTrail(a);
    let compared = 0;
    for (let patch = 0; patch < 24; patch++) {
      if (patch % 6 === 3) {
        const target = patch % 12 === 3 ? "shop/nginx" : "shop/tomcat";
        await sent(room, a, "inject", { type: "pod-kill", target });
        model.inject(host, "pod-kill", target);
      }
      for (let t = 0; t < 5; t++) {
        room.tickOnce();
        model.tick();
        projector.recordTraffic(model.world);
      }
      await synced(room, a, b);
      events.record();
      const json = JSON.stringify(a.state.toJSON());
      expect(JSON.stringify(b.state.toJSON())).toBe(json);
      // Everything the clients decoded is the model's projection: the room is the match's adapter.
      projector.projectMatch(modelState, model, { hash: true });
      expect(a.state.matchId).toMatch(/^[A-Za-z0-9_-]{8,}$/);
      modelState.matchId = a.state.matchId;
      expect(sortedJson(a.state)).toEqual(sortedJson(modelState));
      expect(a.state.stateHash).toBe(stateHash(model.world));
      // Incremental projection (skips, version checks) equals projecting from scratch.
      const fresh = new MatchState();
      new Projector().projectMatch(fresh, model, { hash: true });
      for (const k of [
        "nodes",
        "pods",
        "services",
        "endpoints",
        "dns",
        "pvcs",
        "workloads",
        "availability",
        "score",
        "incidents",
        "players",
        "roles",
      ] as const) {
        // A fresh projection sees every DNS record as it came up (changedAt -1).
        const pick = (st: MatchState) =>
          JSON.stringify(sortedJson(st[k]), (key, val: unknown) => (key === "changedAt" ? 0 : val));
        expect(pick(a.state), k).toBe(pick(fresh));
      }
      expect(a.state.stateHash).toBe(fresh.stateHash);
      expect(a.state.time).toBe(fresh.time);
      // The events are the world's latest 30 from the match's first second on (no bring-up).
      const latest = model.world.events
        .map((e, i) => ({ seq: model.world.eventsDropped + i, time: e.time, message: e.message }))
        .filter((e) => e.time >= 0)
        .slice(-30);
      expect([...a.state.events].map((e) => [e.seq, e.message])).toEqual(
        latest.map((e) => [e.seq, e.message]),
      );
      compared++;
    }
    expect(compared).toBe(24);
    expect(injected.length).toBe(4);
    expect(injected.every((r) => r.ok)).toBe(true);
    expect(events.all().filter((e) => e.severity === "Chaos").length).toBeGreaterThanOrEqual(4);
    expect(a.state.events.length).toBeGreaterThan(0);
    expect(a.state.events.every((e) => e.time >= 0)).toBe(true);
  });
});
