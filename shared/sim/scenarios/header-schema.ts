/**
 * The game header of a scenario file (`apiVersion: reconcile.game/v1`, `kind: Scenario`):
 * what Kubernetes manifests cannot say — the nodes, the users' traffic, the chaos
 * schedule, the default clock, the goal and what happens during bring-up. README
 * "Writing a scenario" documents every field.
 */
import { z } from "./zod";
import { isChaosType } from "../chaos";
import { CLOCK_NAMES } from "../clock";
import { nodeInternalIP, nodePodCIDR } from "../network";
import { resourceList } from "./manifest-schema";

/** The most nodes a scenario may start with. */
export const MAX_SCENARIO_NODES = 10;
/** The most chaos events a header may list. */
export const MAX_CHAOS_EVENTS = 100;
/** Node indexes a scenario's address ranges must fit (its own nodes plus a few that join). */
const SPARE_NODES = 4;

/** The named chaos schedules a header may ask for (`shop-default`: chaos-schedule.ts). */
export const CHAOS_SCHEDULES = ["none", "shop-default"] as const;

const name = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a DNS-1123 label")
  .max(63);
const labels = z.record(z.string().max(317), z.string().max(63));
const tier = z.object({ selector: labels, podCapacity: z.number().positive().max(10_000) });

/** A chaos event of the header: fires at `at` plus a seeded jitter in [0, jitter] seconds. */
const chaosEvent = z.object({
  at: z.number().min(0).max(36_000),
  type: z.string().refine(isChaosType, "is not a chaos type of the game"),
  target: z.string().max(253).optional(),
  jitter: z.int().min(0).max(600).optional(),
});

/** One bring-up action; `pinUpstreamToPodIP` is the traditional, pre-Kubernetes wiring. */
const bringUpAction = z.object({
  /**
   * Re-applies Deployment `deployment` (in the traffic namespace) with its `upstreamEnv`
   * variable set to `<IP of the first pod matching pods>:<port>`, halfway through bring-up.
   */
  pinUpstreamToPodIP: z.object({ deployment: name, pods: labels, port: z.int().min(1).max(65535) }),
});

/** The header document's schema. */
export const headerSchema = z.object({
  apiVersion: z.literal("reconcile.game/v1", { error: 'expected "reconcile.game/v1"' }),
  kind: z.literal("Scenario"),
  metadata: z.object({ name }),
  spec: z.object({
    description: z.string().max(500).default(""),
    goal: z.string().max(500).optional(),
    clock: z
      .string()
      .refine(
        (c) => (CLOCK_NAMES as readonly string[]).includes(c),
        `expected one of ${CLOCK_NAMES.join(", ")}`,
      )
      .optional(),
    nodes: z
      .object({
        count: z.int().min(1).max(MAX_SCENARIO_NODES),
        allocatable: resourceList.extend({ pods: z.int().min(1).max(250) }),
        nodeNetwork: z.string().optional(),
        clusterCIDR: z.string().optional(),
      })
      .superRefine((n, ctx) => {
        for (const [field, cut] of [
          ["nodeNetwork", nodeInternalIP],
          ["clusterCIDR", nodePodCIDR],
        ] as const) {
          const range = n[field];
          if (range === undefined) continue;
          try {
            for (let i = 0; i < n.count + SPARE_NODES; i++) cut(i, range);
          } catch {
            ctx.addIssue({
              code: "custom",
              path: [field],
              message: `"${range}" is not a CIDR with room for ${n.count + SPARE_NODES} nodes`,
            });
          }
        }
      }),
    traffic: z.object({
      requestsPerSecond: z.number().min(0).max(1000),
      namespace: name,
      entryService: name,
      upstreamEnv: z.string().min(1).max(253),
      tiers: z.object({ nginx: tier, tomcat: tier, mysql: tier }),
    }),
    chaos: z
      .object({
        schedule: z.enum(CHAOS_SCHEDULES).default("none"),
        events: z.array(chaosEvent).max(MAX_CHAOS_EVENTS).default([]),
      })
      .optional(),
    afterBringUp: z.array(bringUpAction).max(10).default([]),
  }),
});

/** A validated header. */
export type ScenarioHeader = z.output<typeof headerSchema>;
