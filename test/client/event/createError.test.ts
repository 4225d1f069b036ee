/** A failed "Create competition" in words: the open-competitions limit says what to do; other errors as any create. */
import { afterEach, describe, expect, it } from "vitest";
import { createEventErrorText } from "../../../client/src/event/createError";
import { setLang, t } from "../../../client/src/i18n";

afterEach(() => setLang("en"));

describe("createEventErrorText", () => {
  it("explains the per-address limit of open competitions, in both languages", () => {
    const e = new Error("RATE_LIMITED: your address already has 2 open competitions (the limit is 2)");
    const r = createEventErrorText(e);
    expect(r).toEqual({ key: "event.setup.tooMany", params: { limit: "2" } });
    expect(t(r.key, r.params)).toContain("already has 2 competitions open");
    setLang("zh");
    expect(t(r.key, r.params)).toContain("已有 2 场比赛");
  });

  it("reads any other failure as a failed create does", () => {
    expect(createEventErrorText(new Error("boom"))).toEqual({
      key: "menu.error",
      params: { reason: "boom" },
    });
    expect(createEventErrorText(new Error("RATE_LIMITED: too many rooms per minute")).key).toBe("menu.error");
  });
});
