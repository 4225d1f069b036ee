/**
 * A synthetic large cluster for benchmarks: the nmt shop plus `workloads` Deployments
 * (each with a Service) spread over namespaces, on `nodes` nodes. It exercises the same
 * loops, indexes and traffic as a real match at a size where a full rescan would show.
 */
import type { Manifest } from "../apiserver";
import { SCENARIOS } from "./index";
import type { ScenarioDefinition } from "./scenario";

/** A scenario of `nodes` nodes and about `pods` pods (in Deployments of `perWorkload` replicas). */
export function syntheticScenario(nodes: number, pods: number, perWorkload = 30): ScenarioDefinition {
  const nmt = SCENARIOS["nmt"]!;
  const workloads = Math.ceil(pods / perWorkload);
  const perNamespace = 20;
  return {
    ...nmt,
    name: `synthetic-${nodes}n-${pods}p`,
    description: `${nodes} nodes, ${workloads} Deployments of ${perWorkload} pods, one Service each`,
    nodes: {
      count: nodes,
      allocatable: { cpu: 16000, memory: 65536, pods: 110 },
      nodeNetwork: "172.16.0.0/16",
      clusterCIDR: "10.128.0.0/9",
    },
    manifests: () => {
      const out: Manifest[] = nmt.manifests();
      for (let w = 0; w < workloads; w++) {
        const ns = `team-${Math.floor(w / perNamespace)}`;
        if (w % perNamespace === 0)
          out.push({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns }, spec: {} });
        const labels = { app: `app-${w}` };
        out.push({
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name: `app-${w}`, namespace: ns, labels },
          spec: {
            replicas: perWorkload,
            selector: { matchLabels: labels },
            template: {
              metadata: { labels },
              spec: {
                restartPolicy: "Always",
                containers: [
                  { name: "app", image: "nginx:1.25", resources: { requests: { cpu: 50, memory: 64 } } },
                ],
              },
            },
            strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
          },
        });
        out.push({
          apiVersion: "v1",
          kind: "Service",
          metadata: { name: `app-${w}`, namespace: ns, labels },
          spec: {
            type: "ClusterIP",
            clusterIP: "",
            selector: labels,
            ports: [{ port: 80, targetPort: 80, protocol: "TCP" }],
          },
        });
      }
      return out;
    },
  };
}
