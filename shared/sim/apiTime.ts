/**
 * API time: the game's seconds as the RFC 3339 instants Kubernetes writes (metav1.Time,
 * whole seconds), from a fixed epoch, and back. No Date (determinism rule for shared/).
 */

/** The wall-clock instant game second 0 stands for. */
export const EPOCH = "2026-01-01T00:00:00Z";
/** {@link EPOCH} in seconds since 1970-01-01T00:00:00Z. */
export const EPOCH_UNIX_SECONDS = 1_767_225_600;
/**
 * The wall-clock instant of a game time: a fixed epoch (2026-01-01T00:00:00Z) plus the game
 * seconds, RFC 3339 to the second (metav1.Time drops the fraction, so it truncates down).
 */
export function timestampOf(gameSeconds: number): string {
  // Game time is kept to the millisecond; round first so 2.9999999 is not read as 2.
  const unix = EPOCH_UNIX_SECONDS + Math.floor(Math.round(gameSeconds * 1000) / 1000);
  const days = Math.floor(unix / 86_400);
  const secs = unix - days * 86_400;
  // Howard Hinnant's civil_from_days: no Date in shared/ (determinism rule).
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const p2 = (n: number) => String(n).padStart(2, "0");
  return `${String(year).padStart(4, "0")}-${p2(month)}-${p2(day)}T${p2(Math.floor(secs / 3600))}:${p2(Math.floor(secs / 60) % 60)}:${p2(secs % 60)}Z`;
}

/**
 * The game time of an RFC 3339 instant written by {@link timestampOf} (whole seconds), or
 * undefined when the text is not one: for AGE columns computed from API objects.
 */
export function gameSecondsOf(timestamp: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/.exec(timestamp);
  if (!m) return undefined;
  const [year, month, day, h, min, sec] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Howard Hinnant's days_from_civil.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146_097 + doe - 719_468;
  return days * 86_400 + h * 3600 + min * 60 + sec - EPOCH_UNIX_SECONDS;
}
