/**
 * What the HTTP front door enforces, read once from the environment: per-address limits,
 * the seat reservation time, allowed origins, whether the public lobby listing runs, and
 * whether a reverse proxy's `X-Forwarded-For` is trusted. Every number has a default that
 * suits a booth; `npm start` prints them all.
 */

/** A numeric limit: its env variable, default, smallest allowed value and what it bounds. */
interface LimitSpec {
  env: string;
  default: number;
  min: number;
  what: string;
}

/** Every numeric limit, by the name the code uses. */
export const LIMITS = {
  maxBodyBytes: { env: "MAX_BODY_BYTES", default: 4096, min: 256, what: "largest request body, any route" },
  connectionsPerAddress: {
    env: "MAX_CONNECTIONS_PER_ADDRESS",
    default: 64,
    min: 0,
    what: "open TCP connections (HTTP + WebSocket) per client address; 0 = no limit",
  },
  matchmakePerMinute: {
    env: "MATCHMAKE_PER_MINUTE",
    default: 120,
    min: 1,
    what: "matchmaking requests (create, join by code, reconnect) per address per minute",
  },
  roomsPerMinute: {
    env: "ROOMS_PER_MINUTE",
    default: 30,
    min: 1,
    what: "rooms an address may create per minute",
  },
  roomsPerAddress: {
    env: "MAX_ROOMS_PER_ADDRESS",
    default: 8,
    min: 1,
    what: "live matches created by one address",
  },
  eventsPerAddress: {
    env: "MAX_EVENTS_PER_ADDRESS",
    default: 2,
    min: 1,
    what: "live competitions created by one address (each holds up to 20 team matches; not counted as matches)",
  },
  pendingSeatsPerAddress: {
    env: "MAX_PENDING_SEATS_PER_ADDRESS",
    default: 4,
    min: 1,
    what: "seat reservations of one address not yet used by a WebSocket",
  },
  seatReservationSeconds: {
    env: "SEAT_RESERVATION_SECONDS",
    default: 8,
    min: 1,
    what: "how long a reserved seat waits for its WebSocket",
  },
  monitorFailures: {
    env: "MONITOR_MAX_FAILURES",
    default: 5,
    min: 1,
    what: "wrong monitor passwords per address before a lockout",
  },
  monitorLockoutSeconds: {
    env: "MONITOR_LOCKOUT_SECONDS",
    default: 900,
    min: 1,
    what: "how long a monitor lockout lasts",
  },
  operatorKeyFailures: {
    env: "BOOTH_KEY_MAX_FAILURES",
    default: 5,
    min: 1,
    what: "wrong booth operator keys per address before a lockout",
  },
  operatorLockoutSeconds: {
    env: "BOOTH_KEY_LOCKOUT_SECONDS",
    default: 900,
    min: 1,
    what: "how long a booth operator key lockout lasts",
  },
  createBodyBytes: {
    env: "CREATE_BODY_BYTES",
    default: 512 * 1024,
    min: 4096,
    what: "largest body creating a match or competition (it may carry an uploaded scenario file)",
  },
  uploadBodyBytes: {
    env: "BOOTH_UPLOAD_BYTES",
    default: 512 * 1024,
    min: 4096,
    what: "largest upload of a booth round played offline (its match log)",
  },
  uploadsPerMinute: {
    env: "BOOTH_UPLOADS_PER_MINUTE",
    default: 12,
    min: 1,
    what: "offline booth rounds an address may upload per minute (each is replayed)",
  },
} as const satisfies Record<string, LimitSpec>;

/** The numeric limits in force. */
export type Limits = { -readonly [K in keyof typeof LIMITS]: number };

/** Everything the front door needs to know. */
export interface HttpSettings {
  limits: Limits;
  /** Origins besides the server's own that may call it from a browser (`ALLOWED_ORIGINS`). */
  allowedOrigins: string[];
  /** Whether the lobby room lists open matches (`PUBLIC_LOBBY`, default on). */
  publicLobby: boolean;
  /** Express `trust proxy` (`TRUST_PROXY`): false, a hop count, or addresses/subnets. */
  trustProxy: boolean | number | string;
}

/** Reads the settings; throws a message naming the variable when one is malformed. */
export function readHttpSettings(env: NodeJS.ProcessEnv = process.env): HttpSettings {
  const limits = {} as Limits;
  for (const [key, spec] of Object.entries(LIMITS) as [keyof Limits, LimitSpec][]) {
    const raw = env[spec.env]?.trim();
    if (!raw) {
      limits[key] = spec.default;
      continue;
    }
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < spec.min)
      throw new Error(`${spec.env} must be a whole number ≥ ${spec.min} (${spec.what}); got "${raw}"`);
    limits[key] = n;
  }
  return {
    limits,
    allowedOrigins: parseOrigins(env.ALLOWED_ORIGINS ?? ""),
    publicLobby: parseSwitch(env.PUBLIC_LOBBY, "PUBLIC_LOBBY", true),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
  };
}

/** The settings as the lines `npm start` prints. */
export function describeHttpSettings(s: HttpSettings): string {
  const rows = (Object.entries(LIMITS) as [keyof Limits, LimitSpec][]).map(
    ([key, spec]) => `  ${spec.env}=${s.limits[key]}  (${spec.what})`,
  );
  return [
    "HTTP limits (set any of these variables to change it):",
    ...rows,
    `  ALLOWED_ORIGINS=${s.allowedOrigins.join(",")}  (browser origins besides this server's own)`,
    `  PUBLIC_LOBBY=${s.publicLobby ? 1 : 0}  (the lobby room lists open matches and their codes)`,
    `  TRUST_PROXY=${s.trustProxy === false ? "" : s.trustProxy}  (trust X-Forwarded-For from this proxy)`,
  ].join("\n");
}

function parseOrigins(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(",").map((p) => p.trim())) {
    if (!part) continue;
    let url: URL;
    try {
      url = new URL(part);
    } catch {
      throw new Error(`ALLOWED_ORIGINS: "${part}" is not an origin like https://game.example.org`);
    }
    if (url.origin === "null" || url.origin !== part.replace(/\/$/, ""))
      throw new Error(`ALLOWED_ORIGINS: "${part}" is not an origin (scheme://host[:port], no path)`);
    out.push(url.origin);
  }
  return out;
}

function parseSwitch(raw: string | undefined, name: string, fallback: boolean): boolean {
  const v = raw?.trim().toLowerCase();
  if (!v) return fallback;
  if (["1", "true", "on", "yes"].includes(v)) return true;
  if (["0", "false", "off", "no"].includes(v)) return false;
  throw new Error(`${name} must be 1 or 0; got "${raw}"`);
}

function parseTrustProxy(raw: string | undefined): boolean | number | string {
  const v = raw?.trim();
  if (!v || v === "0" || v === "false") return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}
