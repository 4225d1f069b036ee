/** Team training competitions, pure: ranking with its tie-breaks and the shared clock's pause semantics. */
export {
  SHARE_PRECISION,
  comparableMttr,
  compareStandings,
  rankTeams,
  type RankedTeam,
  type TeamStanding,
} from "./ranking";
export {
  EVENT_MOVES,
  EVENT_MOVE_NAMES,
  acceptsInjections,
  clockRuns,
  moveEvent,
  type EventMove,
  type EventPhase,
} from "./clock";
export { TeamClock, type ClockedMatch } from "./teamClock";
export {
  MAX_EVENT_NAME,
  NOT_FACILITATOR,
  TEAM_LIMITS,
  validateControl,
  validateEventOptions,
  type Control,
  type EventOptions,
} from "./event";
export { BOARD_COLUMNS, fromBoardRow, toBoardRow, type BoardRow, type BoardTeam } from "./board";
export {
  EVENT_OUTCOMES,
  type BestTeamMove,
  type ChaosMark,
  type DebriefEvent,
  type DebriefIncident,
  type DebriefPlayer,
  type DebriefTeam,
  type EndingIntent,
  type EventDebrief,
  type EventListEntry,
  type EventListPage,
  type EventOutcome,
  type IncidentTeamRow,
  type TeamAvailability,
  type TeamMatchStatus,
} from "./debrief";
