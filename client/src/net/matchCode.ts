/** Match codes as people type them: any case, stray spaces. */

/** The code as the server names the room: trimmed, upper case (codes use A–Z and digits only). */
export function normalizeCode(typed: string): string {
  return typed.replace(/\s+/g, "").toUpperCase();
}
