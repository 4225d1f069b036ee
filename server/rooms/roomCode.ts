/** Short room codes players can read off a booth screen and type. */
import { matchMaker } from "@colyseus/core";

/** Letters and digits that cannot be confused with each other (no I/1/L, O/0, S/5, Z/2, B/8). */
export const ROOM_CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";

/** A random code of `length` characters from {@link ROOM_CODE_ALPHABET}. */
export function newRoomCode(length = 4): string {
  let s = "";
  for (let i = 0; i < length; i++)
    s += ROOM_CODE_ALPHABET[Math.floor(Math.random() * ROOM_CODE_ALPHABET.length)];
  return s;
}

/** A room code no live room uses (longer codes after repeated clashes). */
export async function uniqueRoomCode(): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = newRoomCode(attempt < 10 ? 4 : 6);
    if ((await matchMaker.query({ roomId: code })).length === 0) return code;
  }
  return newRoomCode(8);
}
