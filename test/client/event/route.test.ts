/** The event pages' addresses: `#/event/<code>/board|debrief` parse back to the code and page; anything else is not one. */
import { describe, expect, it } from "vitest";
import { eventHash, eventRouteOf } from "../../../client/src/event/route";

describe("event routes", () => {
  it("reads the code and the page, upper-casing the code", () => {
    expect(eventRouteOf("#/event/ACDE/board")).toEqual({ code: "ACDE", page: "board" });
    expect(eventRouteOf("#/event/acde/debrief")).toEqual({ code: "ACDE", page: "debrief" });
    expect(eventRouteOf(eventHash("X4K9", "board"))).toEqual({ code: "X4K9", page: "board" });
  });

  it("is not an event page otherwise", () => {
    for (const h of [
      "",
      "#/replay/abc",
      "#/event/ACDE",
      "#/event/ACDE/console",
      "#/event/A-B/board",
      "#/event//board",
    ])
      expect(eventRouteOf(h)).toBeUndefined();
  });
});
