/** The budget in force: BUDGET unless the operator overrides it, and a clear error for a bad value. */
import { describe, expect, it } from "vitest";
import { BUDGET } from "../../../shared/match";
import { budgetFromEnv } from "../../../server/rooms/budgetEnv";

describe("budget from the environment", () => {
  it("is BUDGET when nothing is set", () => {
    expect(budgetFromEnv({})).toEqual(BUDGET);
  });

  it("takes the operator's rates, with bursts twice as big, and a send-buffer bound", () => {
    const b = budgetFromEnv({
      CLIENT_MESSAGES_PER_SECOND: "50",
      CLIENT_BYTES_PER_SECOND: "65536",
      CLIENT_SEND_BUFFER_BYTES: "1048576",
    });
    expect(b).toMatchObject({
      messagesPerSecond: 50,
      messageBurst: 100,
      bytesPerSecond: 65536,
      byteBurst: 131072,
      sendBufferBytes: 1048576,
      overBudgetSeconds: BUDGET.overBudgetSeconds,
    });
  });

  it("refuses a malformed value, naming the variable", () => {
    expect(() => budgetFromEnv({ CLIENT_MESSAGES_PER_SECOND: "lots" })).toThrow(/CLIENT_MESSAGES_PER_SECOND/);
    expect(() => budgetFromEnv({ CLIENT_BYTES_PER_SECOND: "0" })).toThrow(/≥ 1/);
  });
});
