import { afterEach, describe, expect, it } from "vitest";
import { claimRefusalText } from "../../../client/src/booth/claimRefusal";
import { setLang } from "../../../client/src/i18n";

describe("claimRefusalText", () => {
  afterEach(() => setLang("en"));

  it("says in 中文 that the settings changed mid-round instead of the server's English code", () => {
    setLang("zh");
    const s = claimRefusalText("WRONG_ROLE: the booth offers scheduler, not workload-controller");
    expect(s).toBe("你玩这一局时展位设置被修改了，所以这一局不能上今日排行榜。");
    expect(claimRefusalText("NOT_A_BOOTH_ROUND: the round's durationSeconds is 60, the booth's is 180")).toBe(
      s,
    );
  });

  it("explains a late claim in English", () => {
    expect(claimRefusalText("TOO_LATE: the round ended more than 30 minutes ago")).toMatch(/too long ago/);
  });

  it("keeps the server's words for a refusal it has no sentence for", () => {
    setLang("zh");
    expect(claimRefusalText("NOT_SOLO: a booth round has one player in a role (this one had 2)")).toBe(
      "NOT_SOLO: a booth round has one player in a role (this one had 2)",
    );
    expect(claimRefusalText("network down")).toBe("network down");
  });
});
