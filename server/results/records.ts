/**
 * What a round comes to, as the results store keeps it: its score (from the sim's
 * `scoreOf`, as the debrief shows it) and its seats with their points.
 */
import { availability, scoreOf, type World } from "../../shared/sim";
import { isBotActor } from "../../shared/match";
import type { PlayerRecord, ResultRecord } from "../store";

/** Error budget left, clamped as the room's state clamps it (a blown budget still fits). */
const MIN_BUDGET = -99;

/** The score of `world` for a round of `durationSeconds`; `partial` when the round was cut short. */
export function resultOf(world: World, durationSeconds: number, partial: boolean): ResultRecord {
  const score = scoreOf(world, { windowSeconds: durationSeconds });
  const a = availability(world);
  return {
    partial,
    time: Math.round(world.time * 1000) / 1000,
    availability: { overall: a.overall, nginx: a.nginx, tomcat: a.tomcat, mysql: a.mysql },
    errorBudget: Math.max(MIN_BUDGET, score.slo.errorBudget.remaining),
    sloMet: score.slo.met,
    teamPoints: score.teamPoints,
    mttr: score.mttrSeconds,
    requests: world.traffic.total,
    ok: world.traffic.ok,
    incidents: score.incidents.map((i) => ({
      cause: i.cause,
      source: i.source,
      start: i.start,
      end: i.end,
      mttr: i.mttr,
    })),
  };
}

/**
 * The seats of a round with the points the score gives each actor. Actors that scored but
 * hold no seat any more (they left) are kept too, under their actor's name.
 */
export function playersOf(
  seats: readonly { name: string; actor: string; role: string; isBot: boolean }[],
  world: World,
): PlayerRecord[] {
  const tallies = new Map(scoreOf(world).players.map((p) => [p.actor, p] as const));
  const out: PlayerRecord[] = seats.map((s, seat) => {
    const t = tallies.get(s.actor);
    return {
      seat,
      name: s.name,
      actor: s.actor,
      role: s.role,
      isBot: s.isBot,
      points: t?.points ?? 0,
      restored: t?.restored ?? 0,
      broke: t?.broke ?? 0,
    };
  });
  const seated = new Set(seats.map((s) => s.actor));
  for (const [actor, t] of tallies)
    if (!seated.has(actor))
      out.push({
        seat: out.length,
        name: actor,
        actor,
        role: "",
        isBot: isBotActor(actor),
        points: t.points,
        restored: t.restored,
        broke: t.broke,
      });
  return out;
}
