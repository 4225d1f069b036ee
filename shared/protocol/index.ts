/** The match protocol: room names, message types, payload validators and error codes. */
export * from "./messages";
export * from "./errors";
export * from "./validate";
export * from "./text";
