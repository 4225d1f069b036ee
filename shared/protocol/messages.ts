/**
 * Room names, message types and payload shapes of the match protocol. Pure TypeScript:
 * the server and the Phaser client both import it (the client with `import type` or plain
 * constants), so nothing here may touch Node, the DOM or Colyseus.
 */
import type { ClockName, Intent, IntentResult, Role, RoleMode } from "../sim";

/** The room a match runs in (`client.create(MATCH_ROOM, …)`, `client.joinById(code, …)`). */
export const MATCH_ROOM = "match";

/** The Colyseus LobbyRoom that lists open matches for the menu. */
export const LOBBY_ROOM = "lobby";

/** Messages a client sends to a match room. */
export const ClientMessage = {
  /** `{ role }`: take a free role (`""` gives the role back and watches). */
  pickRole: "pickRole",
  /** `{}`: host only, lobby → running. */
  start: "start",
  /** `{}`: host only, a fresh world with the same options, back to the lobby. */
  restart: "restart",
  /** An {@link Intent}: applied in the next tick if the sender holds the intent's role. */
  intent: "intent",
  /** `{ type, target? }`: host only, injects a chaos event in the next tick. */
  inject: "inject",
  /** `{ role, mode }`: host only, who plays an unheld role: `autopilot`, a `bot`, or nobody (`manual`). */
  setMode: "setMode",
  /** A {@link KubectlPayload}: runs a kubectl line on the match's world (a write queues its intents as the sender's). */
  kubectl: "kubectl",
  /** A {@link KubectlCompletePayload}: asks for the Tab completions of a kubectl line. */
  kubectlComplete: "kubectlComplete",
} as const;
/** One client → server message type. */
export type ClientMessageType = (typeof ClientMessage)[keyof typeof ClientMessage];

/** Messages the server sends to one client. */
export const ServerMessage = {
  /** An {@link IntentResult}: what became of the sender's intent. */
  intentResult: "intentResult",
  /** An {@link ErrorPayload}: a message was refused; nothing changed. */
  error: "error",
  /** An {@link InjectResultPayload}: what became of the host's chaos injection. */
  injectResult: "injectResult",
  /** A {@link KubectlResultPayload}: what a `kubectl` line printed (a write's intents answer later as `intentResult`s). */
  kubectlResult: "kubectlResult",
  /** A {@link KubectlCompletionPayload}: the completions of a `kubectlComplete`. */
  kubectlCompletion: "kubectlCompletion",
} as const;
/** One server → client message type. */
export type ServerMessageType = (typeof ServerMessage)[keyof typeof ServerMessage];

/** Match phases: players gather, the world runs, the score is shown. */
export const PHASES = ["lobby", "running", "debrief"] as const;
/** One match phase. */
export type Phase = (typeof PHASES)[number];

/**
 * Who plays the roles no person holds. `easy` and `standard`: the sim's autopilot (its
 * built-in control loops, with Kubernetes' delays). `bots`: a bot per empty role, playing it
 * through intents like a person (2–4 s to react, an action a second). `hard`: slower bots
 * (4–8 s to react, an action every 2 s), so the people carry more of the cluster.
 */
export const DIFFICULTIES = ["easy", "standard", "bots", "hard"] as const;
/** One difficulty. */
export type Difficulty = (typeof DIFFICULTIES)[number];

/** "No role": a watcher. Used by `pickRole` and by `PlayerState.role`. */
export const NO_ROLE = "";

/** Payload of `pickRole`. */
export interface PickRolePayload {
  role: Role | typeof NO_ROLE;
}

/** Payload of `inject`. */
export interface InjectPayload {
  type: string;
  target?: string;
}

/** How an unheld role is played: the sim's autopilot, nobody (`manual`: left undone), or a bot. */
export type UnheldMode = RoleMode | "bot";
/** Every {@link UnheldMode}. */
export const UNHELD_MODES: readonly UnheldMode[] = ["autopilot", "manual", "bot"];

/** Payload of `setMode`. */
export interface SetModePayload {
  role: Role;
  mode: UnheldMode;
}

/** Payload of `intent`: one of the sim's intents, exactly. */
export type IntentPayload = Intent;

/** Longest kubectl line the console sends (characters). */
export const MAX_KUBECTL_LINE = 2000;
/** Longest text the server takes as the stdin of `apply -f -` (characters). */
export const MAX_KUBECTL_STDIN = 64 * 1024;
/**
 * Most UTF-8 bytes of a console's line and stdin together in one `kubectl` message: the
 * WebSocket transport drops frames over 4 KiB (@colyseus/ws-transport's maxPayload, and
 * disconnects the sender), less room for the message's envelope.
 */
export const MAX_KUBECTL_MESSAGE_BYTES = 4096 - 128;
/** Longest stdout or stderr a `kubectlResult` carries (characters); longer output is cut with a note. */
export const MAX_KUBECTL_OUTPUT = 64 * 1024;
/** Most completions a `kubectlCompletion` carries. */
export const MAX_KUBECTL_COMPLETIONS = 200;

/** Payload of `kubectl`: the client's id for the reply, the line, and the text of `-f -`. */
export interface KubectlPayload {
  id: number;
  line: string;
  stdin?: string;
}

/** Payload of `kubectlComplete`: the client's id for the reply, the line and the cursor in it. */
export interface KubectlCompletePayload {
  id: number;
  line: string;
  cursor: number;
}

/**
 * Payload of `kubectlResult`: what kubectl printed, and for a write the intents it sent as
 * the sender's (queued, or refused at once): each answers later as an `intentResult`.
 */
export interface KubectlResultPayload {
  id: number;
  stdout: string;
  stderr: string;
  exitCode: number;
  intents: Intent[];
}

/** Payload of `kubectlCompletion`: the candidates for the word under the cursor and the span [from, to) they replace. */
export interface KubectlCompletionPayload {
  id: number;
  from: number;
  to: number;
  candidates: string[];
}

/** Payload of `intentResult`. */
export type IntentResultPayload = IntentResult;

/** Payload of `injectResult`. */
export interface InjectResultPayload {
  ok: boolean;
  type: string;
  target?: string;
  message: string;
}

/**
 * Payload of `error`: a stable code, a human sentence, and the message type it answers.
 * Refusals are coalesced per code: past a short burst a client gets one `error` per code per
 * second, whose `count` (present when above 1) says how many refusals it stands for.
 */
export interface ErrorPayload {
  code: string;
  message: string;
  ref?: string;
  count?: number;
}

/**
 * WebSocket close codes the match server uses (4000–4999 are the application's). A client
 * closed with {@link CloseCode.OVER_BUDGET} lost its seat; one closed with
 * {@link CloseCode.SLOW_READER} may reconnect within {@link RECONNECT_SECONDS}.
 */
export const CloseCode = {
  /** A create or join whose options are invalid (sent as the matchmaking error's code). */
  JOIN_REFUSED: 4400,
  /** The client sent more than its budget (messages or bytes per second) for several seconds. */
  OVER_BUDGET: 4429,
  /** The client did not read what the server sent: its send buffer passed the bound. */
  SLOW_READER: 4503,
} as const;

/** Options for `client.create(MATCH_ROOM, …)` (merged with {@link JoinOptions}). */
export interface CreateOptions {
  scenario?: string;
  seed?: number;
  clock?: ClockName;
  difficulty?: Difficulty;
  /** Length of the running phase in game seconds (default {@link DEFAULT_DURATION_SECONDS}). */
  durationSeconds?: number;
  /** Whether the scenario's seeded chaos schedule runs (default true; false = a practice round, injections only). */
  chaos?: boolean;
  /** A custom scenario file a facilitator uploaded; the match runs it instead of `scenario`. */
  scenarioFile?: ScenarioFileOption;
}

/** A scenario file as it travels in the create options (and so into the match log). */
export interface ScenarioFileOption {
  /** The file's name, for error messages (`shop.yaml:12: spec.replicas: …`). */
  name: string;
  /** The YAML text: one game header document and the manifests (README "Writing a scenario"). */
  text: string;
}

/** Options for joining (`client.joinById(code, { name })`). */
export interface JoinOptions {
  name?: string;
  /** A role to take on arrival if it is free; `""` joins as a watcher (a booth's big screen). */
  role?: Role | typeof NO_ROLE;
}

/** Defaults applied to {@link CreateOptions}. */
export const DEFAULT_SCENARIO = "nmt";
/** Default game clock. */
export const DEFAULT_CLOCK: ClockName = "arcade";
/** Default difficulty. */
export const DEFAULT_DIFFICULTY: Difficulty = "standard";
/** Default length of a match's running phase, in game seconds. */
export const DEFAULT_DURATION_SECONDS = 180;
/** Longest match a room accepts, in game seconds. */
export const MAX_DURATION_SECONDS = 3600;
/** Most players (people, not bots) in one match. */
export const MAX_PLAYERS = 12;
/** How long a dropped player's seat, role and points are kept, in seconds. */
export const RECONNECT_SECONDS = 30;
/** Most intents one client may queue for one tick; more get `RATE_LIMITED`. */
export const MAX_INTENTS_PER_TICK = 4;
