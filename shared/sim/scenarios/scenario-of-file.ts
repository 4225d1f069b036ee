/** The scenario a validated scenario file describes: its header and manifests as a {@link ScenarioDefinition}. */
import type { Manifest } from "../apiserver";
import type { ClockName } from "../clock";
import { clone } from "../hash";
import { nextInt } from "../rng";
import type { ChaosEvent, World } from "../world";
import { defaultChaosSchedule } from "./chaos-schedule";
import type { ScenarioHeader } from "./header-schema";
import type { ScenarioDefinition } from "./scenario";

/** The scenario a validated file describes. */
export function scenarioOfFile(h: ScenarioHeader, manifests: Manifest[]): ScenarioDefinition {
  const s = h.spec;
  const t = s.traffic;
  const nodes: ScenarioDefinition["nodes"] = {
    count: s.nodes.count,
    allocatable: { ...s.nodes.allocatable },
  };
  if (s.nodes.nodeNetwork !== undefined) nodes.nodeNetwork = s.nodes.nodeNetwork;
  if (s.nodes.clusterCIDR !== undefined) nodes.clusterCIDR = s.nodes.clusterCIDR;
  const def: ScenarioDefinition = {
    name: h.metadata.name,
    description: s.description,
    nodes,
    manifests: () => clone(manifests),
    traffic: {
      requestsPerSecond: t.requestsPerSecond,
      podCapacity: {
        nginx: t.tiers.nginx.podCapacity,
        tomcat: t.tiers.tomcat.podCapacity,
        mysql: t.tiers.mysql.podCapacity,
      },
      namespace: t.namespace,
      entryService: t.entryService,
      tierSelectors: {
        nginx: t.tiers.nginx.selector,
        tomcat: t.tiers.tomcat.selector,
        mysql: t.tiers.mysql.selector,
      },
      upstreamEnv: t.upstreamEnv,
    },
  };
  if (s.goal !== undefined) def.goal = s.goal;
  if (s.clock !== undefined) def.clock = s.clock as ClockName;
  const chaos = s.chaos;
  if (chaos && (chaos.schedule !== "none" || chaos.events.length > 0))
    def.chaos = (rng, world) => {
      const out: ChaosEvent[] = chaos.schedule === "shop-default" ? defaultChaosSchedule(rng, world) : [];
      for (const ev of chaos.events)
        out.push({
          at: ev.at + (ev.jitter ? nextInt(rng, ev.jitter + 1) : 0),
          type: ev.type,
          ...(ev.target !== undefined ? { target: ev.target } : {}),
          source: "schedule",
        });
      return out;
    };
  if (s.afterBringUp.length > 0)
    def.afterBringUp = (world: World) => {
      const out: Manifest[] = [];
      for (const { pinUpstreamToPodIP: pin } of s.afterBringUp) {
        const pod = world.store.podsMatching(t.namespace, pin.pods)[0];
        const m = manifests.find(
          (x) =>
            x.kind === "Deployment" &&
            x.metadata.namespace === t.namespace &&
            x.metadata.name === pin.deployment,
        );
        if (!pod?.status.podIP || m?.kind !== "Deployment") continue;
        const next = clone(m);
        for (const c of next.spec.template.spec.containers)
          for (const e of c.env ?? [])
            if (e.name === t.upstreamEnv) e.value = `${pod.status.podIP}:${pin.port}`;
        out.push(next);
      }
      return out;
    };
  return def;
}
