/** Text helpers: long kubectl lines wrap to the log's width instead of being cut. */
import { describe, expect, it } from "vitest";
import { wrapColumns } from "../../client/src/ui/text";

describe("wrapColumns", () => {
  it("keeps a short line whole and cuts a long one into indented rows, losing nothing", () => {
    expect(wrapColumns("kubectl cordon node-1", 55)).toEqual(["kubectl cordon node-1"]);
    const line = "kubectl -n shop get endpointslices -l kubernetes.io/service-name=tomcat -o yaml";
    const rows = wrapColumns(line, 30);
    expect(rows.length).toBe(3);
    expect(rows.every((r) => r.length <= 30)).toBe(true);
    expect(rows.slice(1).every((r) => r.startsWith("  "))).toBe(true);
    expect(rows.map((r, i) => (i === 0 ? r : r.slice(2))).join("")).toBe(line);
  });

  it("counts a Chinese character as two columns", () => {
    const rows = wrapColumns("真实集群中这是调度器的工作", 10);
    expect(rows[0]).toBe("真实集群中");
    expect(rows.join("").replace(/ /g, "")).toBe("真实集群中这是调度器的工作");
  });
});
