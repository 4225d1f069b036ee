/** The protocol validators: total (never throw), strict, and loss-free on valid input. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ErrorCode,
  validateEmpty,
  validateInject,
  validateIntent,
  validatePickRole,
  validateRoomOptions,
  validateSetMode,
} from "../../shared/protocol";
import { MAX_REPLICAS, type Intent } from "../../shared/sim";

const validators = [
  validateIntent,
  validatePickRole,
  validateInject,
  validateSetMode,
  validateRoomOptions,
  (v: unknown) => validateEmpty(v, "start"),
];

const name = fc.stringMatching(/^[a-z0-9][a-z0-9./-]{0,60}$/);
const intent: fc.Arbitrary<Intent> = fc.oneof(
  fc.record({ type: fc.constant("bindPod" as const), pod: name, node: name }),
  fc.record({ type: fc.constantFrom("cordon" as const, "uncordon" as const), node: name }),
  fc.record({ type: fc.constant("createPod" as const), owner: name }),
  fc.record({ type: fc.constant("deletePod" as const), pod: name }),
  fc.record({
    type: fc.constant("scale" as const),
    workload: name,
    replicas: fc.integer({ min: 0, max: MAX_REPLICAS }),
  }),
  fc.record({ type: fc.constant("setImage" as const), workload: name, container: name, image: name }),
  fc.record({
    type: fc.constant("labelPod" as const),
    pod: name,
    labels: fc.dictionary(
      fc.stringMatching(/^[a-z][a-z0-9]{0,20}$/),
      fc.option(fc.stringMatching(/^[a-z0-9]{1,20}$/)),
      {
        minKeys: 1,
        maxKeys: 5,
      },
    ),
  }),
  fc.record({ type: fc.constantFrom("recreateService" as const, "updateEndpoints" as const), service: name }),
);

describe("protocol validators", () => {
  it("never throw, whatever they are given, and always answer ok or a coded error", () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withObjectString: true }), (v) => {
        for (const validate of validators) {
          const r = validate(v);
          if (!r.ok) expect(Object.values(ErrorCode)).toContain(r.error.code);
          else expect(r.value).toBeDefined();
        }
      }),
      { numRuns: 500 },
    );
  });

  it("accept every well-formed intent and return an equal copy", () => {
    fc.assert(
      fc.property(intent, (i) => {
        const r = validateIntent(i);
        expect(r).toEqual({ ok: true, value: i });
      }),
      { numRuns: 300 },
    );
  });

  it("reject any extra field on an intent", () => {
    fc.assert(
      fc.property(intent, fc.stringMatching(/^[a-z]{1,10}$/), (i, extra) => {
        fc.pre(!(extra in i));
        const r = validateIntent({ ...i, [extra]: 1 });
        expect(r.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("reject prototype-pollution label keys and over-long values", () => {
    const pollute = JSON.parse('{"type":"labelPod","pod":"shop/a","labels":{"__proto__":"x"}}') as unknown;
    expect(validateIntent(pollute).ok).toBe(false);
    const long = validateIntent({ type: "labelPod", pod: "shop/a", labels: { app: "v".repeat(64) } });
    expect(long.ok === false && long.error.code).toBe(ErrorCode.TOO_LONG);
  });

  it("apply defaults nowhere and pass room options through typed", () => {
    expect(
      validateRoomOptions({
        scenario: "nmt",
        seed: 1,
        clock: "realistic",
        difficulty: "easy",
        name: " Ada ",
      }),
    ).toEqual({
      ok: true,
      value: { scenario: "nmt", seed: 1, clock: "realistic", difficulty: "easy", name: "Ada" },
    });
    expect(validateRoomOptions({ clock: "warp" }).ok).toBe(false);
    expect(validateRoomOptions({ durationSeconds: 5 }).ok).toBe(false);
  });
});
