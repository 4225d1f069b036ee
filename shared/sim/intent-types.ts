/**
 * Kept so that imports of `shared/sim/intent-types` outside shared/ keep working; the
 * intents now live in `shared/sim/intents/`. Import from `shared/sim` instead.
 */
export type {
  Intent,
  IntentType,
  QueuedIntent,
  IntentResult,
  IntentErrorCode,
  IntentReason,
} from "./intents/types";
