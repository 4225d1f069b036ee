/**
 * Closing a connection whose request body is left unread, without losing the answer.
 * If the server closed its socket while the client's unread upload still sits in the
 * kernel's receive buffer, the kernel answers with a TCP reset, and a reset makes the
 * client drop the 413 it had not read yet (it sees "connection reset" instead). So, like
 * nginx's `lingering_close`: send the answer, half-close (FIN), then read and discard
 * what the client still sends for a short while — it stops once it reads the answer —
 * and only then close. Memory stays flat: the discarded bytes are never kept.
 */
import type { ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** How long a refused upload may keep sending (discarded) after the answer went out. */
export const LINGER_MS = 2000;

/** Marks `res` as the connection's last answer; its socket lingers before it closes. */
export function closeAfterAnswer(res: ServerResponse, lingerMs = LINGER_MS): void {
  res.setHeader("Connection", "close");
  const socket = res.socket as (Socket & { destroySoon?: () => void }) | null;
  if (!socket) return;
  // Node's HTTP server calls destroySoon() once a `Connection: close` answer is written.
  socket.destroySoon = () => {
    socket.end();
    socket.resume();
    const timer = setTimeout(() => socket.destroy(), lingerMs);
    timer.unref();
    socket.once("close", () => clearTimeout(timer));
  };
}
