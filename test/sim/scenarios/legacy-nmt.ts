/**
 * The TypeScript definitions the built-in scenarios had before they moved to
 * scenarios/*.yaml, kept as the reference builtin.test.ts compares the YAML worlds with
 * (same state hash, seed for seed). Scenario `nmt` (DESIGN §1): the seed document's nginx → tomcat → mysql shop in namespace
 * `shop` on three nodes, declared as the manifests a user would `kubectl apply` — three
 * controllers and three Services; the pods come from the controllers.
 */
import type { Manifest } from "../../../shared/sim/apiserver";
import type { Container, PodTemplateSpec } from "../../../shared/sim/types";
import { defaultChaosSchedule } from "../../../shared/sim/scenarios/chaos-schedule";
import type { ScenarioDefinition } from "../../../shared/sim/scenarios/scenario";

const NS = "shop";

function template(labels: Record<string, string>, container: Container): PodTemplateSpec {
  return { metadata: { labels }, spec: { containers: [container], restartPolicy: "Always" } };
}

/** The nginx Deployment; `upstream` is where nginx proxies to (`tomcat:8080`, or an IP the traditional way). */
export function nginxDeployment(upstream: string, replicas = 2): Manifest {
  const labels = { app: "nginx", tier: "frontend" };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "nginx", namespace: NS, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: template(labels, {
        name: "nginx",
        image: "nginx:1.25",
        ports: [{ containerPort: 80, name: "http" }],
        env: [{ name: "UPSTREAM", value: upstream }],
        resources: { requests: { cpu: 100, memory: 64 } },
      }),
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
    },
  };
}

/** The manifests of the shop and of the cluster add-ons it needs (CoreDNS). */
export function nmtManifests(): Manifest[] {
  const tomcatLabels = { app: "tomcat", tier: "backend" };
  const mysqlLabels = { app: "mysql", tier: "db" };
  const dnsLabels = { "k8s-app": "kube-dns" };
  return [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "default" }, spec: {} },
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "kube-system" }, spec: {} },
    { apiVersion: "v1", kind: "Namespace", metadata: { name: NS }, spec: {} },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "kubernetes", namespace: "default", labels: { component: "apiserver" } },
      spec: {
        type: "ClusterIP",
        clusterIP: "10.96.0.1",
        selector: {},
        ports: [{ name: "https", port: 443, targetPort: 6443, protocol: "TCP" }],
      },
    },
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "coredns", namespace: "kube-system", labels: dnsLabels },
      spec: {
        replicas: 2,
        selector: { matchLabels: dnsLabels },
        template: template(dnsLabels, {
          name: "coredns",
          image: "registry.k8s.io/coredns/coredns:v1.11.1",
          ports: [{ containerPort: 53, name: "dns" }],
          resources: { requests: { cpu: 100, memory: 70 } },
        }),
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "1" } },
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "kube-dns", namespace: "kube-system", labels: dnsLabels },
      spec: {
        type: "ClusterIP",
        clusterIP: "10.96.0.10",
        selector: dnsLabels,
        ports: [{ name: "dns", port: 53, targetPort: 53, protocol: "UDP" }],
      },
    },
    nginxDeployment("tomcat:8080"),
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "tomcat", namespace: NS, labels: tomcatLabels },
      spec: {
        replicas: 2,
        selector: { matchLabels: tomcatLabels },
        template: template(tomcatLabels, {
          name: "tomcat",
          image: "tomcat:9.0",
          ports: [{ containerPort: 8080, name: "http" }],
          env: [
            { name: "UPSTREAM", value: "mysql-0.mysql:3306" },
            { name: "APP_CONFIG", value: "shop-v1" },
          ],
          resources: { requests: { cpu: 250, memory: 256 } },
        }),
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      },
    },
    {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "mysql", namespace: NS, labels: mysqlLabels },
      spec: {
        replicas: 1,
        serviceName: "mysql",
        podManagementPolicy: "OrderedReady",
        selector: { matchLabels: mysqlLabels },
        template: {
          metadata: { labels: mysqlLabels },
          spec: {
            restartPolicy: "Always",
            containers: [
              {
                name: "mysql",
                image: "mysql:8.0",
                ports: [{ containerPort: 3306, name: "mysql" }],
                resources: { requests: { cpu: 500, memory: 512 } },
                volumeMounts: [{ name: "data", mountPath: "/var/lib/mysql" }],
              },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: "data" },
            spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
          },
        ],
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "nginx", namespace: NS, labels: { app: "nginx" } },
      spec: {
        type: "NodePort",
        clusterIP: "",
        selector: { app: "nginx", tier: "frontend" },
        ports: [{ name: "http", port: 80, targetPort: 80, protocol: "TCP", nodePort: 30080 }],
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "tomcat", namespace: NS, labels: { app: "tomcat" } },
      spec: {
        type: "ClusterIP",
        clusterIP: "",
        selector: tomcatLabels,
        ports: [{ name: "http", port: 8080, targetPort: 8080, protocol: "TCP" }],
      },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "mysql", namespace: NS, labels: { app: "mysql" } },
      spec: {
        type: "ClusterIP",
        clusterIP: "None",
        selector: mysqlLabels,
        ports: [{ name: "mysql", port: 3306, targetPort: 3306, protocol: "TCP" }],
      },
    },
  ];
}

/** The traffic settings of the shop. */
const trafficConfig: ScenarioDefinition["traffic"] = {
  requestsPerSecond: 20,
  podCapacity: { nginx: 40, tomcat: 25, mysql: 60 },
  namespace: NS,
  entryService: "nginx",
  tierSelectors: {
    nginx: { app: "nginx", tier: "frontend" },
    tomcat: { app: "tomcat", tier: "backend" },
    mysql: { app: "mysql", tier: "db" },
  },
  upstreamEnv: "UPSTREAM",
};

/** Scenario `nmt`: nginx reaches tomcat by its Service name, the Kubernetes way. */
export const nmt: ScenarioDefinition = {
  name: "nmt",
  description:
    "nginx → tomcat → mysql in namespace shop on three nodes, wired by Service names and cluster DNS.",
  nodes: { count: 3, allocatable: { cpu: 2000, memory: 4096, pods: 110 } },
  manifests: nmtManifests,
  traffic: trafficConfig,
  chaos: defaultChaosSchedule,
};

/**
 * Scenario `nmt-traditional`: the same shop, but nginx was configured the pre-Kubernetes
 * way, with the IP of one tomcat pod instead of the Service name. It works — until that
 * pod is replaced and its IP goes with it.
 */
export const nmtTraditional: ScenarioDefinition = {
  ...nmt,
  name: "nmt-traditional",
  description:
    "nmt, with nginx pointed at a tomcat pod's IP instead of the tomcat Service: see why names beat IPs.",
  afterBringUp(world) {
    const tomcat = world.store.podsMatching(NS, { app: "tomcat", tier: "backend" })[0];
    return tomcat?.status.podIP ? [nginxDeployment(`${tomcat.status.podIP}:8080`)] : [];
  },
};

/** The DaemonSet `node-agent`: one log/metrics agent per node (kube-system). */
export function nodeAgentDaemonSet(): Manifest {
  const labels = { app: "node-agent" };
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "node-agent", namespace: "kube-system", labels },
    spec: {
      selector: { matchLabels: labels },
      template: template(labels, {
        name: "agent",
        image: "fluent/fluent-bit:3.0",
        resources: { requests: { cpu: 50, memory: 32 } },
      }),
    },
  };
}

/** The Job `db-migrate`: the schema migration tomcat waits for (completions/parallelism 1, backoffLimit 6). */
export function dbMigrateJob(): Manifest {
  const labels = { app: "db-migrate" };
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "db-migrate", namespace: NS, labels },
    spec: {
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: "Never",
          containers: [
            {
              name: "migrate",
              image: "flyway/flyway:10",
              env: [
                { name: "UPSTREAM", value: "mysql-0.mysql:3306" },
                { name: "APP_CONFIG", value: "shop-v1" },
              ],
              resources: { requests: { cpu: 100, memory: 128 } },
            },
          ],
        },
      },
    },
  };
}

/**
 * Scenario `nmt-full`: nmt plus the optional objects of DESIGN §1 — DaemonSet `node-agent`
 * on every node (a node that joins gets one too) and Job `db-migrate`, which must complete
 * before tomcat reports Ready (`WAIT_FOR_JOB=db-migrate`).
 */
export const nmtFull: ScenarioDefinition = {
  ...nmt,
  name: "nmt-full",
  description:
    "nmt plus DaemonSet node-agent on every node and Job db-migrate that gates tomcat's readiness.",
  manifests: () => {
    const out = nmtManifests().map((m) => {
      if (m.kind !== "Deployment" || m.metadata.name !== "tomcat") return m;
      const c = m.spec.template.spec.containers[0]!;
      c.env = [...(c.env ?? []), { name: "WAIT_FOR_JOB", value: "db-migrate" }];
      return m;
    });
    return [...out, nodeAgentDaemonSet(), dbMigrateJob()];
  },
};
