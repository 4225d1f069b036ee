/**
 * The default seeded chaos schedule of the shop scenarios (DESIGN §5): the same seed gives
 * every team the same chaos at the same times.
 */
import type { ChaosType } from "../chaos";
import { nextInt, type RngState } from "../rng";
import type { ChaosEvent, World } from "../world";

/** One entry of a schedule template: base time in a round, type, target; jitter is added. */
type Slot = [at: number, type: ChaosType, target?: string];

/** The length of one round of the default schedule (game seconds). */
export const CHAOS_ROUND_SECONDS = 300;

/**
 * The default seeded schedule of the shop scenarios: two rounds of five minutes, each with
 * every kind of trouble, at times jittered by the seed, and a node crash on a node the seed
 * picks (recovered 20–30 s later: long enough for evictions on the arcade clock). Same seed ⇒ same chaos at the same times.
 */
export function defaultChaosSchedule(rng: RngState, world: World): ChaosEvent[] {
  const nodes = world.store.list("Node").map((n) => n.metadata.name);
  const out: ChaosEvent[] = [];
  const statefulNodes = new Set<string>();
  for (const sts of world.store.list("StatefulSet"))
    for (const p of world.store.podsOwnedBy(sts.metadata.uid))
      if (p.spec.nodeName) statefulNodes.add(p.spec.nodeName);
  for (let round = 0; round < 2; round++) {
    const offset = round * CHAOS_ROUND_SECONDS;
    // The first round spares the node of the StatefulSet's pod (nobody replaces a pod on a
    // dead node until a person deletes it — fact 8); the second round may not.
    const candidates = round === 0 ? nodes.filter((n) => !statefulNodes.has(n)) : nodes;
    const pool = candidates.length > 0 ? candidates : nodes;
    const crashed = pool.length > 0 ? pool[nextInt(rng, pool.length)]! : "node-1";
    const slots: Slot[] = [
      [20, "pod-kill", "shop/tomcat"],
      [40, "label-drift", "shop/tomcat"],
      [60, "service-recreate", "shop/tomcat"],
      [85, "node-crash", crashed],
      [110 + nextInt(rng, 6), "node-recover", crashed],
      [135, "traffic-spike"],
      [160, "dns-outage"],
      [180, "pod-ip-change", "shop/tomcat"],
      [200, round === 0 ? "crashloop" : "bad-rollout", "shop/tomcat"],
      [220, "pod-kill", "shop/mysql"],
      [240, "dns-stale"],
      [250, "volume-detach", "shop/data-mysql-0"],
      [265, "image-pull-fail", "shop/nginx"],
      [285, "pod-kill", "shop/nginx"],
    ];
    if (round === 0) slots.push([100, "node-join"]);
    for (const [at, type, target] of slots) {
      const jitter = type === "node-recover" ? 0 : nextInt(rng, 8);
      out.push({ at: offset + at + jitter, type, ...(target ? { target } : {}), source: "schedule" });
    }
  }
  return out.sort((a, b) => a.at - b.at || (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
}
