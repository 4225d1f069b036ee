/**
 * What the facilitator console says about a team, pure (no Phaser): its players with roles
 * and connection, its warnings, its line from the board, which control moves the event's
 * phase allows, and how the teams page through the console's grid.
 */
import { EVENT_MOVES, fromBoardRow, type EventMove, type EventPhase } from "../../../shared/competition";
import {
  TeamWarningCode,
  type Board,
  type RosterPlayer,
  type TeamWarning,
} from "../../../shared/competition/messages";
import { t, type MessageKey } from "../i18n";

/** Teams on one page of the console (a 4 × 2 grid: legible on a 1366×768 laptop). */
export const TEAMS_PER_PAGE = 8;

/** One player as the console lists them: `● Ada — Scheduler` (○ and "offline" when disconnected). */
export function playerLine(p: RosterPlayer): string {
  const roles = p.roles.map((r) => t(`role.${r}` as MessageKey)).join(", ");
  const name = [...p.name].length > 14 ? `${[...p.name].slice(0, 13).join("")}…` : p.name;
  return `${p.connected ? "●" : "○"} ${name} — ${roles || t("lobby.watching")}${p.connected ? "" : ` (${t("event.offline")})`}`;
}

/** A team's warnings as lines: "nobody connected", then one line per way the unheld roles are played. */
export function warningLines(warnings: readonly TeamWarning[]): string[] {
  const lines: string[] = [];
  if (warnings.some((w) => w.code === TeamWarningCode.NOBODY_CONNECTED))
    lines.push(`⚠ ${t("event.warn.nobody")}`);
  const byMode = new Map<string, string[]>();
  for (const w of warnings)
    if (w.code === TeamWarningCode.ROLE_UNHELD)
      byMode.set(w.playedBy, [...(byMode.get(w.playedBy) ?? []), t(`role.${w.role}` as MessageKey)]);
  for (const [mode, roles] of byMode)
    lines.push(
      `⚠ ${t("event.warn.role", { role: roles.join(", "), mode: t(`mode.${mode}` as MessageKey) })}`,
    );
  return lines;
}

/** The team's line from the board: phase, game time, availability, rank ("" before the first board). */
export function standingLine(board: Board | undefined, teamId: string): string {
  const row = board?.rows.map(fromBoardRow).find((r) => r.teamId === teamId);
  if (!row) return "";
  const pct = `${(row.availability * 100).toFixed(1)} %`;
  return t("event.standing", {
    rank: row.rank,
    phase: t(`event.phase.${row.phase}` as MessageKey),
    time: Math.floor(row.time),
    availability: pct,
    open: row.openIncidents,
  });
}

/** Whether a control move is allowed in this phase (the console greys out the others). */
export function moveAllowed(phase: EventPhase, move: EventMove): boolean {
  return (EVENT_MOVES[move].from as readonly EventPhase[]).includes(phase);
}

/** The page count and the teams of page `page` (clamped into range). */
export function pageOf<T>(teams: readonly T[], page: number): { page: number; pages: number; items: T[] } {
  const pages = Math.max(1, Math.ceil(teams.length / TEAMS_PER_PAGE));
  const p = Math.min(Math.max(0, page), pages - 1);
  return { page: p, pages, items: teams.slice(p * TEAMS_PER_PAGE, (p + 1) * TEAMS_PER_PAGE) };
}
