/** The frame check: what Colyseus may decode, and the refusal for everything else. */
import { pack } from "@colyseus/msgpackr";
import { describe, expect, it } from "vitest";
import { checkFrame } from "../../../server/rooms/frames";
import { ErrorCode } from "../../../shared/protocol";

const ROOM_DATA = 13;
const frame = (...parts: (number[] | Uint8Array)[]) => Buffer.concat(parts.map((p) => Buffer.from(p)));

describe("frame check", () => {
  it("passes well-formed messages and Colyseus' own handshakes", () => {
    expect(checkFrame(frame([ROOM_DATA], pack("intent"), pack({ type: "cordon", node: "node-1" })))).toEqual({
      ok: true,
    });
    expect(checkFrame(frame([ROOM_DATA], pack("start")))).toEqual({ ok: true });
    expect(checkFrame(frame([17], pack("intent"), [1, 2, 3]))).toEqual({ ok: true });
    expect(checkFrame(frame([10]))).toEqual({ ok: true }); // JOIN_ROOM
    expect(checkFrame(frame([12]))).toEqual({ ok: true }); // LEAVE_ROOM
    expect(checkFrame(frame([ROOM_DATA], pack("x".repeat(300)), pack(1)))).toEqual({ ok: true }); // str16 type
  });

  it("refuses what Colyseus would log, throw on, or misroute", () => {
    const cases: [Buffer, string, RegExp][] = [
      [frame([ROOM_DATA, 0xa4, 0xff, 0xfe, 0xc0, 0x80]), ErrorCode.BAD_PAYLOAD, /not valid UTF-8/],
      [frame([ROOM_DATA], pack("intent"), [0x92, 0x01]), ErrorCode.BAD_PAYLOAD, /not valid MessagePack/],
      [
        frame([ROOM_DATA], pack("intent"), [0xdb, 0xff, 0xff, 0xff, 0xff]),
        ErrorCode.BAD_PAYLOAD,
        /MessagePack/,
      ],
      [frame([ROOM_DATA], pack(7), pack({})), ErrorCode.UNKNOWN_MESSAGE, /non-empty string/],
      [frame([ROOM_DATA, 0xa0], pack({})), ErrorCode.UNKNOWN_MESSAGE, /non-empty string/],
      [frame([ROOM_DATA, 0xa9, 0x61]), ErrorCode.UNKNOWN_MESSAGE, /non-empty string/], // truncated type
      [frame([ROOM_DATA]), ErrorCode.UNKNOWN_MESSAGE, /non-empty string/],
      [frame([ROOM_DATA], pack("*"), pack({ toString: 1 })), ErrorCode.UNKNOWN_MESSAGE, /"\*"/],
      [frame([ROOM_DATA], pack("__no_message_handler")), ErrorCode.UNKNOWN_MESSAGE, /__no_message_handler/],
    ];
    for (const [f, code, message] of cases) {
      const r = checkFrame(f);
      expect(r.ok, f.toString("hex")).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(code);
        expect(r.error.message).toMatch(message);
      }
    }
  });
});
