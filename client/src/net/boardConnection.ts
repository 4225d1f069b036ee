/**
 * A board page's connection to a competition: it joins the `event` room by the event code as
 * a viewer (no key: it can only watch) and hands the room's `roster`, `board` and `history`
 * messages to its listener. When the socket drops it tries to join again a few times; when
 * the room is gone (the event closed, the server restarted) it says so, and the board falls
 * back to the stored results.
 */
import { Client, type Room } from "colyseus.js";
import type { Board, History, Roster } from "../../../shared/competition/messages";
import { serverUrl } from "./connection";
import { joinErrorText } from "./joinError";
import { normalizeCode } from "./matchCode";

/** Joins tried after the socket dropped, and the wait between two. */
const REJOIN_TRIES = 3;
const REJOIN_MS = 1500;

/** What the board hears from its connection. */
export interface BoardListener {
  roster(r: Roster): void;
  board(b: Board): void;
  history(h: History): void;
  /** The event room cannot be joined (any more): no such room, or the server is unreachable (`offline`). */
  gone(offline: boolean): void;
}

/** Whether a join failure means the server could not be reached at all (rather than "no such room"). */
function isOffline(e: unknown): boolean {
  return joinErrorText(e, "").key === "menu.error.offline";
}

/** One board page's watch on one event. */
export class BoardConnection {
  private readonly client: Client;
  private room: Room | undefined;
  private closed = false;

  constructor(
    readonly code: string,
    private readonly listener: BoardListener,
    url: string = serverUrl(),
  ) {
    this.client = new Client(url);
  }

  /** Joins the event room; reports `gone` when it does not exist. */
  async open(): Promise<void> {
    try {
      const room = await this.client.joinById(normalizeCode(this.code), {});
      if (this.closed) {
        void room.leave(true).catch(() => undefined);
        return;
      }
      this.attach(room);
    } catch (e) {
      if (!this.closed) this.listener.gone(isOffline(e));
    }
  }

  /** Stops watching (the scene shuts down). */
  close(): void {
    this.closed = true;
    void this.room?.leave(true).catch(() => undefined);
    this.room = undefined;
  }

  private attach(room: Room): void {
    this.room = room;
    room.onMessage("roster", (r: Roster) => this.listener.roster(r));
    room.onMessage("board", (b: Board) => this.listener.board(b));
    room.onMessage("history", (h: History) => this.listener.history(h));
    // the facilitator's and players' messages are not the board's business
    room.onMessage("*", () => undefined);
    room.onLeave(() => {
      if (this.room === room) this.room = undefined;
      if (!this.closed) void this.rejoin();
    });
  }

  /** The socket dropped: join again (a fresh history redraws what was missed), else report the room gone. */
  private async rejoin(): Promise<void> {
    let last: unknown;
    for (let i = 0; i < REJOIN_TRIES && !this.closed; i++) {
      await new Promise((r) => setTimeout(r, REJOIN_MS));
      try {
        const room = await this.client.joinById(normalizeCode(this.code), {});
        if (this.closed) {
          void room.leave(true).catch(() => undefined);
          return;
        }
        this.attach(room);
        return;
      } catch (e) {
        last = e;
      }
    }
    if (!this.closed) this.listener.gone(isOffline(last));
  }
}
