/**
 * Bots in empty roles and the sim's score in the match state: a real Colyseus server and
 * real colyseus.js clients, rooms on `manualClock` (the test decides every tick). Every
 * assertion reads what a client decoded or received.
 */
import { boot, type ColyseusTestServer } from "@colyseus/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import appConfig from "../../server/app.config";
import type { MatchMetadata, MatchRoom } from "../../server/rooms/MatchRoom";
import type { MatchState } from "../../server/rooms/schema/MatchState";
import { LOBBY_ROOM, MATCH_ROOM } from "../../shared/protocol";
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
  type Role,
} from "../../shared/sim";
import { eventually, eventuallyAsync, EventTrail, sent, synced, tickSeconds, type Client } from "./helpers";

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

async function create(options: Record<string, unknown>): Promise<{ a: Client; room: MatchRoom }> {
  const a = await colyseus.sdk.create<MatchState>(MATCH_ROOM, { manualClock: true, ...options });
  const room = colyseus.getRoomById(a.roomId) as MatchRoom;
  await synced(room, a);
  return { a, room };
}

async function start(room: MatchRoom, a: Client): Promise<void> {
  await sent(room, a, "start");
  await synced(room, a);
  expect(a.state.phase).toBe("running");
}

/** The sim alone: nmt at `seed` with `manual` roles. */
function simWorld(seed: number, manual: readonly Role[] = []) {
  const w = createWorld({ scenario: "nmt", seed, clock: "arcade" });
  for (const role of manual) setRoleMode(w, role, "manual");
  return w;
}

/** Waits until the lobby lists exactly `roles` as the room's free roles. */
async function listedFreeRoles(roomId: string, roles: readonly Role[]): Promise<void> {
  await eventuallyAsync(
    async () => {
      const lobby = await colyseus.sdk.joinOrCreate(LOBBY_ROOM);
      try {
        const rooms = await new Promise<{ roomId: string; metadata: MatchMetadata }[]>((resolve) =>
          lobby.onMessage("rooms", resolve),
        );
        const listed = rooms.find((r) => r.roomId === roomId)?.metadata.freeRoles;
        return JSON.stringify(listed) === JSON.stringify(roles);
      } finally {
        await lobby.leave();
      }
    },
    `the lobby to list free roles ${roles.join(", ")}`,
  );
}

/** Ticks a second at a time (syncing the client and its event trail) until `done` or `maxSeconds`. */
async function tickUntil(
  room: MatchRoom,
  a: Client,
  trail: EventTrail,
  done: () => boolean,
  maxSeconds: number,
): Promise<void> {
  for (let s = 0; s < maxSeconds && !done(); s++) {
    tickSeconds(room, 1);
    await synced(room, a);
    trail.record();
  }
}

describe("bots", () => {
  it('in "bots" difficulty a bot plays each empty role, shows in players, and its intents show in events', async () => {
    const { a, room } = await create({ seed: 42, difficulty: "bots", name: "Ada", role: "" });
    for (const role of ROLES) {
      const bot = a.state.players.get(`${role}-bot`);
      expect(bot, role).toBeDefined();
      expect(bot).toMatchObject({ isBot: true, role, actor: `${role}-bot`, name: `${role}-bot` });
      expect(a.state.roles.get(role)).toMatchObject({ mode: "manual", holder: "", bot: `${role}-bot` });
    }
    await listedFreeRoles(a.roomId, ROLES); // bots never block a person

    await start(room, a);
    tickSeconds(room, 1);
    await synced(room, a);
    // The world runs every role manual (the bots act through intents), from the first tick.
    const ref = simWorld(42, ROLES);
    for (let i = 0; i < 10; i++) step(ref, [], TICK_SECONDS);
    expect(a.state.stateHash).toBe(stateHash(ref));
    tickSeconds(room, 4);
    await sent(room, a, "inject", { type: "pod-kill", target: "shop/mysql" });
    const trail = new EventTrail(a);
    // Nobody but the bots can bring mysql-0 back: the workload controller's bot creates it
    // (after its reaction delay), the scheduler's bot binds it.
    const creator = () => trail.find("workload-controller-bot (workload-controller):");
    await tickUntil(room, a, trail, () => !!creator(), 10);
    // Nobody types this in a real cluster: the event says whose work the bot stood in for.
    expect(creator()?.message).toContain(
      "createPod (by hand; in a real cluster the statefulset-controller's work)",
    );
    expect(
      a.state.events.some((e) => e.message.startsWith("workload-controller-bot (workload-controller):")),
    ).toBe(true);
    const binder = () => trail.find("scheduler-bot (scheduler):");
    await tickUntil(room, a, trail, () => !!binder(), 10);
    expect(binder()).toBeDefined();
    // The three bots (create, bind, then Endpoints and DNS) heal it within half a minute.
    await tickUntil(room, a, trail, () => a.state.incidents[0]?.open === false, 40);
    expect(a.state.pods.get("shop/mysql-0")?.node).toBeTruthy();
    expect(a.state.pods.get("shop/mysql-0")?.ready).toBe(true);
    expect(a.state.time).toBeLessThan(40);
    expect(a.state.incidents[0]).toMatchObject({ cause: "pod-kill:shop/mysql", open: false });
    expect(a.state.incidents[0]!.mttr).toBeGreaterThan(0);
    const creates = trail
      .all()
      .filter((e) => e.message.startsWith("workload-controller-bot (workload-controller): createPod"));
    expect(creates.length).toBeGreaterThanOrEqual(1);
  });

  it("a person takes a role from its bot; leaving gives it back; the host can switch a role to a bot", async () => {
    const { a, room } = await create({ seed: 5, difficulty: "hard", name: "Ada", role: "" });
    expect(a.state.players.has("scheduler-bot")).toBe(true);
    await sent(room, a, "pickRole", { role: "scheduler" });
    await synced(room, a);
    expect(a.state.roles.get("scheduler")?.holder).toBe(a.sessionId);
    expect(a.state.players.has("scheduler-bot")).toBe(false);
    expect(a.state.roles.get("scheduler")?.bot).toBe("");
    expect(a.state.roles.get("scheduler")?.mode).toBe("manual");
    const b = await colyseus.sdk.joinById<MatchState>(a.roomId, { name: "Bob", role: "scheduler" });
    await synced(room, a, b);
    // Scheduler was taken: Bob gets the first free role, which its bot gives up.
    expect(b.state.players.get(b.sessionId)?.role).toBe("workload-controller");
    expect(a.state.players.has("workload-controller-bot")).toBe(false);
    await b.leave(true);
    await eventually(() => a.state.players.has("workload-controller-bot"), "the bot to be back");
    expect(a.state.roles.get("workload-controller")).toMatchObject({
      holder: "",
      mode: "manual",
      bot: "workload-controller-bot",
    });

    // standard: autopilot until the host asks for a bot (or for nobody).
    const s = await create({ seed: 5, name: "Cy", role: "" });
    expect(s.a.state.players.size).toBe(1);
    await sent(s.room, s.a, "setMode", { role: "service-controller", mode: "bot" });
    await synced(s.room, s.a);
    expect(s.a.state.players.has("service-controller-bot")).toBe(true);
    expect(s.a.state.roles.get("service-controller")).toMatchObject({
      mode: "manual",
      bot: "service-controller-bot",
    });
    await sent(s.room, s.a, "setMode", { role: "service-controller", mode: "autopilot" });
    await synced(s.room, s.a);
    expect(s.a.state.players.has("service-controller-bot")).toBe(false);
    expect(s.a.state.roles.get("service-controller")?.mode).toBe("autopilot");

    // Modes reach the world at the start of the next tick: the bot that came and went in the
    // lobby left no trace, and one asked for while running runs the role manual from then on.
    await start(s.room, s.a);
    s.room.tickOnce();
    await synced(s.room, s.a);
    const ref = simWorld(5);
    step(ref, [], TICK_SECONDS);
    expect(s.a.state.stateHash).toBe(stateHash(ref));
    await sent(s.room, s.a, "setMode", { role: "service-controller", mode: "bot" });
    await synced(s.room, s.a);
    expect(s.a.state.roles.get("service-controller")?.mode).toBe("manual");
    expect(s.a.state.stateHash).toBe(stateHash(ref)); // not yet: no tick ran
    s.room.tickOnce();
    await synced(s.room, s.a);
    setRoleMode(ref, "service-controller", "manual");
    step(ref, [], TICK_SECONDS); // a healthy cluster gives the bot nothing to do
    expect(s.a.state.stateHash).toBe(stateHash(ref));
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
    await start(room, a);
    tickSeconds(room, 5);
    await sent(room, a, "inject", { type: "pod-kill", target: "shop/mysql" });
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

    await sent(room, a, "intent", { type: "createPod", owner: "StatefulSet/shop/mysql" });
    tickSeconds(room, 8);
    await synced(room, a);
    const me = a.state.players.get(a.sessionId)!;
    expect(me.actor).toBe("Ada");
    expect(me.points).toBeGreaterThan(0);
    expect(me.restored).toBe(1);
    expect(me.broke).toBe(0);
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
    const points = me.points;

    tickSeconds(room, 6);
    await synced(room, a);
    expect(a.state.phase).toBe("debrief");
    const d = a.state.debrief;
    expect(d.incidents.length).toBeGreaterThanOrEqual(1);
    expect(d.incidents[0]).toMatchObject({ cause: "pod-kill:shop/mysql", open: false });
    expect(d.mttr).toBeCloseTo(inc.mttr, 3);
    expect(d.teamPoints).toBe(a.state.score.teamPoints);
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
        points,
      }),
    );
    expect(a.state.players.get(a.sessionId)?.points).toBe(points);

    await sent(room, a, "restart");
    await synced(room, a);
    expect(a.state.phase).toBe("lobby");
    expect(a.state.incidents.length).toBe(0);
    expect(a.state.debrief.incidents.length).toBe(0);
    expect(a.state.debrief.scoreMarks.length).toBe(0);
    expect(a.state.players.get(a.sessionId)?.points).toBe(0);
    expect(a.state.score.teamPoints).toBeGreaterThan(0); // a fresh world's score: nothing lost yet
    expect(a.state.score.openIncidents).toBe(0);
  });

  it("two seats with the same name get distinct actors and separate points", async () => {
    const { a, room } = await create({ seed: 1, name: "Ada", role: "" });
    const b = await colyseus.sdk.joinById<MatchState>(a.roomId, { name: "Ada", role: "" });
    const c = await colyseus.sdk.joinById<MatchState>(a.roomId, { name: "scheduler-bot", role: "" });
    await synced(room, a, b, c);
    for (const x of [a, b, c]) {
      expect(x.state.players.get(a.sessionId)?.actor).toBe("Ada");
      expect(x.state.players.get(b.sessionId)?.actor).toBe("Ada#2");
      expect(x.state.players.get(c.sessionId)?.actor).toBe("scheduler-bot#2");
    }
    expect(a.state.players.get(b.sessionId)?.name).toBe("Ada");
  });
});

describe("determinism with bots", () => {
  it("same seed and the same player intents on the same ticks give the same stateHash twice, and as the sim alone", async () => {
    const options = {
      seed: 42,
      difficulty: "bots",
      name: "Ada",
      role: "workload-controller",
      durationSeconds: 40,
    };
    const runs = [await create(options), await create(options)];
    // The sim alone: the same bots (same actors and pace), queued before the player, every tick.
    const ref = simWorld(42, ROLES);
    const bots = (["scheduler", "service-controller"] as const).map((role) =>
      createBot(ref, role, { actor: `${role}-bot` }),
    );
    for (const { a, room } of runs) await start(room, a);
    const nginx = [...runs[0]!.a.state.pods.values()].find((p) => p.workload === "Deployment/shop/nginx")!;
    const plan = new Map<number, Intent>([
      [5, { type: "scale", workload: "Deployment/shop/tomcat", replicas: 3 }],
      [40, { type: "deletePod", pod: nginx.key }],
      [300, { type: "scale", workload: "Deployment/shop/tomcat", replicas: 2 }],
    ]);
    const ticks = 40 * 10; // 40 game seconds: the scheduled pod-kill at 23 s included
    for (let t = 0; t < ticks; t++) {
      const intent = plan.get(t);
      for (const { a, room } of runs) {
        if (intent) await sent(room, a, "intent", intent);
        room.tickOnce();
      }
      const queued: QueuedIntent[] = bots.flatMap((b) => botIntents(ref, b));
      if (intent) queued.push({ actor: "Ada", role: "workload-controller", intent });
      step(ref, queued, TICK_SECONDS);
    }
    for (const { a, room } of runs) await synced(room, a);
    const [one, two] = runs.map(({ a }) => a);
    expect(one!.state.phase).toBe("debrief");
    expect(one!.state.stateHash).toBe(two!.state.stateHash);
    expect(one!.state.stateHash).toBe(stateHash(ref));
    expect(JSON.stringify(one!.state.debrief.toJSON())).toBe(JSON.stringify(two!.state.debrief.toJSON()));
    const intents = [...one!.state.debrief.scoreMarks].filter((m) => m.kind === "intent");
    const botActs = intents.filter((m) => /^(scheduler|service-controller)-bot$/.test(m.actor));
    expect(botActs.length).toBeGreaterThan(0);
    expect(intents.filter((m) => m.actor === "Ada" && m.ok)).toHaveLength(3);
    expect(
      one!.state.debrief.marks.some((e) => /^(scheduler|service-controller)-bot \(/.test(e.message)),
    ).toBe(true);
  });
});
