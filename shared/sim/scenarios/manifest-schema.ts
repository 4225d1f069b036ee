/**
 * The manifests a scenario file may hold, as zod schemas: the fields the game models, with
 * the API server's defaults, turned into the game's {@link Manifest} shapes (CPU in
 * millicores, memory in MiB). Unknown fields are stripped here and reported by the loader
 * as "ignored by the game".
 */
import { z } from "./zod";
import type { Manifest } from "../apiserver";
import { MAX_REPLICAS } from "../intents/registry";
import { cpuMillicores, memoryMiB } from "./quantity";

/** The kinds a scenario may declare, with the apiVersion each must carry. */
export const SCENARIO_KINDS = {
  Namespace: "v1",
  Service: "v1",
  PersistentVolumeClaim: "v1",
  Deployment: "apps/v1",
  StatefulSet: "apps/v1",
  DaemonSet: "apps/v1",
  Job: "batch/v1",
} as const;

/** A kind a scenario may declare. */
export type ScenarioKind = keyof typeof SCENARIO_KINDS;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const name = z
  .string()
  .max(63)
  .regex(DNS_LABEL, "must be a DNS-1123 label (lower case letters, digits and '-')");
const labels = z.record(z.string().max(317), z.string().max(63));
const count = (max: number) => z.int().min(0).max(max);
const port = z.int().min(1).max(65535);

const cpu = z
  .union([z.string(), z.number()])
  .transform((q, ctx) => cpuMillicores(q) ?? bad(ctx, `"${q}" is not a CPU quantity (e.g. 100m, 0.5, 2)`));
const memory = z
  .union([z.string(), z.number()])
  .transform((q, ctx) => memoryMiB(q) ?? bad(ctx, `"${q}" is not a memory quantity (e.g. 64Mi, 1Gi)`));

/** Reports a custom issue from a transform. */
function bad(ctx: z.RefinementCtx, message: string): never {
  ctx.addIssue({ code: "custom", message });
  return z.NEVER;
}

/** CPU and memory requests (the scheduler's units); an absent request counts as 0. */
export const resourceList = z.object({ cpu: cpu.default(0), memory: memory.default(0) });

const container = z.object({
  name,
  image: z.string().min(1).max(253),
  ports: z.array(z.object({ containerPort: port, name: z.string().max(15).optional() })).optional(),
  env: z.array(z.object({ name: z.string().min(1), value: z.string().default("") })).optional(),
  resources: z.object({ requests: resourceList.default({ cpu: 0, memory: 0 }) }).default({
    requests: { cpu: 0, memory: 0 },
  }),
  volumeMounts: z.array(z.object({ name, mountPath: z.string().min(1) })).optional(),
});

const toleration = z.object({
  key: z.string().optional(),
  operator: z.enum(["Exists", "Equal"]).optional(),
  value: z.string().optional(),
  effect: z.enum(["NoSchedule", "PreferNoSchedule", "NoExecute"]).optional(),
  tolerationSeconds: z.int().min(0).optional(),
});

/** A pod template's restart policy: the controllers' templates allow (and default to) Always; a Job's needs Never or OnFailure. */
const ALWAYS = z.literal("Always", { error: 'expected "Always"' }).default("Always");
const RUN_TO_COMPLETION = z.enum(["Never", "OnFailure"]);

const podSpec = (restartPolicy: typeof ALWAYS | typeof RUN_TO_COMPLETION) =>
  z.object({
    containers: z.array(container).min(1).max(8),
    restartPolicy,
    tolerations: z.array(toleration).optional(),
    volumes: z
      .array(z.object({ name, persistentVolumeClaim: z.object({ claimName: name }).optional() }))
      .optional(),
    hostname: name.optional(),
    subdomain: name.optional(),
  });

const template = (restartPolicy: typeof ALWAYS | typeof RUN_TO_COMPLETION) =>
  z.object({
    metadata: z.object({ labels: labels.default({}), annotations: labels.optional() }),
    spec: podSpec(restartPolicy),
  });

const selector = z.object({ matchLabels: labels });
const intOrString = z.union([z.string(), z.int()]).transform(String);

const metadata = z.object({
  name: z
    .string()
    .max(253)
    .regex(DNS_SUBDOMAIN, "must be a DNS-1123 name (lower case letters, digits, '-', '.')"),
  namespace: name.optional(),
  labels: labels.optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

const deploymentSpec = z.object({
  replicas: count(MAX_REPLICAS).default(1),
  selector,
  template: template(ALWAYS),
  strategy: z
    .object({
      type: z.literal("RollingUpdate", { error: 'only "RollingUpdate" is supported by the game' }),
      rollingUpdate: z
        .object({ maxSurge: intOrString.default("25%"), maxUnavailable: intOrString.default("25%") })
        .default({ maxSurge: "25%", maxUnavailable: "25%" }),
    })
    .default({ type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } }),
  revisionHistoryLimit: z.int().min(0).max(100).optional(),
});

const claimSpec = z.object({
  accessModes: z.array(z.enum(["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"])).min(1),
  resources: z.object({ requests: z.object({ storage: z.string().min(1) }) }),
});

/** The spec schema of each kind (Namespace has none the game reads). */
const SPECS = {
  Namespace: z.object({}).default({}),
  Service: z
    .object({
      type: z.enum(["ClusterIP", "NodePort"]).default("ClusterIP"),
      clusterIP: z
        .string()
        .regex(
          /^(|None|(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3})$/,
          'must be an IPv4 address, "None" or ""',
        )
        .default(""),
      selector: labels.default({}),
      ports: z
        .array(
          z.object({
            name: z.string().max(15).optional(),
            port,
            targetPort: port.optional(),
            protocol: z.enum(["TCP", "UDP"]).default("TCP"),
            nodePort: z.int().min(30000).max(32767).optional(),
          }),
        )
        .min(1)
        .max(16),
      publishNotReadyAddresses: z.boolean().optional(),
    })
    .transform((s) => ({
      ...s,
      ports: s.ports.map((p) => ({ ...p, targetPort: p.targetPort ?? p.port })),
    })),
  PersistentVolumeClaim: claimSpec,
  Deployment: deploymentSpec,
  StatefulSet: z.object({
    replicas: count(MAX_REPLICAS).default(1),
    serviceName: name,
    podManagementPolicy: z.enum(["OrderedReady", "Parallel"]).default("OrderedReady"),
    selector,
    template: template(ALWAYS),
    volumeClaimTemplates: z.array(z.object({ metadata: z.object({ name }), spec: claimSpec })).default([]),
    updateStrategy: z.object({ type: z.enum(["RollingUpdate", "OnDelete"]) }).optional(),
  }),
  DaemonSet: z.object({ selector, template: template(ALWAYS) }),
  Job: z.object({
    completions: z.int().min(1).max(MAX_REPLICAS).optional(),
    parallelism: z.int().min(1).max(MAX_REPLICAS).optional(),
    backoffLimit: z.int().min(0).max(20).optional(),
    selector: selector.optional(),
    template: template(RUN_TO_COMPLETION),
  }),
} as const satisfies Record<ScenarioKind, z.ZodType>;

/** The schema of one manifest of a kind (whole document: apiVersion, kind, metadata, spec). */
export function manifestSchema(kind: ScenarioKind): z.ZodType<Manifest> {
  const spec = kind === "Namespace" ? SPECS.Namespace : SPECS[kind];
  return z
    .object({
      apiVersion: z.literal(SCENARIO_KINDS[kind], {
        error: `expected "${SCENARIO_KINDS[kind]}" for kind ${kind}`,
      }),
      kind: z.literal(kind),
      metadata,
      spec,
    })
    .superRefine((m, ctx) => {
      const sel = (m.spec as { selector?: { matchLabels: Record<string, string> } }).selector;
      const tpl = (m.spec as { template?: { metadata: { labels: Record<string, string> } } }).template;
      if (sel && tpl && !Object.entries(sel.matchLabels).every(([k, v]) => tpl.metadata.labels[k] === v))
        ctx.addIssue({
          code: "custom",
          path: ["spec", "selector", "matchLabels"],
          message: "selector does not match the template's labels (spec.template.metadata.labels)",
        });
    }) as unknown as z.ZodType<Manifest>;
}
