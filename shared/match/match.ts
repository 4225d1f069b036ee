/**
 * A match, pure and deterministic: options, seats, role policy, intake, phases and the
 * tick, with the match log. No sockets, no timers, no wall clock: the room (or the sim CLI,
 * or a test) feeds it joins, messages and ticks, and sends what it returns.
 */
import {
  botIntents,
  createBot,
  ROLES,
  stateHash,
  type BotState,
  type IntentResult,
  type QueuedIntent,
  type Role,
  type World,
} from "../sim";
import {
  ClientMessage,
  ErrorCode,
  NO_ROLE,
  quote,
  validateEmpty,
  validateInject,
  validateIntent,
  validatePickRole,
  validateSetMode,
  type InjectResultPayload,
  type Phase,
  type UnheldMode,
} from "../protocol";
import { checkRole, Intake, refusal, wrongRole, type Refusal } from "./intake";
import { hasInputs, newMatchLog, type LogTick, type MatchLog } from "./log";
import type { MatchOptions } from "./options";
import { canMove, acceptsIntents } from "./phases";
import { botStyleFor, RolePolicy } from "./roles";
import { Seats, type Seat } from "./seats";
import { runTick, worldFor } from "./tick";

/** A message for one seat, produced by a tick. */
export type Delivery =
  | { seatId: string; type: "intentResult"; payload: IntentResult }
  | { seatId: string; type: "injectResult"; payload: InjectResultPayload };

/** What a tick did. */
export interface MatchTick {
  deliveries: Delivery[];
  /** Whether this tick ended the round (running → debrief). */
  ended: boolean;
}

/** How a seat asked to join. */
export interface JoinRequest {
  name?: string;
  /** A role to take if free; `""` to watch; absent ⇒ the first free role. */
  role?: Role | typeof NO_ROLE;
}

/** One match: every round of it, with the world of the current round. */
export class Match {
  readonly options: MatchOptions;
  readonly seats = new Seats();
  readonly roles: RolePolicy;
  phase: Phase = "lobby";
  /** 1 for the first round, +1 per restart. */
  round = 1;
  world: World;
  /** The current round's log. */
  log: MatchLog;
  /** Bumped whenever seats, roles or phase change (the world has its own resourceVersion). */
  version = 0;
  /** A competition team: the facilitator runs its clock and chaos, so seats may not start, restart or inject. */
  facilitated = false;
  private readonly intake = new Intake();
  private bots: Partial<Record<Role, BotState>> = {};

  constructor(options: MatchOptions) {
    this.options = { ...options };
    this.roles = new RolePolicy(options.difficulty);
    this.world = worldFor(this.options);
    this.log = newMatchLog(this.options, this.round);
    this.syncBots();
  }

  // ---- seats ----

  /** Seats a person: host if first, with the requested role if free, else the first free role. */
  join(id: string, req: JoinRequest = {}): Seat {
    const seat = this.seats.addPerson(id, req.name);
    const free = this.roles.free();
    const role = req.role === NO_ROLE ? undefined : req.role && free.includes(req.role) ? req.role : free[0];
    if (role) this.takeRole(seat, role);
    this.changed();
    return seat;
  }

  /** The connection dropped; the seat waits for a reconnection (host powers pass on meanwhile). */
  disconnect(id: string): void {
    const seat = this.seats.get(id);
    if (!seat) return;
    seat.connected = false;
    this.changed();
  }

  /** The seat's connection is back. */
  reconnect(id: string): void {
    const seat = this.seats.get(id);
    if (!seat) return;
    seat.connected = true;
    this.changed();
  }

  /** The seat is gone for good: its role is freed and its queued messages dropped. */
  leave(id: string): void {
    const seat = this.seats.get(id);
    if (!seat || seat.isBot) return;
    this.roles.release(id);
    this.seats.remove(id);
    this.intake.forget(id);
    this.syncBots();
    this.changed();
  }

  /** The seat id with host powers now. */
  get hostId(): string {
    return this.seats.host();
  }

  /** Roles no person holds. */
  freeRoles(): Role[] {
    return this.roles.free();
  }

  // ---- messages ----

  /** Handles one client message; returns the refusal to send back, or nothing when accepted. */
  receive(seatId: string, type: string, payload: unknown): Refusal | undefined {
    const seat = this.seats.get(seatId);
    if (!seat || seat.isBot) return refusal(ErrorCode.NOT_HOST, "you hold no seat in this match", type);
    switch (type) {
      case ClientMessage.pickRole: {
        const v = validatePickRole(payload);
        if (!v.ok) return { error: { ...v.error, ref: type } };
        return this.pickRole(seat, v.value.role);
      }
      case ClientMessage.start:
      case ClientMessage.restart: {
        const v = validateEmpty(payload, type);
        if (!v.ok) return { error: { ...v.error, ref: type } };
        const notHost = this.facilitated ? this.facilitatorOnly(type) : this.requireHost(seat, type);
        if (notHost) return notHost;
        if (type === ClientMessage.restart) return this.restart();
        if (!canMove(this.phase, "start"))
          return refusal(ErrorCode.WRONG_PHASE, `the match is already ${this.phase}`, type);
        this.start();
        return undefined;
      }
      case ClientMessage.intent: {
        const v = validateIntent(payload);
        if (!v.ok) return { error: { ...v.error, ref: type } };
        if (!acceptsIntents(this.phase))
          return refusal(
            ErrorCode.WRONG_PHASE,
            `intents are accepted while the match is running (now: ${this.phase})`,
            type,
          );
        const wrong = checkRole(seat.actor, seat.role, v.value);
        if (wrong) return wrong;
        if (!this.intake.count(seat.id)) return this.rateLimited();
        this.intake.intents.push({ seatId: seat.id, actor: seat.actor, intent: v.value });
        return undefined;
      }
      case ClientMessage.inject: {
        const v = validateInject(payload);
        if (!v.ok) return { error: { ...v.error, ref: type } };
        const notHost = this.facilitated ? this.facilitatorOnly(type) : this.requireHost(seat, type);
        if (notHost) return notHost;
        if (!acceptsIntents(this.phase))
          return refusal(ErrorCode.WRONG_PHASE, "chaos can be injected while the match is running", type);
        if (!this.intake.count(seat.id)) return this.rateLimited();
        this.intake.injections.push({ seatId: seat.id, actor: seat.actor, ...v.value });
        return undefined;
      }
      case ClientMessage.setMode: {
        const v = validateSetMode(payload);
        if (!v.ok) return { error: { ...v.error, ref: type } };
        const notHost = this.requireHost(seat, type);
        if (notHost) return notHost;
        return this.setMode(v.value.role, v.value.mode);
      }
      default:
        return refusal(ErrorCode.UNKNOWN_MESSAGE, `unknown message type "${quote(type)}"`, quote(type));
    }
  }

  /** Queues a chaos injection from outside the seats (a facilitator, the sim CLI): applied next tick. */
  inject(actor: string, type: string, target?: string): void {
    this.intake.injections.push({ seatId: "", actor, type, ...(target !== undefined ? { target } : {}) });
  }

  // ---- phases ----

  /** lobby → running. */
  start(): void {
    if (!canMove(this.phase, "start")) return;
    this.phase = "running";
    this.changed();
  }

  /** running → debrief: the world freezes and the log records where it ended. */
  end(): void {
    if (!canMove(this.phase, "end")) return;
    this.phase = "debrief";
    this.intake.clear();
    this.log.end = { tick: this.world.tick, stateHash: stateHash(this.world) };
    this.changed();
  }

  /** A fresh world from the same options (same seed: a replayable rematch), back to the lobby. */
  restart(): undefined {
    this.intake.clear();
    this.round += 1;
    this.world = worldFor(this.options);
    this.log = newMatchLog(this.options, this.round);
    // Bots keep their memory in plain data tied to one world: a new world gets new bots.
    for (const role of ROLES) this.removeBot(role);
    this.syncBots();
    this.phase = "lobby";
    this.changed();
    return undefined;
  }

  /**
   * One fixed step while running: role modes that changed, then the injections, then the
   * bots' intents (in role order) and the people's (in arrival order, each re-checked against
   * the role its sender holds now), all through `runTick`. Returns what to tell whom.
   */
  tick(): MatchTick {
    const { intents, injections } = this.intake.drain();
    if (this.phase !== "running") return { deliveries: [], ended: false };
    const deliveries: Delivery[] = [];
    const entry: LogTick = { tick: this.world.tick + 1 };
    const modes = this.modeChanges();
    if (modes) entry.modes = modes;
    if (injections.length > 0)
      entry.injections = injections.map(({ actor, type, target }) => ({
        actor,
        type,
        ...(target !== undefined ? { target } : {}),
      }));
    const people: QueuedIntent[] = [];
    for (const q of intents) {
      const seat = this.seats.get(q.seatId);
      const role = seat?.role ?? NO_ROLE;
      if (role === NO_ROLE || !seat || checkRole(q.actor, role, q.intent)) {
        // The sender gave the role away (or left) after sending: refused, the world never sees it.
        const why = `${q.intent.type} needs a role you no longer hold`;
        deliveries.push({
          seatId: q.seatId,
          type: "intentResult",
          payload: wrongRole(q.actor, q.intent, why),
        });
        continue;
      }
      people.push({ actor: q.actor, role, intent: q.intent });
    }
    const out = runTick(this.world, entry, (world) => [...this.botIntents(world), ...people]);
    for (const r of out.injections) {
      const seat = this.seats.byActor(r.actor);
      if (seat) {
        const { actor: _actor, ...payload } = r;
        deliveries.push({ seatId: seat.id, type: "injectResult", payload });
      }
    }
    for (const r of out.results) {
      const seat = this.seats.byActor(r.actor);
      if (seat && !seat.isBot) deliveries.push({ seatId: seat.id, type: "intentResult", payload: r });
    }
    if (hasInputs(entry)) this.log.ticks.push(entry);
    const ended = this.world.time >= this.options.durationSeconds;
    if (ended) this.end();
    return { deliveries, ended };
  }

  // ---- helpers ----

  private pickRole(seat: Seat, role: Role | typeof NO_ROLE): Refusal | undefined {
    if (role === seat.role) return undefined;
    if (role !== NO_ROLE) {
      const holder = this.roles.holderOf(role);
      if (holder && holder !== seat.id) {
        const name = this.seats.get(holder)?.name ?? "another player";
        return refusal(ErrorCode.ROLE_TAKEN, `${role} is held by ${name}`, ClientMessage.pickRole);
      }
    }
    this.releaseRole(seat);
    if (role !== NO_ROLE) this.takeRole(seat, role);
    this.changed();
    return undefined;
  }

  /** Who plays an unheld role: the autopilot, nobody (`manual`) or a bot (the host's or the CLI's choice). */
  setMode(role: Role, mode: UnheldMode): Refusal | undefined {
    if (this.roles.holderOf(role))
      return refusal(
        ErrorCode.ROLE_TAKEN,
        `${role} is held by a player and stays manual`,
        ClientMessage.setMode,
      );
    this.roles.setUnheld(role, mode);
    this.syncBots();
    this.changed();
    return undefined;
  }

  private takeRole(seat: Seat, role: Role): void {
    this.roles.take(role, seat.id);
    seat.role = role;
    this.syncBots();
  }

  private releaseRole(seat: Seat): void {
    this.roles.release(seat.id);
    seat.role = NO_ROLE;
    this.syncBots();
  }

  private requireHost(seat: Seat, ref: string): Refusal | undefined {
    return seat.id === this.hostId ? undefined : refusal(ErrorCode.NOT_HOST, `only the host can ${ref}`, ref);
  }

  private facilitatorOnly(ref: string): Refusal {
    return refusal(ErrorCode.NOT_HOST, "in a competition the facilitator runs the clock and the chaos", ref);
  }

  private rateLimited(): Refusal {
    return refusal(ErrorCode.RATE_LIMITED, "too many messages in one tick (100 ms)", ClientMessage.intent);
  }

  /** Roles whose world mode differs from the policy (applied at the next tick, and logged). */
  private modeChanges(): Partial<Record<Role, "autopilot" | "manual">> | undefined {
    let out: Partial<Record<Role, "autopilot" | "manual">> | undefined;
    for (const role of ROLES) {
      const want = this.roles.worldMode(role);
      if (this.world.roles[role] !== want) (out ??= {})[role] = want;
    }
    return out;
  }

  /** Adds and removes bot seats to match the role policy. */
  private syncBots(): void {
    for (const role of ROLES) {
      if (!this.roles.wantsBot(role)) this.removeBot(role);
      else if (!this.bots[role]) {
        const seat = this.seats.addBot(role);
        this.bots[role] = createBot(this.world, role, {
          actor: seat.actor,
          style: botStyleFor(this.options.difficulty),
        });
      }
    }
  }

  private removeBot(role: Role): void {
    const bot = this.bots[role];
    if (!bot) return;
    delete this.bots[role];
    this.seats.remove(bot.actor);
  }

  private botIntents(world: World): QueuedIntent[] {
    const out: QueuedIntent[] = [];
    for (const role of ROLES) {
      const bot = this.bots[role];
      if (bot) out.push(...botIntents(world, bot));
    }
    return out;
  }

  private changed(): void {
    this.version += 1;
  }
}
