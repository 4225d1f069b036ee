/** The sim CLI: `--json` prints one JSON document in the shape; tables; errors exit 2. */
import { execFile } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function sim(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "server/cli/sim.ts", ...args],
      { cwd: process.cwd() },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

type Item = {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    ownerReferences?: { kind: string; name: string; uid: string }[];
  };
  spec: Record<string, unknown>;
  status: Record<string, unknown>;
  subsets?: { addresses: { ip: string; targetRef: { kind: string; name: string } }[] }[];
};

describe("sim CLI", () => {
  let json: Run;
  let tables: Run;
  let errors: Run[];
  beforeAll(async () => {
    [json, tables, ...errors] = await Promise.all([
      sim(["--scenario", "nmt", "--seed", "42", "--duration", "30", "--json"]),
      sim(["--scenario", "nmt", "--seed", "42", "--duration", "5"]),
      sim(["--scenario", "no-such-scenario"]),
      sim(["--seed", "forty-two"]),
      sim(["--frobnicate"]),
    ]);
  });

  it("--json prints exactly one JSON document with the run's header fields", () => {
    expect(json.code).toBe(0);
    expect(json.stderr).toBe("");
    const r = JSON.parse(json.stdout);
    expect(r).toMatchObject({ scenario: "nmt", seed: 42, durationSeconds: 30, ticks: 300 });
    expect(r.stateHash).toMatch(/^[0-9a-f]{16}$/);
    expect(r.availability).toEqual({ overall: 1, nginx: 1, tomcat: 1, mysql: 1 });
    expect(r.requests.total).toBe(600);
    expect(r.requests.ok).toBe(600);
    expect(Object.values(r.requests.failed).every((n) => n === 0)).toBe(true);
    expect(Object.keys(r.requests.failed)).toContain("NO_ENDPOINTS");
  });

  it("--json lists events as {time, type, object, message}", () => {
    const r = JSON.parse(json.stdout);
    expect(r.events.length).toBeGreaterThan(0);
    for (const e of r.events) {
      expect(typeof e.time).toBe("number");
      expect(typeof e.type).toBe("string");
      expect(typeof e.object).toBe("string");
      expect(typeof e.message).toBe("string");
    }
    expect(r.events.some((e: { object: string }) => /^Pod\/shop\/tomcat-/.test(e.object))).toBe(true);
  });

  it("--json carries the DNS records, with tomcat on a ClusterIP of 10.96.0.0/12", () => {
    const r = JSON.parse(json.stdout);
    const ips = r.dns["tomcat.shop.svc.cluster.local"];
    expect(ips).toHaveLength(1);
    const svc = (r.items as Item[]).find((i) => i.kind === "Service" && i.metadata.name === "tomcat")!;
    expect(ips[0]).toBe(svc.spec.clusterIP);
    expect(r.dns["mysql-0.mysql.shop.svc.cluster.local"]).toHaveLength(1);
    expect(r.dns["kube-dns.kube-system.svc.cluster.local"]).toEqual(["10.96.0.10"]);
  });

  it("--json items shape Pods as kubectl does", () => {
    const items = JSON.parse(json.stdout).items as Item[];
    const pods = items.filter((i) => i.kind === "Pod" && i.metadata.namespace === "shop");
    expect(pods.length).toBe(5);
    for (const p of pods) {
      expect(p.spec.nodeName).toMatch(/^node-\d$/);
      expect(p.status.phase).toBe("Running");
      expect(p.status.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
      expect(p.status.conditions).toContainEqual(expect.objectContaining({ type: "Ready", status: "True" }));
      expect(p.metadata.ownerReferences?.[0]?.kind).toMatch(/^(ReplicaSet|StatefulSet)$/);
    }
    const mysql = pods.find((p) => p.metadata.name === "mysql-0")!;
    expect(mysql.metadata.ownerReferences?.[0]).toMatchObject({ kind: "StatefulSet", name: "mysql" });
  });

  it("--json items shape Nodes, Services and Endpoints as kubectl does", () => {
    const items = JSON.parse(json.stdout).items as Item[];
    const nodes = items.filter((i) => i.kind === "Node");
    expect(nodes.map((n) => n.spec.podCIDR)).toEqual(["10.244.1.0/24", "10.244.2.0/24", "10.244.3.0/24"]);
    for (const n of nodes) {
      expect(n.status.addresses).toContainEqual({
        type: "InternalIP",
        address: expect.stringMatching(/^192\.168\.56\./),
      });
      expect(n.status.conditions).toContainEqual(expect.objectContaining({ type: "Ready", status: "True" }));
    }
    const svc = (name: string) => items.find((i) => i.kind === "Service" && i.metadata.name === name)!;
    expect(svc("mysql").spec.clusterIP).toBe("None");
    expect(svc("nginx").spec.type).toBe("NodePort");
    expect(svc("tomcat").spec.type).toBe("ClusterIP");
    expect(svc("tomcat").spec.selector).toEqual({ app: "tomcat", tier: "backend" });
    const ep = items.find((i) => i.kind === "Endpoints" && i.metadata.name === "tomcat")!;
    const addresses = ep.subsets!.flatMap((s) => s.addresses);
    expect(addresses).toHaveLength(2);
    for (const a of addresses) {
      expect(a.ip).toMatch(/^10\.244\./);
      expect(a.targetRef.kind).toBe("Pod");
      expect(a.targetRef.name).toMatch(/^tomcat-/);
    }
  });

  it("prints kubectl-style tables without --json", () => {
    expect(tables.code).toBe(0);
    expect(() => JSON.parse(tables.stdout)).toThrow();
    expect(tables.stdout).toMatch(/^NAME\s+STATUS\s+ROLES/m);
    expect(tables.stdout).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS/m);
    expect(tables.stdout).toMatch(/^node-1\s+Ready\s/m);
    expect(tables.stdout).toContain("tomcat.shop.svc.cluster.local");
    expect(tables.stdout).toMatch(/availability: overall 100\.00%/);
  });

  it("refuses an unknown scenario, a bad seed and an unknown flag: exit 2, one line on stderr", () => {
    for (const e of errors) {
      expect(e.code).toBe(2);
      expect(e.stdout).toBe("");
      expect(e.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(errors[0]!.stderr).toMatch(/no-such-scenario/);
    expect(errors[1]!.stderr).toMatch(/seed/);
    expect(errors[2]!.stderr).toMatch(/--frobnicate/);
  });
});
