/** The match around the world in the state: phase, round, options, host, seats and roles. */
import { ROLES } from "../../../shared/sim";
import { botActor } from "../../../shared/match";
import type { Match } from "../../../shared/match";
import { PlayerState, RoleState, type MatchState } from "../schema/MatchState";
import { set } from "./sync";

/** Writes the match's options once (they never change). */
export function projectOptions(state: MatchState, match: Match, code: string): void {
  const o = match.options;
  set(state, "code", code);
  set(state, "scenario", o.scenario);
  set(state, "seed", o.seed);
  set(state, "clock", o.clock);
  set(state, "difficulty", o.difficulty);
  set(state, "chaos", o.chaos);
  set(state, "duration", o.durationSeconds);
}

/** Phase, round, host, every seat and every role. */
export function projectSeats(state: MatchState, match: Match): void {
  set(state, "phase", match.phase);
  set(state, "round", match.round);
  set(state, "hostId", match.hostId);
  set(state, "facilitated", match.facilitated);
  const seats = match.seats.all();
  const ids = new Set(seats.map((s) => s.id));
  for (const id of [...state.players.keys()]) if (!ids.has(id)) state.players.delete(id);
  for (const s of seats) {
    let p = state.players.get(s.id);
    if (!p) {
      p = new PlayerState();
      state.players.set(s.id, p);
    }
    set(p, "id", s.id);
    set(p, "name", s.name);
    set(p, "actor", s.actor);
    set(p, "role", s.role);
    set(p, "connected", s.connected);
    set(p, "isBot", s.isBot);
  }
  for (const role of ROLES) {
    let r = state.roles.get(role);
    if (!r) {
      r = new RoleState();
      r.role = role;
      state.roles.set(role, r);
    }
    set(r, "mode", match.roles.worldMode(role));
    set(r, "holder", match.roles.holderOf(role));
    set(r, "bot", match.roles.wantsBot(role) ? botActor(role) : "");
  }
}
