/**
 * What the console offers to inject: every chaos type, with an example target for the
 * target field's hint (shared/sim/chaos.ts: a blank target lets the handler pick its
 * default — tomcat, a random node, twice the traffic). Types without a target ignore it.
 */
import { CHAOS_TYPES, type ChaosType } from "../../../shared/sim/chaos";

/** An example target of each type ("" = the type takes no target). */
export const CHAOS_TARGET_EXAMPLES: Record<ChaosType, string> = {
  "pod-kill": "shop/tomcat",
  "node-crash": "node-2",
  "node-recover": "node-2",
  "pod-ip-change": "shop/tomcat",
  "service-recreate": "shop/tomcat",
  "dns-outage": "",
  "dns-stale": "",
  "label-drift": "shop/tomcat",
  crashloop: "shop/tomcat",
  "image-pull-fail": "shop/nginx",
  "volume-detach": "shop/data-mysql-0",
  "traffic-spike": "40",
  "node-join": "",
  "bad-rollout": "shop/nginx",
};

/** The chaos types in the console's list (the simulation's order). */
export const CONSOLE_CHAOS_TYPES: readonly ChaosType[] = CHAOS_TYPES;
