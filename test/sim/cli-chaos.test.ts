/** The sim CLI's chaos flags: --no-chaos, --inject, --manual, --bot; incidents and score in the JSON. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseSimArgs, runSim, SimUsageError } from "../../server/cli/sim-run";

describe("sim CLI chaos flags", () => {
  it("parses repeatable --inject and --manual, --no-chaos and --bot", () => {
    const o = parseSimArgs([
      "--no-chaos",
      "--inject",
      "10:pod-kill:shop/tomcat",
      "--inject=20.5:dns-outage",
      "--manual",
      "scheduler",
      "--bot",
      "service-controller",
    ]);
    expect(o.chaos).toBe(false);
    expect(o.inject).toEqual([
      { at: 10, type: "pod-kill", target: "shop/tomcat" },
      { at: 20.5, type: "dns-outage" },
    ]);
    expect(o.manual).toEqual(["scheduler"]);
    expect(o.bots).toEqual(["service-controller"]);
  });

  it.each([
    ["--inject", "x"],
    ["--inject", "10:meteor"],
    ["--manual", "janitor"],
    ["--no-chaos=yes"],
    ["--bot", "scheduler", "--manual", "scheduler"],
  ])("rejects %s %s", (...argv) => {
    expect(() => parseSimArgs(argv)).toThrow(SimUsageError);
  });

  it("runs the scenario's chaos by default and reports incidents and the score", () => {
    const r = runSim(parseSimArgs(["--duration", "60"]));
    expect(r.incidents.length).toBeGreaterThan(0);
    expect(r.incidents[0]).toEqual({
      start: expect.any(Number),
      end: expect.any(Number),
      cause: "pod-kill:shop/tomcat",
    });
    expect(r.score.slo.target).toBe(0.99);
  });

  it("--no-chaos runs only the injected events", () => {
    const r = runSim(parseSimArgs(["--duration", "30", "--no-chaos", "--inject", "10:pod-kill:shop/tomcat"]));
    expect(r.incidents.map((i) => [i.start, i.cause])).toEqual([[10, "pod-kill:shop/tomcat"]]);
  });

  it("--manual scheduler leaves a killed pod Pending; --bot scheduler binds it", () => {
    const args = ["--duration", "20", "--no-chaos", "--inject", "5:pod-kill:shop/tomcat"];
    const manual = runSim(parseSimArgs([...args, "--manual", "scheduler"]));
    expect(manual.roles.scheduler).toBe("manual");
    expect(manual.incidents[0]!.end).toBeNull();
    const bot = runSim(parseSimArgs([...args, "--bot", "scheduler"]));
    expect(bot.incidents[0]!.end).not.toBeNull();
    expect(bot.score.players.map((p) => p.actor)).toEqual(["scheduler-bot"]);
  });

  it("a bad --inject target is a one-line error with exit code 2", () => {
    const p = spawnSync("npx", ["tsx", "server/cli/sim.ts", "--inject", "5:node-crash:node-9"], {
      encoding: "utf8",
    });
    expect(p.status).toBe(2);
    expect(p.stderr.trim().split("\n")).toHaveLength(1);
    expect(p.stderr).toMatch(/node node-9 not found/);
  });
});
