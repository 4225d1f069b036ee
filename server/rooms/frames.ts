/**
 * Strict decoding of a client's data frame, done here instead of by Colyseus so that bad
 * input costs one refusal and no log line: Colyseus 0.16 prints a console line for every
 * message type that is not valid UTF-8, and a log line plus a disconnect for every payload
 * that is not MessagePack. A frame is `[ROOM_DATA | ROOM_DATA_BYTES, type (MessagePack str), payload]`.
 */
import { Protocol } from "@colyseus/core";
import { unpack } from "@colyseus/msgpackr";
import { ErrorCode, quote, type ErrorPayload } from "../../shared/protocol";

/** A decoded frame: a message for the room, a refusal, or a handshake Colyseus handles itself. */
export type Frame =
  | { kind: "message"; type: string; payload: unknown }
  | { kind: "bad"; error: ErrorPayload }
  | { kind: "handshake" };

const utf8 = new TextDecoder("utf-8", { fatal: true });

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

function bad(code: ErrorPayload["code"], message: string): Frame {
  return { kind: "bad", error: { code, message } };
}

/** Decodes one frame from a client; never throws. */
export function decodeFrame(buf: Uint8Array): Frame {
  const code = buf[0];
  if (code !== Protocol.ROOM_DATA && code !== Protocol.ROOM_DATA_BYTES) return { kind: "handshake" };
  const at = strAt(buf, 1);
  if (!at) return bad(ErrorCode.UNKNOWN_MESSAGE, "the message type must be a string");
  let type: string;
  try {
    type = utf8.decode(buf.subarray(at.start, at.end));
  } catch {
    return bad(ErrorCode.BAD_PAYLOAD, "the message type is not valid UTF-8");
  }
  const rest = buf.subarray(at.end);
  if (code === Protocol.ROOM_DATA_BYTES) return { kind: "message", type, payload: rest };
  if (rest.length === 0) return { kind: "message", type, payload: undefined };
  try {
    return { kind: "message", type, payload: unpack(rest) };
  } catch {
    return {
      kind: "bad",
      error: {
        code: ErrorCode.BAD_PAYLOAD,
        message: "the payload is not valid MessagePack",
        ref: quote(type),
      },
    };
  }
}
