/**
 * A refusal from the event room as a sentence in the page's language: what the code means,
 * then the server's own reason for the details — translated when it is one the client
 * knows (the most common, "cannot inject while paused"), else in English, exact.
 */
import type { ErrorPayload } from "../../../shared/protocol/messages";
import { isMessageKey, t } from "../i18n";

/** The server's reason in the page's language, when it is a phase refusal the client knows. */
function reasonText(message: string): string {
  const m = /^cannot (\w+) while (\w+)$/.exec(message);
  const action = `event.refused.action.${m?.[1]}`;
  const phase = `event.refused.phase.${m?.[2]}`;
  if (!m || !isMessageKey(action) || !isMessageKey(phase)) return message;
  return t("event.refused.whilePhase", { action: t(action), phase: t(phase) });
}

/** The sentence for a refusal (`event.refused.<CODE>` when the client knows the code). */
export function refusalText(e: Pick<ErrorPayload, "code" | "message">): string {
  const key = `event.refused.${e.code}`;
  const what = isMessageKey(key) ? t(key) : t("event.refused.other");
  return `${what} — ${reasonText(e.message)}`;
}
