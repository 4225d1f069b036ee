/**
 * Intent results in the player's language: the server sends a refusal's reason (and an
 * applied rollout step's note) as a code with parameters (`IntentResult.reason` / `.note`,
 * e.g. `maxSurge` with the numbers and `next.deletePod` with the pod to delete); this turns
 * them into the `refusal.*` / `done.*` strings of the message table. A result without a
 * code the client knows keeps the server's English message.
 */
import type { IntentReason, IntentResult } from "../../shared/sim/intent-types";
import { isMessageKey, t } from "./i18n";

/** One reason in the current language, or undefined when the client has no string for it. */
function reasonText(reason: IntentReason, prefix: "refusal" | "done"): string | undefined {
  const key = `${prefix}.${reason.key}`;
  return isMessageKey(key) ? t(key, reason.params) : undefined;
}

/** `what`, and on a second line the next step when the server named one the client can say. */
function withNext(what: string, reason: IntentReason): string {
  const next = reason.next && reasonText(reason.next, "refusal");
  return `${what}${next ? `\n${t("refusal.next", { step: next })}` : ""}`;
}

/**
 * What a refusal says to the player, translated where the client can: why (the bound and
 * its numbers say more than the error code), and on a second line `next: what to do` when
 * the server named a next step; `CODE: message` in English when the client cannot.
 */
export function refusalText(r: Extract<IntentResult, { ok: false }>): string {
  const why = r.reason && reasonText(r.reason, "refusal");
  return why && r.reason ? withNext(why, r.reason) : `${r.code}: ${r.message}`;
}

/** What an applied intent says: its note translated (with the next step of a rollout by hand), else the server's message. */
export function doneText(r: Extract<IntentResult, { ok: true }>): string {
  const what = r.note && reasonText(r.note, "done");
  return what && r.note ? withNext(what, r.note) : r.message;
}
