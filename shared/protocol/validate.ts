/**
 * Hand-written validators for every client → server payload. They take `unknown` (what
 * msgpack decoded from the wire), never throw, and return either a clean copy holding
 * only the known fields or a {@link ProtocolError} saying what is wrong. Every string goes
 * through the safe-text rules of ./text.ts (refused in fields, stripped from names).
 */
import {
  CHAOS_TYPES,
  CLOCK_NAMES,
  INTENT_FIELDS,
  MAX_REPLICAS,
  MAX_SCENARIO_CHARS,
  ROLES,
  isChaosType,
  isIntentType,
} from "../sim";
import type { ClockName, FieldKind, Intent, Role } from "../sim";
import { ErrorCode, type ErrorCodeName, type Validation } from "./errors";
import { charCount, cleanName, findUnsafe, quote } from "./text";
import {
  DIFFICULTIES,
  MAX_DURATION_SECONDS,
  NO_ROLE,
  type CreateOptions,
  type Difficulty,
  type InjectPayload,
  type JoinOptions,
  type KubectlCompletePayload,
  type KubectlPayload,
  MAX_KUBECTL_LINE,
  MAX_KUBECTL_STDIN,
  type PickRolePayload,
  type ScenarioFileOption,
  type SetModePayload,
  type UnheldMode,
  UNHELD_MODES,
} from "./messages";

/** Longest object name or reference accepted (a DNS subdomain name, as Kubernetes allows). */
export const MAX_NAME_LENGTH = 253;
/** Longest label value (Kubernetes: 63). */
export const MAX_LABEL_VALUE_LENGTH = 63;
/** Most labels one `labelPod` may set. */
export const MAX_LABELS = 16;
/** Highest `replicas` a `scale` intent may ask for: the sim's own bound, re-exported for the protocol. */
export { MAX_REPLICAS };
/** Longest player name. */
export const MAX_PLAYER_NAME_LENGTH = 24;
/** Longest scenario name. */
export const MAX_SCENARIO_LENGTH = 64;

type Obj = Record<string, unknown>;

function fail<T>(code: ErrorCodeName, message: string): Validation<T> {
  return { ok: false, error: { code, message } };
}

function isPlainObject(v: unknown): v is Obj {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Checks that `v` is a plain object whose keys are all in `allowed`. */
function objectWith(v: unknown, what: string, allowed: readonly string[]): Validation<Obj> {
  if (!isPlainObject(v)) return fail(ErrorCode.BAD_PAYLOAD, `${what}: expected an object`);
  for (const k of Object.keys(v)) {
    if (!allowed.includes(k)) return fail(ErrorCode.BAD_PAYLOAD, `${what}: unknown field "${quote(k)}"`);
  }
  return { ok: true, value: v };
}

/** A cheap first bound: a field over this many UTF-16 units cannot be `max` characters after NFC. */
const UNITS_PER_CHAR = 4;

/**
 * A string field from a client: a string, no unsafe character (lone surrogates, bidi
 * controls, invisible or control characters: {@link findUnsafe}), NFC-normalised, at most
 * `max` characters (code points), non-empty unless `allowEmpty`.
 */
function str(v: unknown, field: string, max: number, allowEmpty = false): Validation<string> {
  if (v === undefined) return fail(ErrorCode.BAD_PAYLOAD, `missing field "${field}"`);
  if (typeof v !== "string") return fail(ErrorCode.BAD_PAYLOAD, `"${field}" must be a string`);
  if (v.length > max * UNITS_PER_CHAR) return tooLong(field, max);
  const bad = findUnsafe(v);
  if (bad) return fail(ErrorCode.BAD_PAYLOAD, `"${field}" contains a ${bad.kind} (${bad.codePoint})`);
  const value = v.normalize("NFC");
  if (charCount(value) > max) return tooLong(field, max);
  if (!allowEmpty && value.length === 0) return fail(ErrorCode.BAD_PAYLOAD, `"${field}" must not be empty`);
  return { ok: true, value };
}

function tooLong<T>(field: string, max: number): Validation<T> {
  return fail(ErrorCode.TOO_LONG, `"${field}" is longer than ${max} characters`);
}

/**
 * A player's name: a string of at most {@link MAX_PLAYER_NAME_LENGTH} characters once
 * cleaned ({@link cleanName}: invisible, bidi and control characters stripped, spaces
 * collapsed, trimmed). Empty after cleaning ⇒ no name (the seat gets `Player N`).
 */
function playerName(v: unknown): Validation<string> {
  if (typeof v !== "string") return fail(ErrorCode.BAD_PAYLOAD, `"name" must be a string`);
  if (v.length > MAX_PLAYER_NAME_LENGTH * UNITS_PER_CHAR) return tooLong("name", MAX_PLAYER_NAME_LENGTH);
  const name = cleanName(v);
  if (charCount(name) > MAX_PLAYER_NAME_LENGTH) return tooLong("name", MAX_PLAYER_NAME_LENGTH);
  return { ok: true, value: name };
}

function int(v: unknown, field: string, min: number, max: number): Validation<number> {
  if (v === undefined) return fail(ErrorCode.BAD_PAYLOAD, `missing field "${field}"`);
  if (typeof v !== "number" || !Number.isInteger(v))
    return fail(ErrorCode.BAD_PAYLOAD, `"${field}" must be an integer`);
  if (v < min || v > max) return fail(ErrorCode.BAD_PAYLOAD, `"${field}" must be between ${min} and ${max}`);
  return { ok: true, value: v };
}

function oneOf<T extends string>(v: unknown, field: string, allowed: readonly T[]): Validation<T> {
  if (v === undefined) return fail(ErrorCode.BAD_PAYLOAD, `missing field "${field}"`);
  if (typeof v !== "string" || !(allowed as readonly string[]).includes(v)) {
    return fail(
      ErrorCode.BAD_PAYLOAD,
      `"${field}" must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`,
    );
  }
  return { ok: true, value: v as T };
}

// Kubernetes label syntax: optional DNS-subdomain prefix + "/" + a 63-char name.
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_PREFIX = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

function labels(v: unknown): Validation<Record<string, string | null>> {
  if (!isPlainObject(v)) return fail(ErrorCode.BAD_PAYLOAD, `"labels" must be an object`);
  const keys = Object.keys(v);
  if (keys.length === 0) return fail(ErrorCode.BAD_PAYLOAD, `"labels" must set at least one label`);
  if (keys.length > MAX_LABELS)
    return fail(ErrorCode.BAD_PAYLOAD, `"labels" may hold at most ${MAX_LABELS} labels`);
  const out: Record<string, string | null> = {};
  for (const k of keys) {
    if (k.length > MAX_NAME_LENGTH)
      return fail(ErrorCode.TOO_LONG, `label key is longer than ${MAX_NAME_LENGTH}`);
    const slash = k.lastIndexOf("/");
    const prefix = slash >= 0 ? k.slice(0, slash) : undefined;
    const name = slash >= 0 ? k.slice(slash + 1) : k;
    if (!LABEL_NAME.test(name) || (prefix !== undefined && !LABEL_PREFIX.test(prefix))) {
      return fail(ErrorCode.BAD_PAYLOAD, `label key "${quote(k)}" is not a valid Kubernetes label key`);
    }
    const val = v[k];
    if (val === null) {
      out[k] = null;
      continue;
    }
    if (typeof val !== "string")
      return fail(ErrorCode.BAD_PAYLOAD, `label "${quote(k)}" must be a string or null`);
    if (val.length > MAX_LABEL_VALUE_LENGTH) {
      return fail(
        ErrorCode.TOO_LONG,
        `label "${quote(k)}" is longer than ${MAX_LABEL_VALUE_LENGTH} characters`,
      );
    }
    if (val !== "" && !LABEL_NAME.test(val)) {
      return fail(ErrorCode.BAD_PAYLOAD, `label "${quote(k)}" has a value Kubernetes would reject`);
    }
    out[k] = val;
  }
  return { ok: true, value: out };
}

/** Validates an `intent` payload: a known type with exactly its fields, each well-typed and bounded. */
export function validateIntent(v: unknown): Validation<Intent> {
  if (!isPlainObject(v)) return fail(ErrorCode.BAD_PAYLOAD, 'intent: expected an object with a "type"');
  const type = v.type;
  if (typeof type !== "string") return fail(ErrorCode.BAD_PAYLOAD, 'intent: "type" must be a string');
  if (!isIntentType(type)) {
    return fail(ErrorCode.UNKNOWN_INTENT, `intent: unknown type "${quote(type)}"`);
  }
  // The sim's intent registry says which fields each type carries and of what kind.
  const fields: Readonly<Record<string, FieldKind>> = INTENT_FIELDS[type];
  const shape = objectWith(v, `intent ${type}`, ["type", ...Object.keys(fields)]);
  if (!shape.ok) return shape as Validation<Intent>;
  const out: Record<string, unknown> = { type };
  for (const [field, kind] of Object.entries(fields)) {
    const r =
      kind === "name"
        ? str(v[field], field, MAX_NAME_LENGTH)
        : kind === "replicas"
          ? int(v[field], field, 0, MAX_REPLICAS)
          : labels(v[field]);
    if (!r.ok) return { ok: false, error: { ...r.error, message: `intent ${type}: ${r.error.message}` } };
    out[field] = r.value;
  }
  return { ok: true, value: out as Intent };
}

/** Validates `pickRole`: `{ role }` where role is a role name or `""` (no role). */
export function validatePickRole(v: unknown): Validation<PickRolePayload> {
  const shape = objectWith(v, "pickRole", ["role"]);
  if (!shape.ok) return shape as Validation<PickRolePayload>;
  const role = oneOf(shape.value.role, "role", [...ROLES, NO_ROLE]);
  if (!role.ok) return role as Validation<PickRolePayload>;
  return { ok: true, value: { role: role.value } };
}

/** Validates a payload that must be empty (`start`, `restart`): nothing, null or `{}`. */
export function validateEmpty(v: unknown, what: string): Validation<Record<string, never>> {
  if (v === undefined || v === null) return { ok: true, value: {} };
  const shape = objectWith(v, what, []);
  if (!shape.ok) return shape as Validation<Record<string, never>>;
  return { ok: true, value: {} };
}

/** Validates `inject`: `{ type, target? }` with one of the sim's chaos types and an object reference. */
export function validateInject(v: unknown): Validation<InjectPayload> {
  const shape = objectWith(v, "inject", ["type", "target"]);
  if (!shape.ok) return shape as Validation<InjectPayload>;
  const type = str(shape.value.type, "type", 40);
  if (!type.ok) return type as Validation<InjectPayload>;
  if (!isChaosType(type.value)) {
    return fail(
      ErrorCode.BAD_PAYLOAD,
      `unknown chaos type "${quote(type.value)}" (known: ${CHAOS_TYPES.join(", ")})`,
    );
  }
  if (shape.value.target === undefined) return { ok: true, value: { type: type.value } };
  const target = str(shape.value.target, "target", MAX_NAME_LENGTH);
  if (!target.ok) return target as Validation<InjectPayload>;
  return { ok: true, value: { type: type.value, target: target.value } };
}

/** Validates `setMode`: `{ role, mode }`. */
export function validateSetMode(v: unknown): Validation<SetModePayload> {
  const shape = objectWith(v, "setMode", ["role", "mode"]);
  if (!shape.ok) return shape as Validation<SetModePayload>;
  const role = oneOf<Role>(shape.value.role, "role", ROLES);
  if (!role.ok) return role as Validation<SetModePayload>;
  const mode = oneOf<UnheldMode>(shape.value.mode, "mode", UNHELD_MODES);
  if (!mode.ok) return mode as Validation<SetModePayload>;
  return { ok: true, value: { role: role.value, mode: mode.value } };
}

/** A console request's id: any whole number the client picks (it only comes back in the reply). */
function requestId(v: unknown): Validation<number> {
  return int(v, "id", 0, Number.MAX_SAFE_INTEGER);
}

/** Validates `kubectl`: `{ id, line, stdin? }`; the stdin may hold line breaks and tabs (YAML), nothing else unsafe. */
export function validateKubectl(v: unknown): Validation<KubectlPayload> {
  const shape = objectWith(v, "kubectl", ["id", "line", "stdin"]);
  if (!shape.ok) return shape as Validation<KubectlPayload>;
  const id = requestId(shape.value.id);
  if (!id.ok) return id as Validation<KubectlPayload>;
  const line = str(shape.value.line, "line", MAX_KUBECTL_LINE, true);
  if (!line.ok) return line as Validation<KubectlPayload>;
  if (shape.value.stdin === undefined) return { ok: true, value: { id: id.value, line: line.value } };
  const raw = shape.value.stdin;
  if (typeof raw !== "string") return fail(ErrorCode.BAD_PAYLOAD, `"stdin" must be a string`);
  if (raw.length > MAX_KUBECTL_STDIN) return tooLong("stdin", MAX_KUBECTL_STDIN);
  const stdin = str(raw.replace(/\r\n?/g, "\n").replace(/[\n\t]/g, " "), "stdin", MAX_KUBECTL_STDIN, true);
  if (!stdin.ok) return stdin as Validation<KubectlPayload>;
  const text = raw.replace(/\r\n?/g, "\n").normalize("NFC");
  return { ok: true, value: { id: id.value, line: line.value, stdin: text } };
}

/** Validates `kubectlComplete`: `{ id, line, cursor }` with the cursor inside the line (0…length). */
export function validateKubectlComplete(v: unknown): Validation<KubectlCompletePayload> {
  const shape = objectWith(v, "kubectlComplete", ["id", "line", "cursor"]);
  if (!shape.ok) return shape as Validation<KubectlCompletePayload>;
  const id = requestId(shape.value.id);
  if (!id.ok) return id as Validation<KubectlCompletePayload>;
  // The cursor counts UTF-16 units of the line as sent: it is checked before normalising.
  const rawLine = shape.value.line;
  const line = str(rawLine, "line", MAX_KUBECTL_LINE, true);
  if (!line.ok) return line as Validation<KubectlCompletePayload>;
  const cursor = int(shape.value.cursor, "cursor", 0, (rawLine as string).length);
  if (!cursor.ok) return cursor as Validation<KubectlCompletePayload>;
  return {
    ok: true,
    value: { id: id.value, line: line.value, cursor: Math.min(cursor.value, line.value.length) },
  };
}

/** Longest file name of an uploaded scenario file. */
export const MAX_SCENARIO_FILE_NAME = 100;

/**
 * The shape of an uploaded scenario file: a safe file name and a bounded text without
 * unsafe characters (a leading byte-order mark is dropped). Its content is checked by
 * the scenario loader when the match options are resolved.
 */
function scenarioFileOption(v: unknown): Validation<ScenarioFileOption> {
  const shape = objectWith(v, "scenarioFile", ["name", "text"]);
  if (!shape.ok) return shape as Validation<ScenarioFileOption>;
  const name = str(shape.value.name, "scenarioFile.name", MAX_SCENARIO_FILE_NAME);
  if (!name.ok) return name as Validation<ScenarioFileOption>;
  const raw = shape.value.text;
  if (typeof raw !== "string") return fail(ErrorCode.BAD_PAYLOAD, `"scenarioFile.text" must be a string`);
  if (raw.length > MAX_SCENARIO_CHARS)
    return fail(ErrorCode.TOO_LONG, `"scenarioFile.text" is longer than ${MAX_SCENARIO_CHARS} characters`);
  const text = raw.replace(/^\uFEFF/, "");
  const bad = findUnsafe(text.replace(/[\n\r\t]/g, " "));
  if (bad)
    return fail(ErrorCode.BAD_PAYLOAD, `"scenarioFile.text" contains a ${bad.kind} (${bad.codePoint})`);
  return { ok: true, value: { name: name.value, text } };
}

/**
 * Validates the room options of `create`/`join` (one merged object in Colyseus). Unknown
 * fields are ignored (they cannot reach the world); known ones must be well-typed. The
 * scenario's existence is checked by the room, which knows the sim's scenario list.
 */
export function validateRoomOptions(v: unknown): Validation<CreateOptions & JoinOptions> {
  if (v === undefined || v === null) return { ok: true, value: {} };
  if (!isPlainObject(v)) return fail(ErrorCode.BAD_PAYLOAD, "options: expected an object");
  const out: CreateOptions & JoinOptions = {};
  if (v.scenario !== undefined) {
    const r = str(v.scenario, "scenario", MAX_SCENARIO_LENGTH);
    if (!r.ok) return r as Validation<CreateOptions>;
    out.scenario = r.value;
  }
  if (v.seed !== undefined) {
    const r = int(v.seed, "seed", 0, 0xffffffff);
    if (!r.ok) return r as Validation<CreateOptions>;
    out.seed = r.value;
  }
  if (v.clock !== undefined) {
    const r = oneOf<ClockName>(v.clock, "clock", CLOCK_NAMES);
    if (!r.ok) return r as Validation<CreateOptions>;
    out.clock = r.value;
  }
  if (v.difficulty !== undefined) {
    const r = oneOf<Difficulty>(v.difficulty, "difficulty", DIFFICULTIES);
    if (!r.ok) return r as Validation<CreateOptions>;
    out.difficulty = r.value;
  }
  if (v.durationSeconds !== undefined) {
    const r = int(v.durationSeconds, "durationSeconds", 10, MAX_DURATION_SECONDS);
    if (!r.ok) return r as Validation<CreateOptions>;
    out.durationSeconds = r.value;
  }
  if (v.chaos !== undefined) {
    if (typeof v.chaos !== "boolean") return fail(ErrorCode.BAD_PAYLOAD, `"chaos" must be true or false`);
    out.chaos = v.chaos;
  }
  if (v.scenarioFile !== undefined) {
    const r = scenarioFileOption(v.scenarioFile);
    if (!r.ok) return r as Validation<CreateOptions>;
    out.scenarioFile = r.value;
  }
  if (v.name !== undefined) {
    const r = playerName(v.name);
    if (!r.ok) return r as Validation<JoinOptions>;
    if (r.value) out.name = r.value;
  }
  if (v.role !== undefined) {
    const r = oneOf<Role | typeof NO_ROLE>(v.role, "role", [...ROLES, NO_ROLE]);
    if (!r.ok) return r as Validation<JoinOptions>;
    out.role = r.value;
  }
  return { ok: true, value: out };
}
