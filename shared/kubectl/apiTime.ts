/**
 * API time for the console's printers: the implementation lives in shared/sim (the sim
 * stamps RFC 3339 instants too, e.g. `rollout restart`'s restartedAt) and is re-exported here.
 */
export { EPOCH, EPOCH_UNIX_SECONDS, gameSecondsOf, timestampOf } from "../sim/apiTime";
