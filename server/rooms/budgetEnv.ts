/**
 * The per-connection budget in force: shared/match's BUDGET with the operator's overrides
 * from the environment (a load test or a classroom behind one NAT may need more). Read when
 * a room is created.
 */
import { BUDGET, type Budget } from "../../shared/match";

/** The variables that override the budget, what each sets, and what it bounds. */
export const BUDGET_ENV = {
  CLIENT_MESSAGES_PER_SECOND: "messages a client may send per second (the burst is twice that)",
  CLIENT_BYTES_PER_SECOND: "bytes a client may send per second (the burst is twice that)",
  CLIENT_SEND_BUFFER_BYTES: "unsent bytes to a client before it is dropped as a slow reader",
} as const;

function positive(env: NodeJS.ProcessEnv, name: keyof typeof BUDGET_ENV): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1)
    throw new Error(`${name} must be a whole number ≥ 1 (${BUDGET_ENV[name]}); got "${raw}"`);
  return n;
}

/** BUDGET with the environment's overrides; throws a sentence naming the variable when one is malformed. */
export function budgetFromEnv(env: NodeJS.ProcessEnv = process.env): Budget {
  const messages = positive(env, "CLIENT_MESSAGES_PER_SECOND");
  const bytes = positive(env, "CLIENT_BYTES_PER_SECOND");
  const buffer = positive(env, "CLIENT_SEND_BUFFER_BYTES");
  return {
    ...BUDGET,
    ...(messages ? { messagesPerSecond: messages, messageBurst: 2 * messages } : {}),
    ...(bytes ? { bytesPerSecond: bytes, byteBurst: 2 * bytes } : {}),
    ...(buffer ? { sendBufferBytes: buffer } : {}),
  };
}
