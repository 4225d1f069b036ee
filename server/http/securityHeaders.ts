/**
 * Security headers on every response (helmet), with a Content-Security-Policy the Phaser
 * client runs under: its own scripts and styles only (no inline script or style), images
 * from itself plus the `data:`/`blob:` URLs Phaser makes textures from, the bundled fonts,
 * and network traffic (matchmaking HTTP, the match WebSocket) to its own origin only. No
 * framing by other sites; no referrer leaves the page.
 */
import type { IncomingMessage } from "node:http";
import helmet from "helmet";

/** A Host header safe to put into a CSP source (anything else is left out). */
const HOST = /^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:.]+\](:\d{1,5})?$/i;

/**
 * The page's own WebSocket origins. CSP 3 lets `'self'` match same-origin ws:/wss:, but
 * older browsers need them named; a proxy in front serves https, hence both schemes.
 */
function ownSockets(req: IncomingMessage): string {
  const host = req.headers.host ?? "";
  return HOST.test(host) ? `ws://${host} wss://${host}` : "";
}

/** The helmet middleware with the game's policy. */
export function securityHeaders(): ReturnType<typeof helmet> {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'", (req) => ownSockets(req)],
        mediaSrc: ["'self'", "data:", "blob:"],
        workerSrc: ["'self'", "blob:"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    // Browsers heed HSTS only over HTTPS (a TLS proxy in front); never for the operator's other subdomains.
    strictTransportSecurity: { maxAge: 180 * 24 * 3600, includeSubDomains: false },
  });
}
