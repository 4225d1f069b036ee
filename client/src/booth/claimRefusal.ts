/**
 * Why the server would not put a kiosk round on the board, in the visitor's language. The
 * server answers `CODE: detail` in English; the refusals a visitor can meet at the booth get
 * a sentence a stranger understands, any other keeps the server's words.
 */
import { t, type MessageKey } from "../i18n";

/** Server refusal codes a visitor can meet, and what the kiosk says for each. */
const KNOWN = {
  // The operator changed the role offered, the round length, the scenario or the bots mid-round.
  WRONG_ROLE: "booth.refusal.settingsChanged",
  NOT_A_BOOTH_ROUND: "booth.refusal.settingsChanged",
  TOO_LATE: "booth.refusal.tooLate",
} as const satisfies Record<string, MessageKey>;

/** The refusal `CODE: detail` as the kiosk shows it: translated when the code is known, else unchanged. */
export function claimRefusalText(reason: string): string {
  const code = /^([A-Z_]+):/.exec(reason)?.[1];
  return code && code in KNOWN ? t(KNOWN[code as keyof typeof KNOWN]) : reason;
}
