/**
 * What the event room does with a page's messages: the facilitator's control actions (key
 * checked first, then the payload, then the phase; any refusal changes nothing) and a
 * player's `findTeam` (find a team by name, or create it with open sign-up). Rules live in
 * shared/competition; this only applies them to the event's teams.
 */
import { timingSafeEqual } from "node:crypto";
import type { Client } from "@colyseus/core";
import type { Refusal } from "../../shared/match";
import { ErrorCode, quote, type ErrorPayload } from "../../shared/protocol";
import {
  EventErrorCode,
  EventMessage,
  TEAM_LIMITS,
  acceptsInjections,
  moveEvent,
  validateControl,
  validateTeamName,
  type Control,
  type EventPhase,
  type TeamFound,
} from "../../shared/competition";
import type { EventTeams } from "./eventRoster";
import type { EventSignal } from "./eventTeam";

/** What the handlers need of the event room. */
export interface EventContext {
  phase: EventPhase;
  readonly key: Buffer;
  /** Open sign-up: a player's unknown team name creates the team. */
  readonly signup: boolean;
  readonly teams: EventTeams;
  /** Publishes on the event's channel (every team hears it). */
  signal(s: EventSignal): void;
  /** Creates a team room called `name`; resolves to its code. */
  createTeam(name: string): Promise<string>;
  /** Forgets a removed team's chart. */
  dropHistory(teamId: string): void;
  /** Answers a refusal that comes after the message was handled (a failed creation). */
  refuseLater(client: Client, error: ErrorPayload): void;
}

/** A refusal answered to its sender only, with the refused message's type. */
export function refusal(code: string, message: string, ref: string = EventMessage.control): Refusal {
  return { error: { code, message, ref } };
}

/** A `control` message: refused with a reason (changing nothing) unless it carries the key and fits the phase. */
export function control(ctx: EventContext, client: Client, msg: unknown): Refusal | undefined {
  const key = (msg as { key?: unknown } | null)?.key;
  const given = typeof key === "string" ? Buffer.from(key, "base64url") : Buffer.alloc(0);
  if (given.length !== ctx.key.length || !timingSafeEqual(given, ctx.key))
    return refusal(EventErrorCode.NOT_FACILITATOR, "control needs the facilitator key");
  const { key: _k, ...rest } = msg as Record<string, unknown>;
  const c = validateControl(rest);
  if (!c.ok) return refusal(c.error.code, c.error.message);
  const v = c.value;
  switch (v.kind) {
    case "move":
      return move(ctx, v.move);
    case "inject":
      if (!acceptsInjections(ctx.phase))
        return refusal(ErrorCode.WRONG_PHASE, `cannot inject while ${ctx.phase}`);
      if (v.team !== undefined && !ctx.teams.has(v.team)) return noTeam(v.team);
      ctx.signal(v);
      return undefined;
    default:
      return teamAction(ctx, client, v);
  }
}

function move(ctx: EventContext, m: Extract<Control, { kind: "move" }>["move"]): Refusal | undefined {
  const next = moveEvent(ctx.phase, m);
  if (!next.ok) return refusal(ErrorCode.WRONG_PHASE, next.reason);
  if (m === "start") {
    // A team still being created would miss the start signal and stay in its lobby.
    if (ctx.teams.creating > 0)
      return refusal(ErrorCode.WRONG_PHASE, "a team is being created; start again in a moment");
    if (ctx.teams.size < TEAM_LIMITS.min)
      return refusal(
        ErrorCode.WRONG_PHASE,
        `an event starts with ${TEAM_LIMITS.min}–${TEAM_LIMITS.max} teams; it has ${ctx.teams.size}`,
      );
  }
  ctx.phase = next.phase;
  ctx.signal({ kind: "move", move: m });
  return undefined;
}

/** Adds, renames or removes a team: in the lobby only, names unique in the event. */
function teamAction(
  ctx: EventContext,
  client: Client,
  v: Extract<Control, { kind: "addTeam" | "renameTeam" | "removeTeam" }>,
): Refusal | undefined {
  if (ctx.phase !== "lobby")
    return refusal(
      ErrorCode.WRONG_PHASE,
      `teams can be added, renamed or removed only before the start (the event is ${ctx.phase})`,
    );
  if (v.kind !== "addTeam" && !ctx.teams.has(v.team)) return noTeam(v.team);
  if (v.kind !== "removeTeam" && ctx.teams.nameTaken(v.name, v.kind === "renameTeam" ? v.team : undefined))
    return refusal(EventErrorCode.NAME_TAKEN, `another team is called "${v.name}"`);
  if (v.kind === "addTeam") return addTeam(ctx, client, v.name, EventMessage.control);
  if (v.kind === "renameTeam") {
    ctx.teams.rename(v.team, v.name);
    ctx.signal({ kind: "rename", team: v.team, name: v.name });
  } else {
    ctx.teams.remove(v.team);
    ctx.dropHistory(v.team);
    ctx.signal({ kind: "remove", team: v.team });
  }
  return undefined;
}

/** Creates a team unless the event is full; `then` runs with its code, a failure is answered later. */
function addTeam(
  ctx: EventContext,
  client: Client,
  name: string,
  ref: string,
  then?: (teamId: string) => void,
): Refusal | undefined {
  if (ctx.teams.size >= TEAM_LIMITS.max)
    return refusal(EventErrorCode.EVENT_FULL, `the event already has ${TEAM_LIMITS.max} teams`, ref);
  ctx.teams
    .create(name, () => ctx.createTeam(name))
    .then(then, (e: unknown) =>
      ctx.refuseLater(client, {
        code: ErrorCode.INTERNAL,
        message: `the team could not be created: ${e instanceof Error ? e.message : String(e)}`,
        ref,
      }),
    );
  return undefined;
}

/**
 * A player's `findTeam { name }`: answered `team { teamId, name, created }` for a team of
 * that name, or (open sign-up, lobby, room left) for a team created now; refused otherwise.
 */
export function findTeam(ctx: EventContext, client: Client, msg: unknown): Refusal | undefined {
  const ref = EventMessage.findTeam;
  const n = validateTeamName((msg as { name?: unknown } | null)?.name);
  if (!n.ok) return refusal(n.error.code, n.error.message, ref);
  const answer = (teamId: string, created: boolean) => {
    const entry = ctx.teams.statuses().find((t) => t.teamId === teamId);
    const found: TeamFound = { teamId, name: entry?.name ?? n.value, created };
    client.send(EventMessage.team, found);
  };
  const known = ctx.teams.find(n.value);
  if (known && "teamId" in known) return void answer(known.teamId, false);
  if (known) {
    known.creating.then(
      (id) => answer(id, false),
      () =>
        ctx.refuseLater(client, { code: ErrorCode.INTERNAL, message: "the team could not be created", ref }),
    );
    return undefined;
  }
  if (!ctx.signup)
    return refusal(
      EventErrorCode.NO_SUCH_TEAM,
      `no team "${n.value}" in this event; ask the facilitator for your team's name`,
      ref,
    );
  if (ctx.phase !== "lobby")
    return refusal(
      ErrorCode.WRONG_PHASE,
      `the event has started: new teams can sign up only before the start`,
      ref,
    );
  return addTeam(ctx, client, n.value, ref, (id) => answer(id, true));
}

function noTeam(team: string): Refusal {
  // A team code is any short string until looked up: echoed only without unsafe characters.
  return refusal(EventErrorCode.NO_SUCH_TEAM, `no team "${quote(team)}" in this event`);
}
