/**
 * Which browser origins may talk to the server: its own (the page it served) and those
 * listed in `ALLOWED_ORIGINS`. A request without an `Origin` header is not a cross-origin
 * browser request (curl, colyseus.js in Node, a same-origin GET) and passes.
 */
import type { IncomingMessage } from "node:http";

/** Whether the request's `Origin` (if any) may use this server. */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  return isSameOrigin(origin, req.headers.host);
}

/**
 * Whether `origin` names the host the request was sent to (the page this server served).
 * Only host and port are compared: behind a TLS-terminating proxy the page is `https://` while
 * the request reaching this server is plain HTTP.
 */
function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (!host) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  return url.host.toLowerCase() === normalizeHost(host, url.protocol);
}

/** The Host header as `URL.host` would print it (default ports dropped, lower case). */
function normalizeHost(host: string, protocol: string): string {
  const h = host.toLowerCase();
  const defaultPort = protocol === "https:" ? ":443" : ":80";
  return h.endsWith(defaultPort) ? h.slice(0, -defaultPort.length) : h;
}
