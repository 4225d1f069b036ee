/**
 * Intake: what a seat may send, checked the moment it arrives (phase, role, rate), and the
 * queues that hold accepted intents and injections until the next tick applies them.
 */
import {
  checkIntentRole,
  kubectlFor,
  realClusterFor,
  type Intent,
  type IntentResult,
  type Role,
} from "../sim";
import { ErrorCode, MAX_INTENTS_PER_TICK, type ErrorPayload } from "../protocol";
import type { LoggedInjection } from "./log";

/** A refusal sent straight back to the sender: a protocol error or a refused intent. */
export type Refusal = { error: ErrorPayload } | { intentResult: IntentResult };

/** A queued intent with the seat that sent it (its role is re-checked when the tick applies it). */
export interface PendingIntent {
  seatId: string;
  actor: string;
  intent: Intent;
}

/** A queued injection with the seat that asked for it. */
export interface PendingInjection extends LoggedInjection {
  seatId: string;
}

/** A protocol error answering message `ref`. */
export function refusal(code: ErrorPayload["code"], message: string, ref?: string): Refusal {
  return { error: ref === undefined ? { code, message } : { code, message, ref } };
}

/** An intent refused for its role: answered like the sim answers, with the kubectl line. */
export function wrongRole(actor: string, intent: Intent, message: string): IntentResult {
  const real = realClusterFor(intent);
  return { actor, intent, ok: false, kubectl: kubectlFor(intent), code: "WRONG_ROLE", message, ...real };
}

/** Why `role` may not send `intent` now, as the refusal to send; undefined when it may. */
export function checkRole(actor: string, role: Role | "", intent: Intent): Refusal | undefined {
  const why = checkIntentRole(intent, role);
  if (why === undefined) return undefined;
  if (role === "") return refusal(ErrorCode.NO_ROLE, why, "intent");
  return { intentResult: wrongRole(actor, intent, why) };
}

/** The queues and the per-tick rate count. */
export class Intake {
  intents: PendingIntent[] = [];
  injections: PendingInjection[] = [];
  private readonly sentThisTick = new Map<string, number>();

  /** Counts one message of a seat this tick; false when over the per-tick limit. */
  count(seatId: string): boolean {
    const n = (this.sentThisTick.get(seatId) ?? 0) + 1;
    this.sentThisTick.set(seatId, n);
    return n <= MAX_INTENTS_PER_TICK;
  }

  /** Takes everything queued and resets the rate count (called once per tick). */
  drain(): { intents: PendingIntent[]; injections: PendingInjection[] } {
    const out = { intents: this.intents, injections: this.injections };
    this.intents = [];
    this.injections = [];
    this.sentThisTick.clear();
    return out;
  }

  /** Drops whatever a seat queued (it left the match). */
  forget(seatId: string): void {
    this.intents = this.intents.filter((q) => q.seatId !== seatId);
    this.injections = this.injections.filter((q) => q.seatId !== seatId);
  }

  /** Empties everything (phase change). */
  clear(): void {
    this.drain();
  }
}
