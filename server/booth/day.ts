/**
 * The booth's day: the calendar date (`YYYY-MM-DD`) a wall time falls on in the booth's
 * time zone, from Intl (the ICU data Node ships). Computed here and passed to the store
 * and to shared code, which never reads a clock or a time zone.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    // en-CA formats a date as YYYY-MM-DD.
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formats.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows `timeZone` (an IANA name such as `Europe/Berlin`, or `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The date `ms` (wall milliseconds) falls on in `timeZone`, as `YYYY-MM-DD`. */
export function dayOf(ms: number, timeZone: string): string {
  return formatFor(timeZone).format(ms);
}
