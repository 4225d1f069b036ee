/**
 * A strict check of a client's frame before Colyseus decodes it, so that bad input costs
 * one refusal and no log line: Colyseus 0.16 prints a console line for every message type
 * that is not valid UTF-8, and a log line plus a disconnect for every payload that is not
 * MessagePack. A data frame is `[ROOM_DATA | ROOM_DATA_BYTES, type (MessagePack str), payload]`;
 * any other frame (the join handshake, a leave) is Colyseus' own and passes.
 */
import { Protocol } from "@colyseus/core";
import { unpack } from "@colyseus/msgpackr";
import { ErrorCode, quote, type ErrorPayload } from "../../shared/protocol";

/** Whether Colyseus may decode a frame, or the refusal to send instead. */
export type FrameCheck = { ok: true } | { ok: false; error: ErrorPayload };

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Keys of Colyseus' own handler table: a message of type "*" is handed to the wildcard
 * handler with its arguments shifted (the payload in the type's place), which one message
 * with a payload like `{ toString: 1 }` turned into an exception that stopped the process.
 */
const RESERVED_TYPES = new Set(["*", "__no_message_handler"]);

/** Where the MessagePack str at `at` keeps its bytes, or undefined when `at` holds no (whole) str. */
function strAt(buf: Uint8Array, at: number): { start: number; end: number } | undefined {
  const b = buf[at];
  if (b === undefined) return undefined;
  let start: number;
  let len: number;
  if ((b & 0xe0) === 0xa0) [start, len] = [at + 1, b & 0x1f];
  else if (b === 0xd9 && at + 1 < buf.length) [start, len] = [at + 2, buf[at + 1]!];
  else if (b === 0xda && at + 2 < buf.length) [start, len] = [at + 3, (buf[at + 1]! << 8) | buf[at + 2]!];
  else if (b === 0xdb && at + 4 < buf.length)
    [start, len] = [
      at + 5,
      ((buf[at + 1]! << 24) >>> 0) + (buf[at + 2]! << 16) + (buf[at + 3]! << 8) + buf[at + 4]!,
    ];
  else return undefined;
  return start + len <= buf.length ? { start, end: start + len } : undefined;
}

function refuse(code: ErrorPayload["code"], message: string, ref?: string): FrameCheck {
  return { ok: false, error: ref === undefined ? { code, message } : { code, message, ref } };
}

/** Checks one frame from a client; never throws. */
export function checkFrame(buf: Uint8Array): FrameCheck {
  const code = buf[0];
  if (code !== Protocol.ROOM_DATA && code !== Protocol.ROOM_DATA_BYTES) return { ok: true };
  const at = strAt(buf, 1);
  // Colyseus reads an empty str as a number: both are refused here.
  if (!at || at.start === at.end)
    return refuse(ErrorCode.UNKNOWN_MESSAGE, "the message type must be a non-empty string");
  let type: string;
  try {
    type = utf8.decode(buf.subarray(at.start, at.end));
  } catch {
    return refuse(ErrorCode.BAD_PAYLOAD, "the message type is not valid UTF-8");
  }
  if (RESERVED_TYPES.has(type)) return refuse(ErrorCode.UNKNOWN_MESSAGE, `unknown message type "${type}"`);
  const rest = buf.subarray(at.end);
  if (code === Protocol.ROOM_DATA_BYTES || rest.length === 0) return { ok: true };
  try {
    unpack(rest);
    return { ok: true };
  } catch {
    return refuse(ErrorCode.BAD_PAYLOAD, "the payload is not valid MessagePack", quote(type));
  }
}
