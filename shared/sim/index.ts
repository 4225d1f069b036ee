/** The simulation's public API: build a world, step it, hash it, read it. */
export { createWorld, SCENARIOS, SCENARIO_NAMES } from "./scenarios";
export {
  parseScenarioYaml,
  formatScenarioError,
  MAX_SCENARIO_CHARS,
  MAX_SCENARIO_OBJECTS,
  type ScenarioParse,
  type ScenarioFileError,
} from "./scenarios/load-yaml";
export {
  UnknownScenarioError,
  InvalidWorldOptionsError,
  BRING_UP_SECONDS,
  isSteady,
  type WorldOptions,
} from "./scenarios/scenario";
export { step, type StepResult } from "./step";
export { stateHash, snapshot } from "./state-hash";
export { availability, tierOf } from "./traffic";
export {
  injectChaos,
  CHAOS_TYPES,
  NOT_A_FAULT,
  isChaosType,
  checkChaosTarget,
  scheduleChaos,
  UNREACHABLE_REGISTRY,
  MIRROR_REGISTRY,
  type ChaosSpec,
  type ChaosType,
} from "./chaos";
export { defaultChaosSchedule } from "./scenarios/chaos-schedule";
export {
  scoreOf,
  compareScores,
  teamPoints,
  SLO_TARGET,
  type Score,
  type Incident,
  type TimelinePoint,
  type TimelineMark,
  type PlayerTally,
} from "./score";
export {
  createBot,
  botIntents,
  botProblems,
  DEFAULT_BOT_STYLE,
  type BotState,
  type BotStyle,
  type BotProblem,
} from "./bots";
export {
  CLOCKS,
  CLOCK_NAMES,
  TICK_SECONDS,
  TICKS_PER_SECOND,
  type ClockName,
  type ClockTable,
} from "./clock";
export {
  applyIntent,
  checkIntentRole,
  isIntentType,
  kubectlFor,
  realClusterFor,
  REAL_CONTROLLERS,
  INTENT_DEFS,
  INTENT_ERRORS,
  INTENT_FIELDS,
  INTENT_ROLES,
  INTENT_TYPES,
  FIELD_KINDS,
  MAX_REPLICAS,
  type FieldKind,
  type Intent,
  type IntentDef,
  type IntentErrorCode,
  type IntentFields,
  type IntentOf,
  type IntentReason,
  type IntentResult,
  type IntentType,
  type QueuedIntent,
  type RealClusterWork,
  type RealController,
} from "./intents";
export { lookup as dnsLookup } from "./resolver";
export {
  ROLES,
  TIERS,
  FAILURE_REASONS,
  isPodReady,
  isNodeReady,
  type World,
  type Role,
  type RoleMode,
  type Tier,
  type FailureReason,
  type SimEvent,
  type RequestOutcome,
  type ChaosEvent,
} from "./world";
export type * from "./types";
export { setRoleMode } from "./roles";
export {
  workloadSummaries,
  podWorkload,
  ownerKeyOf,
  workloadKey,
  WORKLOAD_KINDS,
  type WorkloadSummary,
  type WorkloadKind,
} from "./workloads";
export {
  age,
  cell,
  endpointsColumn,
  formatLabels,
  nodeStatus,
  podReadyColumn,
  podRestarts,
  podStatus,
  servicePorts,
  ENDPOINTS_SHOWN,
  NONE,
} from "./printers";
