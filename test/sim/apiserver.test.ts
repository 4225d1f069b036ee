/**
 * What the API server and the Deployment controller name things with: the pod-template-hash
 * is apimachinery's `rand.SafeEncodeString` of the template's FNV-32a hash in decimal.
 */
import { describe, expect, it } from "vitest";
import { safeEncodeString, templateHash } from "../../shared/sim/apiserver";
import { canonicalJson, fnv1a } from "../../shared/sim/hash";
import { podTemplate } from "./fixtures";

describe("pod-template-hash", () => {
  it("safe-encodes decimal digits the way Kubernetes does: 0–9 → 4 5 6 7 8 9 b c d f", () => {
    expect(safeEncodeString("0123456789")).toBe("456789bcdf");
    // A hash seen in a real cluster (ReplicaSet busybox-6bd65c67cf) is the encoding of a 32-bit decimal.
    expect(safeEncodeString("2682172379")).toBe("6bd65c67cf");
  });

  it("is the encoded decimal FNV-32a of the template: only bcdf and 4-9, one character per digit", () => {
    for (const image of ["nginx:1.25", "tomcat:9", "k8s.gcr.io/nginx:1.25", "mysql:8.0"]) {
      const t = podTemplate({ app: "x" }, { image });
      const h = templateHash(t);
      const n = fnv1a(canonicalJson(t));
      expect(h).toBe(safeEncodeString(String(n)));
      expect(h).toMatch(/^[bcdf4-9]{1,10}$/);
      expect(h).toHaveLength(String(n).length);
    }
  });

  it("changes with the template and not with a copy of it", () => {
    const t = podTemplate({ app: "x" });
    expect(templateHash(structuredClone(t))).toBe(templateHash(t));
    expect(templateHash(podTemplate({ app: "x" }, { image: "nginx:1.26" }))).not.toBe(templateHash(t));
  });
});
