/** Seats: actors, host hand-over and reconnection bookkeeping, without sockets. */
import { describe, expect, it } from "vitest";
import { Match, Seats, isBotActor } from "../../shared/match";
import { options } from "./fixtures";

describe("seats", () => {
  it("names seats Player N when unnamed and keeps actors unique for the whole match", () => {
    const s = new Seats();
    expect(s.addPerson("x", undefined).name).toBe("Player 1");
    expect(s.addPerson("y", "Ada").actor).toBe("Ada");
    expect(s.addPerson("z", "Ada").actor).toBe("Ada#2");
    s.remove("y");
    // A later seat never reuses an actor, so points earned by the first Ada stay hers.
    expect(s.addPerson("w", "Ada").actor).toBe("Ada#3");
  });

  it("reserves bot actors: a person named like a bot gets a suffix", () => {
    const s = new Seats();
    const seat = s.addPerson("p", "scheduler-bot");
    expect(seat.actor).toBe("scheduler-bot#2");
    expect(isBotActor("scheduler-bot")).toBe(true);
  });

  it("hands host powers to the next connected person while the host is away, and back on return", () => {
    const m = new Match(options());
    m.join("a", { name: "Ada" });
    m.join("b", { name: "Bob" });
    m.join("c", { name: "Cy" });
    expect(m.hostId).toBe("a");
    m.disconnect("a");
    expect(m.hostId).toBe("b");
    expect(m.receive("b", "start", {})).toBeUndefined();
    expect(m.phase).toBe("running");
    m.reconnect("a");
    expect(m.hostId).toBe("a");
    m.leave("a");
    expect(m.hostId).toBe("b");
    expect(m.seats.get("a")).toBeUndefined();
  });

  it("keeps a disconnected seat with its role until it leaves for good", () => {
    const m = new Match(options());
    m.join("a", { name: "Ada", role: "workload-controller" });
    m.disconnect("a");
    expect(m.seats.get("a")).toMatchObject({ connected: false, role: "workload-controller" });
    expect(m.freeRoles()).not.toContain("workload-controller");
    m.reconnect("a");
    expect(m.seats.get("a")?.connected).toBe(true);
    m.leave("a");
    expect(m.freeRoles()).toContain("workload-controller");
  });
});
