/** kubectl's columns, as `kubectl get` prints them. */
import { describe, expect, it } from "vitest";
import {
  age,
  cell,
  endpointsColumn,
  formatLabels,
  nodeStatus,
  podReadyColumn,
  podRestarts,
  podStatus,
  servicePorts,
  type ContainerStatus,
  type Endpoints,
  type Node,
  type Pod,
  type Service,
} from "../../shared/sim";

function pod(status: Partial<Pod["status"]>, meta: Partial<Pod["metadata"]> = {}, containers = 1): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "p",
      namespace: "shop",
      uid: "u",
      resourceVersion: "1",
      labels: {},
      creationTimestamp: 0,
      ...meta,
    },
    spec: {
      containers: Array.from({ length: containers }, (_, i) => ({
        name: `c${i}`,
        image: "nginx:1.25",
        resources: { requests: { cpu: 100, memory: 64 } },
      })),
      restartPolicy: "Always",
    },
    status: { phase: "Pending", conditions: [], ...status },
  };
}

function container(state: ContainerStatus["state"], ready = false, restartCount = 0): ContainerStatus {
  return { name: "c0", image: "nginx:1.25", ready, restartCount, state };
}

const readyCondition = [{ type: "Ready" as const, status: "True" as const }];

describe("pod STATUS", () => {
  it("prints the phase when nothing says more", () => {
    expect(podStatus(pod({ phase: "Pending" }))).toBe("Pending");
    expect(
      podStatus(
        pod({ phase: "Running", containerStatuses: [container({ running: { startedAt: 0 } }, true)] }),
      ),
    ).toBe("Running");
  });

  it("prints a container's waiting reason", () => {
    for (const reason of ["ContainerCreating", "CrashLoopBackOff", "ImagePullBackOff"])
      expect(
        podStatus(pod({ phase: "Pending", containerStatuses: [container({ waiting: { reason } })] })),
      ).toBe(reason);
  });

  it("prints a finished container's reason (Completed, Error)", () => {
    const done = (reason: string, exitCode: number) =>
      pod({
        phase: reason === "Completed" ? "Succeeded" : "Failed",
        containerStatuses: [container({ terminated: { reason, exitCode, finishedAt: 1 } })],
      });
    expect(podStatus(done("Completed", 0))).toBe("Completed");
    expect(podStatus(done("Error", 1))).toBe("Error");
  });

  it("prints Terminating for a pod being deleted, but not for a finished one", () => {
    const running = {
      phase: "Running" as const,
      containerStatuses: [container({ running: { startedAt: 0 } }, true)],
    };
    expect(podStatus(pod(running, { deletionTimestamp: 5 }))).toBe("Terminating");
    const done = {
      phase: "Succeeded" as const,
      containerStatuses: [container({ terminated: { reason: "Completed", exitCode: 0, finishedAt: 1 } })],
    };
    expect(podStatus(pod(done, { deletionTimestamp: 5 }))).toBe("Completed");
  });

  it("lets the first container's reason win, and a running sidecar keep a pod Running", () => {
    const statuses = [
      { ...container({ waiting: { reason: "CrashLoopBackOff" } }), name: "c0" },
      { ...container({ waiting: { reason: "ImagePullBackOff" } }), name: "c1" },
    ];
    expect(podStatus(pod({ phase: "Running", containerStatuses: statuses }, {}, 2))).toBe("CrashLoopBackOff");
    const sidecarDone = [
      { ...container({ terminated: { reason: "Completed", exitCode: 0, finishedAt: 1 } }), name: "c0" },
      { ...container({ running: { startedAt: 0 } }, true), name: "c1" },
    ];
    expect(
      podStatus(pod({ phase: "Running", conditions: readyCondition, containerStatuses: sidecarDone }, {}, 2)),
    ).toBe("Running");
  });
});

describe("pod READY and RESTARTS", () => {
  it("counts ready containers out of all, and sums restarts", () => {
    const p = pod(
      {
        phase: "Running",
        containerStatuses: [
          { ...container({ running: { startedAt: 0 } }, true, 2), name: "c0" },
          { ...container({ waiting: { reason: "CrashLoopBackOff" } }, false, 3), name: "c1" },
        ],
      },
      {},
      2,
    );
    expect(podReadyColumn(p)).toBe("1/2");
    expect(podRestarts(p)).toBe(5);
    expect(podReadyColumn(pod({}))).toBe("0/1");
    expect(podRestarts(pod({}))).toBe(0);
  });
});

describe("service, labels, endpoints, nodes, age", () => {
  const svc = (ports: Service["spec"]["ports"]): Service => ({
    apiVersion: "v1",
    kind: "Service",
    metadata: {
      name: "nginx",
      namespace: "shop",
      uid: "s",
      resourceVersion: "1",
      labels: {},
      creationTimestamp: 0,
    },
    spec: { type: "NodePort", clusterIP: "10.96.0.20", selector: { tier: "frontend", app: "nginx" }, ports },
    status: {},
  });

  it("prints PORT(S) as port[:nodePort]/protocol", () => {
    const s = svc([
      { name: "http", port: 80, targetPort: 8080, nodePort: 30080, protocol: "TCP" },
      { name: "https", port: 443, targetPort: 8443, protocol: "TCP" },
    ]);
    expect(servicePorts(s)).toBe("80:30080/TCP,443/TCP");
    expect(cell(servicePorts(svc([])))).toBe("<none>");
  });

  it("prints labels and selectors as k=v sorted by key", () => {
    expect(formatLabels({ tier: "frontend", app: "nginx" })).toBe("app=nginx,tier=frontend");
    expect(formatLabels({})).toBe("");
    expect(cell(formatLabels({}))).toBe("<none>");
  });

  it("prints ENDPOINTS as ip:port, three at most", () => {
    const address = (ip: string) => ({
      ip,
      targetRef: { kind: "Pod" as const, name: ip, namespace: "shop", uid: ip },
    });
    const eps = (n: number): Endpoints => ({
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: {
        name: "nginx",
        namespace: "shop",
        uid: "e",
        resourceVersion: "1",
        labels: {},
        creationTimestamp: 0,
      },
      subsets: [
        {
          addresses: Array.from({ length: n }, (_, i) => address(`10.244.1.${i + 2}`)),
          ports: [{ port: 8080, protocol: "TCP" }],
        },
      ],
    });
    expect(endpointsColumn(eps(2))).toBe("10.244.1.2:8080,10.244.1.3:8080");
    expect(endpointsColumn(eps(5))).toBe("10.244.1.2:8080,10.244.1.3:8080,10.244.1.4:8080 + 2 more...");
    expect(cell(endpointsColumn(eps(0)))).toBe("<none>");
  });

  it("prints a node's STATUS with SchedulingDisabled when cordoned", () => {
    const node = (status: "True" | "False", unschedulable = false): Node =>
      ({
        apiVersion: "v1",
        kind: "Node",
        metadata: { name: "node-1", uid: "n", resourceVersion: "1", labels: {}, creationTimestamp: 0 },
        spec: { podCIDR: "10.244.1.0/24", podCIDRs: [], unschedulable },
        status: {
          addresses: [],
          capacity: { cpu: 1, memory: 1, pods: 1 },
          allocatable: { cpu: 1, memory: 1, pods: 1 },
          conditions: [{ type: "Ready", status }],
        },
      }) as Node;
    expect(nodeStatus(node("True"))).toBe("Ready");
    expect(nodeStatus(node("True", true))).toBe("Ready,SchedulingDisabled");
    expect(nodeStatus(node("False"))).toBe("NotReady");
  });

  it("prints AGE like kubectl", () => {
    expect(age(45.7)).toBe("45s");
    expect(age(119)).toBe("119s");
    expect(age(125)).toBe("2m5s");
    expect(age(180)).toBe("3m");
    expect(age(12 * 60 + 30)).toBe("12m");
    expect(age(3 * 3600 + 4 * 60)).toBe("3h4m");
    expect(age(50 * 3600)).toBe("2d2h");
    expect(age(-0.5)).toBe("0s");
  });
});
