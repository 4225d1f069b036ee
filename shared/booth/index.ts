/** Conference booth mode, pure: the API's types, settings, nicknames, the ranking and what a booth round is. */
export type * from "./types";
export { ROLE_CHOICE, BOARD_SCOPES, BOARD_SIZE, MAX_BOOTH_NAME } from "./types";
export {
  DEFAULT_BOOTH_SETTINGS,
  MIN_ROUND_SECONDS,
  MAX_BLOCKED_WORDS,
  MAX_BLOCKED_WORD,
  applySettingsPatch,
  roleFor,
  type BoothCheck,
} from "./settings";
export { blockKey, checkBoothName } from "./names";
export { NEVER_RECOVERED, compareKeys, rankKeys, type RankKeys } from "./rank";
export { BOOTH_CLOCK, boothMatchOptions, boothModes, checkBoothLog, lastTickOf } from "./rounds";
