/** Short room codes players can read off a booth screen and type. */

/** Letters and digits that cannot be confused with each other (no I/1/L, O/0, S/5, Z/2, B/8). */
export const ROOM_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";

/** A random code of `length` characters from {@link ROOM_CODE_ALPHABET}. */
export function newRoomCode(length = 4): string {
  let s = "";
  for (let i = 0; i < length; i++)
    s += ROOM_CODE_ALPHABET[Math.floor(Math.random() * ROOM_CODE_ALPHABET.length)];
  return s;
}
