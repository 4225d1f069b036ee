/**
 * The match room's kubectl console: the `kubectl` and `kubectlComplete` messages. Reads run on
 * the match's authoritative world and need no role; a write's intents go through the match's
 * own intake as the sender's seat (shared/match/kubectlCommand.ts), so their results arrive as
 * the buttons' do. Both messages are validated first (a malformed one is refused and changes
 * nothing) and rate-limited per client beyond the connection's message budget, since a read
 * costs the server a print of the world.
 */
import type { Client } from "@colyseus/core";
import { completeKubectl } from "../../shared/kubectl";
import type { Match, Refusal } from "../../shared/match";
import { TokenBucket } from "../../shared/match";
import { runConsoleCommand, submitIntents } from "../../shared/match/kubectlCommand";
import type { Intent } from "../../shared/sim";
import {
  ClientMessage,
  ErrorCode,
  MAX_KUBECTL_COMPLETIONS,
  ServerMessage,
  validateKubectl,
  validateKubectlComplete,
  type KubectlCompletionPayload,
  type KubectlResultPayload,
} from "../../shared/protocol";

/** Console requests a client may make per second, sustained and at once (beyond: `RATE_LIMITED`). */
export const CONSOLE_BUDGET = {
  commandsPerSecond: 4,
  commandBurst: 8,
  completionsPerSecond: 10,
  completionBurst: 20,
} as const;

/** Seconds on a monotonic clock. */
function now(): number {
  return performance.now() / 1000;
}

/** The console's per-client rates. */
interface Rates {
  commands: TokenBucket;
  completions: TokenBucket;
}

/** How often waiting intents are looked at (they go in once per tick; the room's clock runs this). */
const BACKLOG_MS = 20;

/** What the console needs of its room: its clock, which stops with it. */
export interface ConsoleRoom {
  readonly clock: { setInterval(handler: () => void, ms: number): unknown };
}

/** Intents of a client's console lines past the per-tick rate, and the tick they last tried. */
interface Backlog {
  client: Client;
  intents: Intent[];
  tick: number;
}

/** Answers one room's console messages. */
export class KubectlConsole {
  private readonly rates = new WeakMap<Client, Rates>();
  private readonly backlogs = new Map<string, Backlog>();

  constructor(
    room: ConsoleRoom,
    private readonly matchOf: () => Match,
  ) {
    room.clock.setInterval(() => this.drainBacklogs(), BACKLOG_MS);
  }

  /** Whether a message type is the console's (else the match's). */
  static handles(type: string): boolean {
    return type === ClientMessage.kubectl || type === ClientMessage.kubectlComplete;
  }

  /** Handles a console message; returns the refusal to send back, or nothing when answered. */
  receive(client: Client, type: string, payload: unknown): Refusal | undefined {
    const match = this.matchOf();
    const seat = match.seats.get(client.sessionId);
    if (!seat || seat.isBot)
      return { error: { code: ErrorCode.NOT_HOST, message: "you hold no seat in this match", ref: type } };
    return type === ClientMessage.kubectl
      ? this.command(match, client, payload)
      : this.complete(match, client, payload);
  }

  private command(match: Match, client: Client, payload: unknown): Refusal | undefined {
    const v = validateKubectl(payload);
    if (!v.ok) return { error: { ...v.error, ref: ClientMessage.kubectl } };
    if (!this.ratesOf(client).commands.take(now()))
      return limited(ClientMessage.kubectl, CONSOLE_BUDGET.commandsPerSecond, "kubectl commands");
    const { id, line, stdin } = v.value;
    const waiting = this.backlogs.get(client.sessionId);
    const out = runConsoleCommand(match, () => client.sessionId, line, stdin, !!waiting);
    const reply: KubectlResultPayload = {
      id,
      stdout: out.stdout,
      stderr: out.stderr,
      exitCode: out.exitCode,
      intents: out.intents,
    };
    // The reply first: the console then knows which intent results answer this line.
    client.send(ServerMessage.kubectlResult, reply);
    for (const r of out.refused) client.send(ServerMessage.intentResult, r);
    if (out.deferred.length > 0) {
      if (waiting) waiting.intents.push(...out.deferred);
      else this.backlogs.set(client.sessionId, { client, intents: out.deferred, tick: match.world.tick });
    }
    return undefined;
  }

  /**
   * Sends waiting intents (a drain's evictions past the per-tick rate), once per tick, in
   * order, through the intake like the rest; what the intake refuses is answered as usual.
   */
  private drainBacklogs(): void {
    const match = this.matchOf();
    for (const [id, b] of this.backlogs) {
      if (!match.seats.get(id)) {
        this.backlogs.delete(id); // the seat is gone: so are its writes
        continue;
      }
      if (match.world.tick === b.tick) continue;
      b.tick = match.world.tick;
      const sent = submitIntents(match, () => id, b.intents);
      for (const r of sent.refused) b.client.send(ServerMessage.intentResult, r);
      for (const e of sent.errors) b.client.send(ServerMessage.error, { ...e, ref: ClientMessage.kubectl });
      b.intents = sent.rest;
      if (b.intents.length === 0) this.backlogs.delete(id);
    }
  }

  private complete(match: Match, client: Client, payload: unknown): Refusal | undefined {
    const v = validateKubectlComplete(payload);
    if (!v.ok) return { error: { ...v.error, ref: ClientMessage.kubectlComplete } };
    if (!this.ratesOf(client).completions.take(now()))
      return limited(ClientMessage.kubectlComplete, CONSOLE_BUDGET.completionsPerSecond, "completions");
    const { id, line, cursor } = v.value;
    const c = completeKubectl(match.world, line, cursor);
    const reply: KubectlCompletionPayload = {
      id,
      from: c.from,
      to: c.to,
      candidates: c.candidates.slice(0, MAX_KUBECTL_COMPLETIONS),
    };
    client.send(ServerMessage.kubectlCompletion, reply);
    return undefined;
  }

  private ratesOf(client: Client): Rates {
    let r = this.rates.get(client);
    if (!r) {
      const b = CONSOLE_BUDGET;
      r = {
        commands: new TokenBucket(b.commandsPerSecond, b.commandBurst),
        completions: new TokenBucket(b.completionsPerSecond, b.completionBurst),
      };
      this.rates.set(client, r);
    }
    return r;
  }
}

function limited(ref: string, perSecond: number, what: string): Refusal {
  return { error: { code: ErrorCode.RATE_LIMITED, message: `at most ${perSecond} ${what} per second`, ref } };
}

/** The guard's delivery for a match room: console messages to its {@link KubectlConsole}, all others to the match. */
export function deliverToMatch(
  room: ConsoleRoom,
  matchOf: () => Match,
): (client: Client, type: string, payload: unknown) => Refusal | undefined {
  const console = new KubectlConsole(room, matchOf);
  return (client, type, payload) =>
    KubectlConsole.handles(type)
      ? console.receive(client, type, payload)
      : matchOf().receive(client.sessionId, type, payload);
}
