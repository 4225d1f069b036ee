/** Conference booth mode, pure: the API's types, settings validation, nicknames, ranking. */
export type * from "./types";
export { ROLE_CHOICE, BOARD_SCOPES, BOARD_SIZE, MAX_BOOTH_NAME } from "./types";
