/** The match, pure and deterministic: options, seats, roles, intake, phases, the tick and its log. */
export { Match, type Delivery, type JoinRequest, type MatchTick } from "./match";
export { resolveMatchOptions, type MatchOptions } from "./options";
export { Seats, botActor, isBotActor, type Seat } from "./seats";
export { foldKey, looksLikeBot, withoutSeatSuffix } from "./actors";
export { RolePolicy, BOT_STYLES, unheldModeFor, botStyleFor } from "./roles";
export { Intake, type Refusal } from "./intake";
export {
  BUDGET,
  Coalescer,
  ConnectionBudget,
  LOBBY_ACTIONS,
  TokenBucket,
  type Budget,
  type FrameVerdict,
} from "./budget";
export { PHASE_MOVES, canMove, acceptsIntents, type PhaseMove } from "./phases";
export {
  MATCH_LOG_FORMAT,
  newMatchLog,
  validateMatchLog,
  type MatchLog,
  type LogTick,
  type LoggedInjection,
} from "./log";
export {
  LogCursor,
  runTick,
  replayLog,
  verifyLog,
  worldFor,
  type TickOutput,
  type InjectionResult,
} from "./tick";
