/**
 * Seats: the people (and bots) in a match, in join order. A seat keeps its actor — the name
 * events, kubectl lines and the score use — for life, and survives a dropped connection
 * until the reconnection window closes. The host is the first person seated; while the host
 * is disconnected, the next connected person acts as host, and the host gets it back on return.
 */
import { NO_ROLE } from "../protocol";
import type { Role } from "../sim";
import { foldKey, looksLikeBot, withoutSeatSuffix } from "./actors";

/** One seat. `id` is the connection's session id (stable across reconnection) or a bot's actor. */
export interface Seat {
  id: string;
  name: string;
  /**
   * Unique in the match after case and confusable folding: the name, or `name#2`, `name#3`…
   * when taken or bot-like; a bot's is `<role>-bot`.
   */
  actor: string;
  role: Role | typeof NO_ROLE;
  connected: boolean;
  isBot: boolean;
}

/** The actor a bot playing `role` uses (`scheduler-bot`). */
export function botActor(role: Role): string {
  return `${role}-bot`;
}

/** Whether an actor is (or looks like) a bot's, so no person may take it as a name. */
export function isBotActor(actor: string): boolean {
  return actor.endsWith("-bot");
}

/** Every seat of a match. */
export class Seats {
  private readonly byId = new Map<string, Seat>();
  /** People's ids in join order (host hand-over follows it). */
  private order: string[] = [];
  /** The fold key of every actor handed out: a later seat never reuses one, so points stay apart. */
  private readonly usedActors = new Set<string>();
  private joined = 0;

  /** Seats a person; `name` empty ⇒ `Player N`. */
  addPerson(id: string, name: string | undefined): Seat {
    this.joined += 1;
    const display = name || `Player ${this.joined}`;
    const seat: Seat = {
      id,
      name: display,
      actor: this.newActor(display),
      role: NO_ROLE,
      connected: true,
      isBot: false,
    };
    this.byId.set(id, seat);
    this.order.push(id);
    return seat;
  }

  /** Seats a bot for a role (its id is its actor). */
  addBot(role: Role): Seat {
    const actor = botActor(role);
    const seat: Seat = { id: actor, name: actor, actor, role, connected: true, isBot: true };
    this.byId.set(actor, seat);
    return seat;
  }

  /** Frees a seat for good. */
  remove(id: string): Seat | undefined {
    const seat = this.byId.get(id);
    this.byId.delete(id);
    this.order = this.order.filter((x) => x !== id);
    return seat;
  }

  /** One seat. */
  get(id: string): Seat | undefined {
    return this.byId.get(id);
  }

  /** The seat an actor belongs to. */
  byActor(actor: string): Seat | undefined {
    for (const s of this.byId.values()) if (s.actor === actor) return s;
    return undefined;
  }

  /** Every seat: people in join order, then bots. */
  all(): Seat[] {
    const people = this.order.map((id) => this.byId.get(id)!);
    const bots = [...this.byId.values()].filter((s) => s.isBot);
    return [...people, ...bots];
  }

  /** How many people hold a seat (connected or within their reconnection window). */
  get peopleCount(): number {
    return this.order.length;
  }

  /**
   * Who has host powers now: the first person seated while connected, else the next connected
   * person in join order, else (nobody connected) the first seated, or "" in an empty match.
   */
  host(): string {
    const first = this.order[0];
    if (first === undefined) return "";
    if (this.byId.get(first)?.connected) return first;
    return this.order.find((id) => this.byId.get(id)?.connected) ?? first;
  }

  /**
   * A fresh actor for `name`: the name itself (less any `#` before a digit) unless its fold
   * key (case, confusables: see ./actors.ts) was handed out before or it poses as a bot; then
   * `name#2`, `name#3`…
   */
  private newActor(name: string): string {
    const base = withoutSeatSuffix(name);
    let actor = base;
    for (let n = 2; this.usedActors.has(foldKey(actor)) || looksLikeBot(actor); n++) actor = `${base}#${n}`;
    this.usedActors.add(foldKey(actor));
    return actor;
  }
}
