/**
 * A team's roster entry, pure: who holds which role, who is connected, and what the
 * facilitator should be warned about (nobody connected; a role no person holds, with who
 * plays it instead). The team room computes it from its match and reports it to the event.
 */
import { ROLES, type Role } from "../sim";
import type { UnheldMode } from "../protocol";
import {
  TeamWarningCode,
  type Roster,
  type RosterPlayer,
  type RosterTeam,
  type TeamWarning,
} from "./messages";

/** A seat as the roster needs it (people only; bots are not players). */
export interface RosterSeat {
  name: string;
  /** The seat's role, or "" for none. */
  role: string;
  connected: boolean;
}

/** The roster's players from the match's people seats. */
export function rosterPlayers(seats: readonly RosterSeat[]): RosterPlayer[] {
  return seats.map((s) => ({
    name: s.name,
    roles: (ROLES as readonly string[]).includes(s.role) ? [s.role as Role] : [],
    connected: s.connected,
  }));
}

/**
 * A team's warnings: nobody connected (a team nobody joined yet included), then each role
 * no player holds, with who plays it (`unheld`: the match's choice per role).
 */
export function teamWarnings(
  players: readonly RosterPlayer[],
  unheld: (role: Role) => UnheldMode,
): TeamWarning[] {
  const out: TeamWarning[] = [];
  if (!players.some((p) => p.connected)) out.push({ code: TeamWarningCode.NOBODY_CONNECTED });
  const held = new Set(players.flatMap((p) => p.roles));
  for (const role of ROLES)
    if (!held.has(role)) out.push({ code: TeamWarningCode.ROLE_UNHELD, role, playedBy: unheld(role) });
  return out;
}

/**
 * The roster after a `roster` message: changed entries merged over the ones held (a field
 * left out keeps its value), new teams appended, removed teams dropped; the order is the
 * teams' order of arrival.
 */
export function mergeRoster(held: readonly RosterTeam[], roster: Roster): RosterTeam[] {
  const gone = new Set(roster.removed ?? []);
  const next = held.filter((t) => !gone.has(t.teamId));
  for (const u of roster.teams) {
    const i = next.findIndex((t) => t.teamId === u.teamId);
    if (i >= 0) next[i] = { ...next[i]!, ...u };
    else next.push({ players: [], warnings: [], ...u });
  }
  return next;
}
