/**
 * The match room: a thin shell around the shared simulation. Message handlers only
 * validate and queue; the fixed-step tick applies queued intents through `step`, sends
 * each result to its sender, and the projector mirrors the world into the schema state
 * right before each patch.
 */
import {
  Room,
  ServerError,
  matchMaker,
  logger,
  updateLobby,
  type Client,
  type RoomException,
} from "@colyseus/core";
import {
  ROLES,
  INTENT_ROLES,
  SCENARIO_NAMES,
  TICK_SECONDS,
  createWorld,
  injectChaos,
  kubectlFor,
  setRoleMode,
  step,
} from "../../shared/sim";
import type { ClockName, Intent, IntentResult, QueuedIntent, Role, RoleMode, World } from "../../shared/sim";
import {
  ClientMessage,
  DEFAULT_CLOCK,
  DEFAULT_DIFFICULTY,
  DEFAULT_DURATION_SECONDS,
  DEFAULT_SCENARIO,
  ErrorCode,
  MAX_INTENTS_PER_TICK,
  MAX_PLAYERS,
  NO_ROLE,
  RECONNECT_SECONDS,
  ServerMessage,
  validateEmpty,
  validateInject,
  validateIntent,
  validatePickRole,
  validateRoomOptions,
  validateSetMode,
  type Difficulty,
  type ErrorCodeName,
  type ErrorPayload,
  type InjectPayload,
  type InjectResultPayload,
  type Phase,
  type ProtocolError,
  type UnheldMode,
} from "../../shared/protocol";
import { botActor, createBot, isBotActor, unheldModeFor, type Bot } from "./bots";
import { Projector } from "./project";
import { MatchState, PlayerState, RoleState } from "./schema/MatchState";
import { newRoomCode } from "./roomCode";

/** Milliseconds between simulation ticks (the sim's TICK_SECONDS). */
export const TICK_MS = Math.round(TICK_SECONDS * 1000);
/** Milliseconds between state patches sent to clients (independent of the tick). */
export const PATCH_MS = 200;

/** The options a room runs with, after validation and defaults. */
export interface MatchOptions {
  scenario: string;
  seed: number;
  clock: ClockName;
  difficulty: Difficulty;
  durationSeconds: number;
  /** Whether the scenario's seeded chaos schedule runs (injections always do). */
  chaos: boolean;
  /** Tests only (NODE_ENV=test): no timer; the test calls {@link MatchRoom.tickOnce}. */
  manualClock: boolean;
  /** Whether the state carries the world's stateHash (tests, or env STATE_HASH=1: it costs ~2 ms). */
  hash: boolean;
}

/** What the LobbyRoom lists for each match. */
export interface MatchMetadata {
  scenario: string;
  phase: Phase;
  freeRoles: Role[];
  clock: ClockName;
  difficulty: Difficulty;
}

/** Wall-clock cost of the room's work, for `npm run bench`. */
export interface RoomCostSample {
  /** Milliseconds spent in one tick (queue drain + step + results). */
  tickMs: number[];
  /** Milliseconds spent projecting the world into the schema before a patch. */
  projectMs: number[];
}

/** An error a ServerError carries when a join/create is refused (Colyseus close code range). */
const JOIN_REFUSED = 4400;

/** The authoritative match room. */
export class MatchRoom extends Room<MatchState, MatchMetadata> {
  /** The simulated world; tests read it, nothing outside the tick writes it. */
  world!: World;
  /** Resolved options (same for every restart). */
  opts!: MatchOptions;
  /** Timings, filled only while `collectCost` is true. */
  readonly cost: RoomCostSample = { tickMs: [], projectMs: [] };
  /** Turn on to record {@link cost}. */
  collectCost = false;

  private queue: QueuedIntent[] = [];
  private injects: { sessionId: string; payload: InjectPayload }[] = [];
  private sentThisTick = new Map<string, number>();
  private readonly projector = new Projector();
  private dirty = true;
  /** Who plays each role while no person holds it (from the difficulty, then the host's setMode). */
  private unheldModes!: Record<Role, UnheldMode>;
  private bots: Partial<Record<Role, Bot>> = {};
  private joinOrder: string[] = [];
  private joined = 0;
  /** Actor of each seat (events, kubectl lines, score) → its sessionId. */
  private readonly actorSessions = new Map<string, string>();
  /** Every actor this room has handed out: a later seat never reuses one (points stay apart). */
  private readonly usedActors = new Set<string>();

  /** Validates options, picks a short room code, builds the world and registers handlers. */
  override async onCreate(rawOptions: unknown): Promise<void> {
    try {
      await this.setUp(rawOptions);
    } catch (e) {
      // Colyseus 0.16 starts the patch timer before onCreate and never disposes a room whose
      // onCreate threw: stop the timers so a refused create leaks nothing.
      this.setPatchRate(null);
      this.clock.clear();
      throw e;
    }
  }

  private async setUp(rawOptions: unknown): Promise<void> {
    const v = validateRoomOptions(rawOptions);
    if (!v.ok) throw new ServerError(JOIN_REFUSED, `${v.error.code}: ${v.error.message}`);
    const o = v.value;
    const scenario = o.scenario ?? DEFAULT_SCENARIO;
    if (!(SCENARIO_NAMES as readonly string[]).includes(scenario)) {
      throw new ServerError(
        JOIN_REFUSED,
        `${ErrorCode.UNKNOWN_SCENARIO}: unknown scenario "${scenario}" (known: ${SCENARIO_NAMES.join(", ")})`,
      );
    }
    const raw = rawOptions as Record<string, unknown> | undefined;
    this.opts = {
      scenario,
      seed: o.seed ?? Math.floor(Math.random() * 0x7fffffff),
      clock: o.clock ?? DEFAULT_CLOCK,
      difficulty: o.difficulty ?? DEFAULT_DIFFICULTY,
      durationSeconds: o.durationSeconds ?? DEFAULT_DURATION_SECONDS,
      chaos: o.chaos ?? true,
      manualClock: process.env.NODE_ENV === "test" && raw?.manualClock === true,
      hash: process.env.NODE_ENV === "test" || process.env.STATE_HASH === "1",
    };
    this.roomId = await uniqueRoomCode();
    this.maxClients = MAX_PLAYERS;
    this.state = new MatchState();
    this.state.code = this.roomId;
    this.state.scenario = this.opts.scenario;
    this.state.seed = this.opts.seed;
    this.state.clock = this.opts.clock;
    this.state.difficulty = this.opts.difficulty;
    this.state.chaos = this.opts.chaos;
    this.state.duration = this.opts.durationSeconds;
    const unheld = unheldModeFor(this.opts.difficulty);
    this.unheldModes = { scheduler: unheld, "workload-controller": unheld, "service-controller": unheld };
    for (const role of ROLES) {
      const r = new RoleState();
      r.role = role;
      this.state.roles.set(role, r);
    }
    this.resetWorld();

    this.onMessage(ClientMessage.pickRole, (c, m) => this.handlePickRole(c, m));
    this.onMessage(ClientMessage.start, (c, m) => this.handleStart(c, m));
    this.onMessage(ClientMessage.restart, (c, m) => this.handleRestart(c, m));
    this.onMessage(ClientMessage.intent, (c, m) => this.handleIntent(c, m));
    this.onMessage(ClientMessage.inject, (c, m) => this.handleInject(c, m));
    this.onMessage(ClientMessage.setMode, (c, m) => this.handleSetMode(c, m));
    this.onMessage("*", (c, type) =>
      this.sendError(c, String(type).slice(0, 40), {
        code: ErrorCode.UNKNOWN_MESSAGE,
        message: `unknown message type "${String(type).slice(0, 40)}"`,
      }),
    );

    this.patchRate = PATCH_MS;
    if (!this.opts.manualClock) this.setSimulationInterval(() => this.tickOnce(), TICK_MS);
    await this.updateMetadata();
  }

  /** Refuses a join whose options are malformed (e.g. a 10 kB name), with the reason. */
  override onAuth(_client: Client, options: unknown): boolean {
    const v = validateRoomOptions(options);
    if (!v.ok) throw new ServerError(JOIN_REFUSED, `${v.error.code}: ${v.error.message}`);
    return true;
  }

  /** Seats a player: a name, host if first, and the requested or first free role. */
  override onJoin(client: Client, options: unknown): void {
    const v = validateRoomOptions(options);
    const o = v.ok ? v.value : {};
    this.joined += 1;
    const p = new PlayerState();
    p.id = client.sessionId;
    p.name = o.name ?? `Player ${this.joined}`;
    p.actor = this.newActor(p.name);
    this.actorSessions.set(p.actor, client.sessionId);
    this.state.players.set(client.sessionId, p);
    this.joinOrder.push(client.sessionId);
    if (!this.state.hostId) this.state.hostId = client.sessionId;
    const free = this.freeRoles();
    const role = o.role && free.includes(o.role) ? o.role : o.role === NO_ROLE ? undefined : free[0];
    if (role) this.assignRole(p, role);
    void this.updateMetadata();
  }

  /** Keeps a dropped player's seat for {@link RECONNECT_SECONDS}; a consented leave frees it. */
  override async onLeave(client: Client, consented: boolean): Promise<void> {
    const p = this.state.players.get(client.sessionId);
    if (!p) return;
    p.connected = false;
    if (!consented) {
      try {
        await this.allowReconnection(client, RECONNECT_SECONDS);
        p.connected = true;
        return;
      } catch {
        // Timed out: fall through and free the seat.
      }
    }
    this.removePlayer(client.sessionId);
  }

  /** Projects the world into the state right before each patch, if anything ran since. */
  override onBeforePatch(): void {
    if (!this.dirty || !this.world) return;
    const t0 = this.collectCost ? performance.now() : 0;
    this.projector.project(this.state, this.world, this.projectOptions());
    this.dirty = false;
    if (this.collectCost) this.cost.projectMs.push(performance.now() - t0);
  }

  /** Logs anything a handler throws; the sender learns it failed, the room keeps running. */
  override onUncaughtException(error: RoomException<this>, methodName: string): void {
    logger.error(`[match ${this.roomId}] ${methodName}: ${error.message}`, error.cause ?? error);
    if ("client" in error && error.client && methodName === "onMessage") {
      this.sendError(error.client, "type" in error ? String(error.type) : undefined, {
        code: ErrorCode.INTERNAL,
        message: "the server failed to handle this message; nothing changed",
      });
    }
  }

  /**
   * One fixed step: chaos injections, then the bots' intents (in role order), then the
   * players' in arrival order, all through `step`; results go to their senders.
   */
  tickOnce(): void {
    this.sentThisTick.clear();
    if (this.state.phase !== "running") return;
    const t0 = this.collectCost ? performance.now() : 0;
    for (const inj of this.injects.splice(0)) this.applyInject(inj.sessionId, inj.payload);
    const queued: QueuedIntent[] = [];
    for (const role of ROLES) {
      const bot = this.bots[role];
      if (bot) queued.push(...bot.intents(this.world));
    }
    queued.push(...this.queue);
    this.queue = [];
    let results: IntentResult[] = [];
    try {
      results = step(this.world, queued, TICK_SECONDS).results;
    } catch (e) {
      logger.error(`[match ${this.roomId}] step failed at tick ${this.world.tick}`, e);
      for (const q of queued) {
        const c = this.clientOfActor(q.actor);
        if (c)
          this.sendError(c, ClientMessage.intent, { code: ErrorCode.INTERNAL, message: "the tick failed" });
      }
    }
    for (const r of results) this.deliver(r);
    this.projector.recordTraffic(this.world);
    this.dirty = true;
    if (this.world.time >= this.opts.durationSeconds) this.endMatch();
    if (this.collectCost) this.cost.tickMs.push(performance.now() - t0);
  }

  /** lobby → running (also used by tests that drive a room without clients). */
  startMatch(): void {
    if (this.state.phase !== "lobby") return;
    this.applyRoleModes();
    this.state.phase = "running";
    void this.updateMetadata();
  }

  /** running → debrief: freeze the world and publish the final score and timeline. */
  endMatch(): void {
    if (this.state.phase !== "running") return;
    this.state.phase = "debrief";
    this.queue = [];
    this.injects = [];
    const score = this.projector.project(this.state, this.world, this.projectOptions());
    this.projector.projectDebrief(this.state, this.world, score);
    void this.updateMetadata();
  }

  /** A fresh world from the same options (same seed: a replayable rematch), back to the lobby. */
  restartMatch(): void {
    this.queue = [];
    this.injects = [];
    this.resetWorld();
    for (const p of this.state.players.values()) p.points = 0;
    const d = this.state.debrief;
    d.timeline.clear();
    d.marks.clear();
    d.incidents.clear();
    d.scoreMarks.clear();
    d.availability = 0;
    d.requests = 0;
    d.ok = 0;
    d.teamPoints = 0;
    d.mttr = -1;
    d.errorBudget = 1;
    d.sloMet = true;
    this.state.phase = "lobby";
    void this.updateMetadata();
  }

  private resetWorld(): void {
    this.world = createWorld({
      scenario: this.opts.scenario,
      seed: this.opts.seed,
      clock: this.opts.clock,
      chaos: this.opts.chaos,
    });
    this.projector.reset();
    this.state.events.clear();
    // Bots keep their memory in plain data tied to one world: a new world gets new bots.
    for (const role of ROLES) this.removeBot(role);
    this.applyRoleModes();
    this.projector.project(this.state, this.world, this.projectOptions());
    this.dirty = false;
  }

  // ---- message handlers: validate, check permission/phase, queue. Never touch the world. ----

  private handlePickRole(client: Client, message: unknown): void {
    const v = validatePickRole(message);
    if (!v.ok) return this.sendError(client, ClientMessage.pickRole, v.error);
    const p = this.state.players.get(client.sessionId);
    if (!p) return;
    const role = v.value.role;
    if (role === p.role) return;
    if (role !== NO_ROLE) {
      const holder = this.state.roles.get(role)?.holder;
      if (holder && holder !== client.sessionId) {
        const name = this.state.players.get(holder)?.name ?? "another player";
        return this.sendError(client, ClientMessage.pickRole, {
          code: ErrorCode.ROLE_TAKEN,
          message: `${role} is held by ${name}`,
        });
      }
    }
    this.releaseRole(p);
    if (role !== NO_ROLE) this.assignRole(p, role);
    void this.updateMetadata();
  }

  private handleStart(client: Client, message: unknown): void {
    const v = validateEmpty(message, ClientMessage.start);
    if (!v.ok) return this.sendError(client, ClientMessage.start, v.error);
    if (!this.requireHost(client, ClientMessage.start)) return;
    if (this.state.phase !== "lobby") {
      return this.sendError(client, ClientMessage.start, {
        code: ErrorCode.WRONG_PHASE,
        message: `the match is already ${this.state.phase}`,
      });
    }
    this.startMatch();
  }

  private handleRestart(client: Client, message: unknown): void {
    const v = validateEmpty(message, ClientMessage.restart);
    if (!v.ok) return this.sendError(client, ClientMessage.restart, v.error);
    if (!this.requireHost(client, ClientMessage.restart)) return;
    this.restartMatch();
  }

  private handleIntent(client: Client, message: unknown): void {
    const v = validateIntent(message);
    if (!v.ok) return this.sendError(client, ClientMessage.intent, v.error);
    if (this.state.phase !== "running") {
      return this.sendError(client, ClientMessage.intent, {
        code: ErrorCode.WRONG_PHASE,
        message: `intents are accepted while the match is running (now: ${this.state.phase})`,
      });
    }
    const p = this.state.players.get(client.sessionId);
    const intent = v.value;
    const needed = INTENT_ROLES[intent.type];
    if (!p || p.role === NO_ROLE) {
      return this.sendError(client, ClientMessage.intent, {
        code: ErrorCode.NO_ROLE,
        message: `pick a role first: ${intent.type} is the ${needed}'s job`,
      });
    }
    if (p.role !== needed) {
      // Refused here, as the sim would: the world never sees it.
      return this.refuseIntent(
        client,
        p.actor,
        intent,
        `${intent.type} is the ${needed}'s job; you are the ${p.role}`,
      );
    }
    if (!this.countMessage(client)) return;
    this.queue.push({ actor: p.actor, role: p.role as Role, intent });
  }

  private handleInject(client: Client, message: unknown): void {
    const v = validateInject(message);
    if (!v.ok) return this.sendError(client, ClientMessage.inject, v.error);
    if (!this.requireHost(client, ClientMessage.inject)) return;
    if (this.state.phase !== "running") {
      return this.sendError(client, ClientMessage.inject, {
        code: ErrorCode.WRONG_PHASE,
        message: "chaos can be injected while the match is running",
      });
    }
    if (!this.countMessage(client)) return;
    this.injects.push({ sessionId: client.sessionId, payload: v.value });
  }

  private handleSetMode(client: Client, message: unknown): void {
    const v = validateSetMode(message);
    if (!v.ok) return this.sendError(client, ClientMessage.setMode, v.error);
    if (!this.requireHost(client, ClientMessage.setMode)) return;
    const { role, mode } = v.value;
    if (this.state.roles.get(role)?.holder) {
      return this.sendError(client, ClientMessage.setMode, {
        code: ErrorCode.ROLE_TAKEN,
        message: `${role} is held by a player and stays manual`,
      });
    }
    this.unheldModes[role] = mode;
    this.applyRoleModes();
    this.dirty = true;
  }

  // ---- helpers ----

  private applyInject(sessionId: string, payload: InjectPayload): void {
    const client = this.clientOf(sessionId);
    let result: InjectResultPayload;
    try {
      const r = injectChaos(this.world, payload as Parameters<typeof injectChaos>[1]);
      result = { ...payload, ok: r.ok, message: r.ok ? "injected" : r.error };
    } catch (e) {
      result = { ...payload, ok: false, message: e instanceof Error ? e.message : String(e) };
    }
    if (client) client.send(ServerMessage.injectResult, result);
  }

  /** Sends a result to its sender (points come from the score, judged seconds later). */
  private deliver(r: IntentResult): void {
    const c = this.clientOfActor(r.actor);
    if (c) c.send(ServerMessage.intentResult, r);
  }

  private refuseIntent(client: Client, actor: string, intent: Intent, message: string): void {
    const result: IntentResult = {
      actor,
      intent,
      ok: false,
      kubectl: kubectlFor(intent),
      code: "WRONG_ROLE",
      message,
    };
    client.send(ServerMessage.intentResult, result);
  }

  private countMessage(client: Client): boolean {
    const n = (this.sentThisTick.get(client.sessionId) ?? 0) + 1;
    this.sentThisTick.set(client.sessionId, n);
    if (n <= MAX_INTENTS_PER_TICK) return true;
    this.sendError(client, ClientMessage.intent, {
      code: ErrorCode.RATE_LIMITED,
      message: `at most ${MAX_INTENTS_PER_TICK} intents per tick (${TICK_MS} ms)`,
    });
    return false;
  }

  private requireHost(client: Client, ref: string): boolean {
    if (client.sessionId === this.state.hostId) return true;
    this.sendError(client, ref, { code: ErrorCode.NOT_HOST, message: `only the host can ${ref}` });
    return false;
  }

  private sendError(client: Client, ref: string | undefined, error: ProtocolError | ErrorPayload): void {
    const payload: ErrorPayload = { code: error.code as ErrorCodeName, message: error.message };
    if (ref !== undefined) payload.ref = ref;
    client.send(ServerMessage.error, payload);
  }

  private clientOf(sessionId: string): Client | undefined {
    return this.clients.getById(sessionId);
  }

  private clientOfActor(actor: string): Client | undefined {
    const id = this.actorSessions.get(actor);
    return id === undefined ? undefined : this.clientOf(id);
  }

  /**
   * The actor for a new seat: its name, or `name#2`, `name#3`… when a seat of this room (or a
   * bot) already used it. Deterministic given the join order, and kept across reconnection.
   */
  private newActor(name: string): string {
    let actor = name;
    for (let n = 2; this.usedActors.has(actor) || isBotActor(actor); n++) actor = `${name}#${n}`;
    this.usedActors.add(actor);
    return actor;
  }

  private projectOptions() {
    return { hash: this.opts.hash, windowSeconds: this.opts.durationSeconds };
  }

  private freeRoles(): Role[] {
    return ROLES.filter((r) => !this.state.roles.get(r)?.holder);
  }

  private assignRole(p: PlayerState, role: Role): void {
    const r = this.state.roles.get(role);
    if (!r) return;
    r.holder = p.id;
    p.role = role;
    this.applyRoleModes();
  }

  private releaseRole(p: PlayerState): void {
    const r = p.role ? this.state.roles.get(p.role) : undefined;
    if (r && r.holder === p.id) r.holder = "";
    p.role = NO_ROLE;
    this.applyRoleModes();
  }

  /**
   * Held roles are manual (the person does the work). Unheld ones follow the difficulty or
   * the host's setMode: autopilot, nobody (manual), or a bot (manual: the bot's intents do
   * the work). Bots come and go here, with their seat in `players`.
   */
  private applyRoleModes(): void {
    for (const role of ROLES) {
      const r = this.state.roles.get(role);
      if (!r) continue;
      const unheld = this.unheldModes[role];
      if (r.holder || unheld !== "bot") this.removeBot(role);
      else if (!this.bots[role]) this.addBot(role);
      const mode: RoleMode = r.holder || unheld !== "autopilot" ? "manual" : "autopilot";
      if (this.world.roles[role] !== mode) setRoleMode(this.world, role, mode);
      if (r.mode !== mode) r.mode = mode;
      const botId = this.bots[role]?.id ?? "";
      if (r.bot !== botId) r.bot = botId;
    }
  }

  private addBot(role: Role): void {
    const bot = createBot(this.world, role, this.opts.difficulty);
    this.bots[role] = bot;
    const p = new PlayerState();
    p.id = bot.id;
    p.name = botActor(role);
    p.actor = bot.state.actor;
    p.role = role;
    p.isBot = true;
    this.state.players.set(bot.id, p);
  }

  private removeBot(role: Role): void {
    const bot = this.bots[role];
    if (!bot) return;
    delete this.bots[role];
    this.state.players.delete(bot.id);
  }

  private removePlayer(sessionId: string): void {
    const p = this.state.players.get(sessionId);
    if (p) this.releaseRole(p);
    this.state.players.delete(sessionId);
    this.joinOrder = this.joinOrder.filter((id) => id !== sessionId);
    if (p) {
      this.queue = this.queue.filter((q) => q.actor !== p.actor);
      this.actorSessions.delete(p.actor);
    }
    if (this.state.hostId === sessionId) {
      const next = this.joinOrder.find((id) => this.state.players.get(id)?.connected) ?? this.joinOrder[0];
      this.state.hostId = next ?? "";
    }
    void this.updateMetadata();
  }

  private async updateMetadata(): Promise<void> {
    const created = this.listing.roomId !== undefined && this.listing.roomId !== null;
    await this.setMetadata({
      scenario: this.opts.scenario,
      phase: this.state.phase as Phase,
      freeRoles: this.freeRoles(),
      clock: this.opts.clock,
      difficulty: this.opts.difficulty,
    });
    // 0.16 pushes listing changes to LobbyRoom on join/leave only; phase and free roles
    // change without either, so tell the lobby (once the room is listed).
    if (created) updateLobby(this);
  }
}

/** A room code not used by any live room. */
async function uniqueRoomCode(): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = newRoomCode(attempt < 10 ? 4 : 6);
    const taken = await matchMaker.query({ roomId: code });
    if (taken.length === 0) return code;
  }
  return newRoomCode(8);
}
