/**
 * Bots in empty roles and the sim's score in the match state: a real Colyseus server and
 * real colyseus.js clients, rooms on `manualClock` (the test decides every tick).
 */
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import type { Room as ClientRoom } from "colyseus.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import appConfig from "../../server/app.config";
import type { MatchRoom } from "../../server/rooms/MatchRoom";
import type { MatchState } from "../../server/rooms/schema/MatchState";
import { MATCH_ROOM } from "../../shared/protocol";
import {
  botIntents,
  createBot,
  createWorld,
  ROLES,
  setRoleMode,
  stateHash,
  step,
  TICK_SECONDS,
  type Intent,
  type QueuedIntent,
} from "../../shared/sim";
import { eventually, tickSeconds } from "./helpers";

let colyseus: ColyseusTestServer;

beforeAll(async () => {
  colyseus = await boot(appConfig, 2572);
});
afterEach(async () => {
  await colyseus.cleanup();
});
afterAll(async () => {
  await colyseus.shutdown();
});

async function synced(room: MatchRoom, ...clients: ClientRoom<MatchState>[]): Promise<void> {
  await room.waitForNextPatch();
  await eventually(
    () =>
      clients.every((c) => c.state.stateHash === room.state.stateHash && c.state.time === room.state.time),
    "clients to receive the patch",
  );
}

async function create(options: Record<string, unknown>) {
  const a = await colyseus.sdk.create<MatchState>(MATCH_ROOM, { manualClock: true, ...options });
  return { a, room: colyseus.getRoomById(a.roomId) as MatchRoom };
}

describe("bots", () => {
  it('in "bots" difficulty a bot plays each empty role, shows in players, and its intents show in events', async () => {
    const { a, room } = await create({ seed: 42, difficulty: "bots", name: "Ada", role: "" });
    await synced(room, a);
    for (const role of ROLES) {
      const bot = a.state.players.get(`${role}-bot`);
      expect(bot, role).toBeDefined();
      expect(bot).toMatchObject({ isBot: true, role, actor: `${role}-bot`, name: `${role}-bot` });
      expect(a.state.roles.get(role)).toMatchObject({ mode: "manual", holder: "", bot: `${role}-bot` });
    }
    expect(room.world.roles).toEqual({
      scheduler: "manual",
      "workload-controller": "manual",
      "service-controller": "manual",
    });
    expect(room.metadata.freeRoles).toEqual([...ROLES]); // bots never block a person

    a.send("start");
    await eventually(() => room.state.phase === "running", "running");
    tickSeconds(room, 5);
    a.send("inject", { type: "pod-kill", target: "shop/mysql" });
    await eventually(() => room["injects"].length === 1, "injection queued");
    // Nobody but the bots can bring mysql-0 back: the workload controller's bot creates it
    // (after its reaction delay), the scheduler's bot binds it.
    const botEvent = () =>
      room.world.events.find((e) => e.message.startsWith("workload-controller-bot (workload-controller):"));
    for (let i = 0; i < 100 && !botEvent(); i++) room.tickOnce();
    expect(botEvent()?.message).toContain("kubectl -n shop create");
    await synced(room, a);
    expect(
      a.state.events.some((e) => e.message.startsWith("workload-controller-bot (workload-controller):")),
    ).toBe(true);
    const binder = () => room.world.events.find((e) => e.message.startsWith("scheduler-bot (scheduler):"));
    for (let i = 0; i < 100 && !binder(); i++) room.tickOnce();
    expect(binder()).toBeDefined();
    // The three bots (create, bind, then Endpoints and DNS) heal it within half a minute.
    for (let i = 0; i < 400 && room.world.score.incidents[0]?.end === null; i++) room.tickOnce();
    expect(room.world.store.get("Pod", "shop/mysql-0")?.spec.nodeName).toBeTruthy();
    expect(room.world.time).toBeLessThan(40);
    await synced(room, a);
    expect(a.state.incidents[0]).toMatchObject({ cause: "pod-kill:shop/mysql", open: false });
    expect(a.state.incidents[0]!.mttr).toBeGreaterThan(0);
    expect(room.world.score.players["workload-controller-bot"]?.actions).toBeGreaterThanOrEqual(1);
  });

  it("a person takes a role from its bot; leaving gives it back; the host can switch a role to a bot", async () => {
    const { a, room } = await create({ seed: 5, difficulty: "hard", name: "Ada", role: "" });
    expect(room.state.players.has("scheduler-bot")).toBe(true);
    a.send("pickRole", { role: "scheduler" });
    await eventually(() => room.state.roles.get("scheduler")?.holder === a.sessionId, "Ada to hold it");
    expect(room.state.players.has("scheduler-bot")).toBe(false);
    expect(room.state.roles.get("scheduler")?.bot).toBe("");
    expect(room.state.roles.get("scheduler")?.mode).toBe("manual");
    const b = await colyseus.sdk.joinById<MatchState>(a.roomId, { name: "Bob", role: "scheduler" });
    // Scheduler was taken: Bob gets the first free role, which its bot gives up.
    expect(room.state.players.get(b.sessionId)?.role).toBe("workload-controller");
    expect(room.state.players.has("workload-controller-bot")).toBe(false);
    await b.leave(true);
    await eventually(() => room.state.players.has("workload-controller-bot"), "the bot to be back");
    expect(room.state.roles.get("workload-controller")).toMatchObject({
      holder: "",
      mode: "manual",
      bot: "workload-controller-bot",
    });

    // standard: autopilot until the host asks for a bot (or for nobody).
    const s = await create({ seed: 5, name: "Cy", role: "" });
    expect(s.room.state.players.size).toBe(1);
    s.a.send("setMode", { role: "service-controller", mode: "bot" });
    await eventually(() => s.room.state.players.has("service-controller-bot"), "a bot on request");
    expect(s.room.world.roles["service-controller"]).toBe("manual");
    s.a.send("setMode", { role: "service-controller", mode: "autopilot" });
    await eventually(() => !s.room.state.players.has("service-controller-bot"), "the bot to go");
    expect(s.room.world.roles["service-controller"]).toBe("autopilot");
  });
});

describe("score", () => {
  it("a restoring intent earns points in the client state; the incident closes with an MTTR; the debrief has it all", async () => {
    const { a, room } = await create({
      seed: 42,
      name: "Ada",
      role: "workload-controller",
      durationSeconds: 20,
    });
    a.send("start");
    await eventually(() => room.state.phase === "running", "running");
    tickSeconds(room, 5);
    a.send("inject", { type: "pod-kill", target: "shop/mysql" });
    await eventually(() => room["injects"].length === 1, "injection queued");
    room.tickOnce();
    await synced(room, a);
    expect(a.state.incidents.length).toBe(1);
    expect(a.state.incidents[0]).toMatchObject({
      seq: 0,
      cause: "pod-kill:shop/mysql",
      source: "injected",
      open: true,
      end: -1,
      mttr: -1,
    });
    expect(a.state.score.openIncidents).toBe(1);
    tickSeconds(room, 2);

    a.send("intent", { type: "createPod", owner: "StatefulSet/shop/mysql" });
    await eventually(() => room["queue"].length === 1, "createPod queued");
    tickSeconds(room, 8);
    await synced(room, a);
    const me = a.state.players.get(a.sessionId)!;
    expect(me.actor).toBe("Ada");
    expect(me.points).toBeGreaterThan(0);
    expect(me.restored).toBe(1);
    expect(me.broke).toBe(0);
    expect(me.points).toBe(room.world.score.players.Ada?.points);
    const inc = a.state.incidents[0]!;
    expect(inc.open).toBe(false);
    expect(inc.mttr).toBeGreaterThan(0);
    expect(inc.end).toBeCloseTo(inc.start + inc.mttr, 3);
    expect(a.state.score.mttr).toBeCloseTo(inc.mttr, 3);
    expect(a.state.score.openIncidents).toBe(0);
    expect(a.state.availability.errorBudget).toBeLessThan(1);
    expect(a.state.score.teamPoints).toBeGreaterThan(0);
    expect(a.state.events.some((e) => e.message.includes("(Ada)") || e.message.startsWith("Ada "))).toBe(
      true,
    );

    tickSeconds(room, 6);
    expect(room.state.phase).toBe("debrief");
    await synced(room, a);
    const d = a.state.debrief;
    expect(d.incidents.length).toBeGreaterThanOrEqual(1);
    expect(d.incidents[0]).toMatchObject({ cause: "pod-kill:shop/mysql", open: false });
    expect(d.mttr).toBeCloseTo(inc.mttr, 3);
    expect(d.teamPoints).toBe(room.state.score.teamPoints);
    expect(d.errorBudget).toBeCloseTo(a.state.availability.errorBudget, 5);
    expect(d.sloMet).toBe(false);
    const marks = d.scoreMarks.map((m) => ({ ...m.toJSON() }));
    expect(marks).toContainEqual(expect.objectContaining({ kind: "chaos", label: "pod-kill shop/mysql" }));
    expect(marks).toContainEqual(
      expect.objectContaining({
        kind: "intent",
        label: "createPod",
        actor: "Ada",
        ok: true,
        points: me.points,
      }),
    );

    a.send("restart");
    await eventually(() => room.state.phase === "lobby", "lobby again");
    await synced(room, a);
    expect(a.state.incidents.length).toBe(0);
    expect(a.state.debrief.incidents.length).toBe(0);
    expect(a.state.players.get(a.sessionId)?.points).toBe(0);
  });

  it("two seats with the same name get distinct actors and separate points", async () => {
    const { a, room } = await create({ seed: 1, name: "Ada", role: "" });
    const b = await colyseus.sdk.joinById<MatchState>(a.roomId, { name: "Ada", role: "" });
    const c = await colyseus.sdk.joinById<MatchState>(a.roomId, { name: "scheduler-bot", role: "" });
    expect(room.state.players.get(a.sessionId)?.actor).toBe("Ada");
    expect(room.state.players.get(b.sessionId)?.actor).toBe("Ada#2");
    expect(room.state.players.get(c.sessionId)?.actor).toBe("scheduler-bot#2");
  });
});

describe("determinism with bots", () => {
  it("same seed and the same player intents on the same ticks give the same stateHash twice, and as the sim alone", async () => {
    const runs = [
      await create({ seed: 42, difficulty: "bots", name: "Ada", role: "workload-controller" }),
      await create({ seed: 42, difficulty: "bots", name: "Ada", role: "workload-controller" }),
    ];
    // The sim alone: the same bots (same actors and pace), queued before the player, every tick.
    const ref = createWorld({ scenario: "nmt", seed: 42, clock: "arcade" });
    for (const role of ROLES) setRoleMode(ref, role, "manual");
    const bots = (["scheduler", "service-controller"] as const).map((role) =>
      createBot(ref, role, { actor: `${role}-bot` }),
    );
    for (const { a, room } of runs) {
      a.send("start");
      await eventually(() => room.state.phase === "running", "running");
    }
    const nginx = ref.store.list("Pod").find((p) => p.metadata.name.startsWith("nginx-"))!.metadata.name;
    const plan = new Map<number, Intent>([
      [5, { type: "scale", workload: "Deployment/shop/tomcat", replicas: 3 }],
      [40, { type: "deletePod", pod: `shop/${nginx}` }],
      [300, { type: "scale", workload: "Deployment/shop/tomcat", replicas: 2 }],
    ]);
    const ticks = 40 * 10; // 40 game seconds: the scheduled pod-kill at 23 s included
    for (let t = 0; t < ticks; t++) {
      const intent = plan.get(t);
      for (const { a, room } of runs) {
        if (intent) {
          a.send("intent", intent);
          await eventually(() => room["queue"].length === 1, `intent at tick ${t} queued`);
        }
        room.tickOnce();
      }
      const queued: QueuedIntent[] = bots.flatMap((b) => botIntents(ref, b));
      if (intent) queued.push({ actor: "Ada", role: "workload-controller", intent });
      step(ref, queued, TICK_SECONDS);
    }
    const [one, two] = runs.map(({ room }) => room);
    expect(stateHash(one!.world)).toBe(stateHash(two!.world));
    expect(stateHash(one!.world)).toBe(stateHash(ref));
    const botActs = one!.world.events.filter((e) => /^(scheduler|service-controller)-bot \(/.test(e.message));
    expect(botActs.length).toBeGreaterThan(0);
    expect(one!.world.score.players.Ada?.actions).toBe(3);
  });
});
