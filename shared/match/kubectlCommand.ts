/**
 * One kubectl console line run as a seat of a match (the room's `kubectl` message and the sim
 * CLI's console): a read prints from the match's world and needs no role; a write's intents go
 * through {@link Match.receive} exactly as the buttons' `intent` messages do (phase, role,
 * validation, per-tick rate), so they are queued for the next tick or refused the same way.
 */
import { runKubectl } from "../kubectl";
import { ClientMessage, ErrorCode, MAX_KUBECTL_OUTPUT, type ErrorPayload } from "../protocol";
import type { Intent, IntentResult } from "../sim";
import type { Match } from "./match";

/** What a console line did. */
export interface ConsoleOutcome {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** The write's intents that reached the intake: queued (answered after the next tick) or refused at once (in `refused`). */
  intents: Intent[];
  /** Intents refused at once for their role, as the buttons' would be (send each as an `intentResult`). */
  refused: IntentResult[];
  /**
   * Intents past the per-tick rate (a `drain` of a full node): in `intents` too; the caller
   * sends them with {@link submitIntents} after the next tick, in order.
   */
  deferred: Intent[];
}

/** What became of intents sent through the intake. */
export interface Submission {
  /** Queued for the next tick. */
  queued: Intent[];
  /** Refused at once for their role (answer each as an `intentResult`). */
  refused: IntentResult[];
  /** Refused as a protocol error (phase, no role): nothing of them reaches the world. */
  errors: ErrorPayload[];
  /** Not sent: the per-tick rate is used up; send them after the next tick. */
  rest: Intent[];
}

/** Sends intents through {@link Match.receive} in order, as the `intent` messages of the seat `seatOf` names, until the per-tick rate refuses one. */
export function submitIntents(
  match: Match,
  seatOf: (intent: Intent) => string,
  intents: readonly Intent[],
): Submission {
  const out: Submission = { queued: [], refused: [], errors: [], rest: [] };
  for (const [i, intent] of intents.entries()) {
    const refusal = match.receive(seatOf(intent), ClientMessage.intent, intent);
    if (!refusal) out.queued.push(intent);
    else if ("intentResult" in refusal) out.refused.push(refusal.intentResult);
    else if (refusal.error.code === ErrorCode.RATE_LIMITED) {
      out.rest = intents.slice(i);
      break;
    } else out.errors.push(refusal.error);
  }
  return out;
}

/** `text` cut to {@link MAX_KUBECTL_OUTPUT} characters, with a note saying so. */
export function boundOutput(text: string, limit = MAX_KUBECTL_OUTPUT): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  const end = cut.lastIndexOf("\n");
  const kept = end > 0 ? cut.slice(0, end + 1) : cut;
  return `${kept}… output cut at ${limit} characters: narrow it with -n, -l or an object's name\n`;
}

/** How kubectl prints a refusal from the server: `Error from server (CODE): message`. */
function serverError(e: ErrorPayload): string {
  return `Error from server (${e.code}): ${e.message}\n`;
}

/**
 * Runs `line` (with `stdin` for `-f -`) against the match's current world; a write's intents
 * are received from the seat `seatOf(intent)` names (the CLI picks the seat holding the
 * intent's role; a room passes the sender's). With `behind` (intents of an earlier line still
 * wait their turn) they all wait behind those, in order. Never throws for bad input:
 * kubectl's errors come back in `stderr`.
 */
export function runConsoleCommand(
  match: Match,
  seatOf: (intent: Intent) => string,
  line: string,
  stdin?: string,
  behind = false,
): ConsoleOutcome {
  const run = runKubectl(match.world, line, stdin === undefined ? {} : { stdin });
  const out: ConsoleOutcome = {
    stdout: boundOutput(run.stdout),
    stderr: boundOutput(run.stderr),
    exitCode: run.exitCode,
    intents: [],
    refused: [],
    deferred: [],
  };
  const sent = behind
    ? { queued: [], refused: [], errors: [], rest: run.intents }
    : submitIntents(match, seatOf, run.intents);
  out.refused = sent.refused;
  out.deferred = sent.rest;
  out.intents = [...sent.queued, ...sent.refused.map((r) => r.intent), ...sent.rest];
  for (const e of sent.errors) {
    out.stderr += serverError(e);
    out.exitCode = 1;
  }
  return out;
}
