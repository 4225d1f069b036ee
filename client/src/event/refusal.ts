/**
 * A refusal from the event room as a sentence in the page's language: what the code means,
 * then the server's own reason (English, exact) for the details.
 */
import type { ErrorPayload } from "../../../shared/protocol/messages";
import { isMessageKey, t } from "../i18n";

/** The sentence for a refusal (`event.refused.<CODE>` when the client knows the code). */
export function refusalText(e: Pick<ErrorPayload, "code" | "message">): string {
  const key = `event.refused.${e.code}`;
  const what = isMessageKey(key) ? t(key) : t("event.refused.other");
  return `${what} — ${e.message}`;
}
