/** What the lobby listing shows of a match (the LobbyRoom's metadata). */
import type { ClockName, Role } from "../../shared/sim";
import type { Match } from "../../shared/match";
import type { Difficulty, Phase } from "../../shared/protocol";

/** What the LobbyRoom lists for each match. */
export interface MatchMetadata {
  scenario: string;
  phase: Phase;
  freeRoles: Role[];
  clock: ClockName;
  difficulty: Difficulty;
}

/** The listing of a match now. */
export function metadataOf(match: Match): MatchMetadata {
  return {
    scenario: match.options.scenario,
    phase: match.phase,
    freeRoles: match.freeRoles(),
    clock: match.options.clock,
    difficulty: match.options.difficulty,
  };
}
