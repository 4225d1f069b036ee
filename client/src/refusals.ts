/**
 * A refused intent in the player's language: the server sends its reason as a code with
 * parameters (`IntentResult.reason`, e.g. `maxSurge` with the numbers and `next.deletePod`
 * with the pod to delete); this turns it into the `refusal.*` strings of the message table.
 * A refusal without a reason the client knows keeps the server's English message.
 */
import type { IntentReason, IntentResult } from "../../shared/sim/intent-types";
import { isMessageKey, t } from "./i18n";

/** One reason in the current language, or undefined when the client has no string for it. */
function reasonText(reason: IntentReason): string | undefined {
  const key = `refusal.${reason.key}`;
  return isMessageKey(key) ? t(key, reason.params) : undefined;
}

/**
 * What a refusal says to the player, translated where the client can: why (the bound and
 * its numbers say more than the error code), and on a second line `next: what to do` when
 * the server named a next step; `CODE: message` in English when the client cannot.
 */
export function refusalText(r: Extract<IntentResult, { ok: false }>): string {
  const why = r.reason && reasonText(r.reason);
  if (!why) return `${r.code}: ${r.message}`;
  const next = r.reason?.next && reasonText(r.reason.next);
  return `${why}${next ? `\n${t("refusal.next", { step: next })}` : ""}`;
}
