/**
 * The texts teach what Kubernetes does: the clock table shows every scaled delay of the
 * simulation's clock, and the concept cards hold the corrections of issue 11 in both languages.
 */
import { describe, expect, it } from "vitest";
import { CLOCKS } from "../../shared/sim/clock";
import { REAL_CONTROLLERS } from "../../shared/sim";
import { CLOCK_DELAYS, clockHelpParams, clockTableLines, duration } from "../../client/src/clockTable";
import { CONCEPTS } from "../../client/src/concepts";
import { setLang, t, TABLES, type MessageKey } from "../../client/src/i18n";

describe("clock table", () => {
  it("has one labelled line per delay of shared/sim/clock.ts, in both languages", () => {
    expect(CLOCK_DELAYS.sort()).toEqual(Object.keys(CLOCKS.arcade).sort());
    for (const lang of ["en", "zh"] as const) {
      setLang(lang);
      const lines = clockTableLines();
      expect(lines).toHaveLength(Object.keys(CLOCKS.realistic).length);
      for (const k of CLOCK_DELAYS) expect(TABLES[lang][`clock.${k}` as MessageKey], k).toBeTruthy();
    }
    setLang("en");
  });

  it("shows the node grace period as Kubernetes has it since v1.32: 50 s, arcade 6 s", () => {
    setLang("en");
    const line = clockTableLines()[CLOCK_DELAYS.indexOf("nodeGracePeriod")]!;
    expect(line).toBe("node-monitor-grace-period (node → NotReady): 50 s → 6 s");
    expect(clockHelpParams("realistic")).toEqual({ grace: "50 s", evict: "5 min" });
    expect(clockHelpParams("arcade")).toEqual({ grace: "6 s", evict: "15 s" });
    expect(duration(600)).toBe("10 min");
    expect(t("menu.clock.realistic.help", clockHelpParams("realistic"))).toBe(
      "Kubernetes' own delays: NotReady after 50 s, eviction after 5 min.",
    );
  });

  it("is a card Tab reaches like any concept", () => {
    expect(CONCEPTS).toContain("clock");
  });
});

describe("concept cards teach what Kubernetes does", () => {
  const en = TABLES.en;
  const zh = TABLES.zh;

  it("networks: pod-to-pod traffic across nodes rides the node network; the service network is virtual", () => {
    expect(en["concept.networks.body"]).not.toMatch(/crosses the service/);
    expect(en["concept.networks.body"]).toMatch(/ride the node network/);
    expect(en["concept.networks.body"]).toMatch(/only when you dial a ClusterIP/);
    expect(zh["concept.networks.body"]).not.toMatch(/跨越 Service 网络/);
    expect(zh["concept.networks.body"]).toMatch(/经由节点网络/);
  });

  it("the Chinese Service card calls a Service a load balancer, never 调度器 (the Scheduler role's name)", () => {
    expect(zh["concept.service.body"]).not.toMatch(/调度器/);
    expect(zh["concept.service.body"]).toMatch(/负载均衡器/);
    expect(zh["role.scheduler"]).toBe("调度器");
  });

  it("DNS: CoreDNS watches Services, nothing registers a record", () => {
    expect(en["concept.dns.body"]).toMatch(/watches Services/);
    expect(en["concept.dns.body"]).not.toMatch(/is registered|once its record is updated/);
    expect(zh["concept.dns.body"]).not.toMatch(/注册到 CoreDNS|只要记录更新/);
  });

  it("pod: controllers create pods (you rarely do); a restart keeps name and IP, a replacement does not", () => {
    expect(en["concept.pod.body"]).toMatch(/rarely create pods/);
    expect(en["concept.pod.body"]).not.toMatch(/never create pods/);
    expect(en["concept.pod.body"]).toMatch(/same name, same IP/);
    expect(zh["concept.pod.body"]).toMatch(/名字不变、IP 不变/);
  });

  it("node: a StatefulSet pod of a failed node is not replaced until deleted", () => {
    expect(en["concept.node.body"]).toMatch(
      /StatefulSet pod \(mysql-0\) is not replaced until it is deleted/,
    );
    expect(zh["concept.node.body"]).toMatch(/StatefulSet 的 POD（mysql-0）在被删除之前不会被替换/);
  });

  it("Endpoints: mentions EndpointSlices and the controller that writes them", () => {
    for (const table of [en, zh]) expect(table["concept.endpoints.body"]).toMatch(/EndpointSlice/);
  });

  it("every card of a role's objects says which real controller does that work and which role does it here", () => {
    const cards = {
      node: ["kube-scheduler", "scheduler role", "调度器角色"],
      deployment: ["Deployment and ReplicaSet controllers", "workload controller role", "工作负载控制器角色"],
      statefulset: ["StatefulSet controller", "workload controller role", "工作负载控制器角色"],
      daemonset: ["DaemonSet controller", "workload controller role", "工作负载控制器角色"],
      job: ["Job controller", "workload controller role", "工作负载控制器角色"],
      endpoints: ["EndpointSlice controller", "service controller role", "服务控制器角色"],
      dns: ["CoreDNS", "service controller role", "服务控制器角色"],
    } as const;
    for (const [card, [controller, roleEn, roleZh]] of Object.entries(cards)) {
      const key = `concept.${card}.body` as MessageKey;
      expect(en[key], card).toContain(controller);
      expect(en[key], card).toContain(roleEn);
      expect(zh[key], card).toContain(controller.split(" ")[0]!);
      expect(zh[key], card).toContain(roleZh);
    }
  });

  it("every role's help says whose work it is in a real cluster", () => {
    expect(en["role.scheduler.help"]).toMatch(/kube-scheduler/);
    expect(en["role.workload-controller.help"]).toMatch(/ReplicaSet/);
    expect(en["role.service-controller.help"]).toMatch(/EndpointSlice controller and CoreDNS/);
    for (const r of ["scheduler", "workload-controller", "service-controller"])
      expect(zh[`role.${r}.help` as MessageKey]).toMatch(/真实集群/);
  });

  it("names every controller an intent result can name, in both languages", () => {
    for (const c of REAL_CONTROLLERS)
      for (const table of [en, zh]) expect(table[`controller.${c}` as MessageKey], c).toBeTruthy();
  });
});
