/** Team training competitions, pure: ranking with its tie-breaks, the shared clock's pause semantics, team rules and the event room's messages. */
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
  allTeamsEnded,
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
  sameTeamName,
  validateControl,
  validateEventOptions,
  validateTeamName,
  type Control,
  type EventOptions,
} from "./event";
export {
  EVENT_NOTICE,
  EventCloseCode,
  EventErrorCode,
  EventMessage,
  TeamWarningCode,
  type Board,
  type ControlMessage,
  type EventCreateOptions,
  type EventMessageType,
  type EventNotice,
  type FacilitatorKey,
  type FindTeam,
  type History,
  type Roster,
  type RosterPlayer,
  type RosterTeam,
  type RosterTeamUpdate,
  type TeamChaos,
  type TeamFound,
  type TeamSeries,
  type TeamWarning,
} from "./messages";
export { mergeRoster, rosterPlayers, teamWarnings, type RosterSeat } from "./roster";
export { appendBoardSample, completeSeconds, extendLine, secondAvailability, sharedChaos } from "./history";
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
export {
  debriefOf,
  endingIntent,
  eventOutcome,
  type StoredEvent,
  type StoredIncident,
  type StoredTeam,
  type StoredTeamMatch,
} from "./debriefOf";
export {
  availabilityPerSecond,
  replayForDebrief,
  type ReplayedIntent,
  type TeamReplay,
} from "./debriefReplay";
