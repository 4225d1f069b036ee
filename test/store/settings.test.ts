/** The store's settings from the environment: defaults, a moved file, memory for tests, a bad retention refused. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_DB, DEFAULT_RETENTION_DAYS, readStoreSettings } from "../../server/store/settings";

describe("store settings", () => {
  it("defaults to data/reconcile.db and 90 days; tests without RECONCILE_DB keep results in memory", () => {
    expect(readStoreSettings({})).toEqual({ file: DEFAULT_DB, retentionDays: DEFAULT_RETENTION_DAYS });
    expect(DEFAULT_DB.endsWith(path.join("data", "reconcile.db"))).toBe(true);
    expect(DEFAULT_RETENTION_DAYS).toBe(90);
    expect(readStoreSettings({ NODE_ENV: "test" }).file).toBe(":memory:");
  });

  it("RECONCILE_DB moves the file (resolved) or keeps it in memory; RECONCILE_RETENTION_DAYS sets the days", () => {
    expect(readStoreSettings({ RECONCILE_DB: "some/dir/r.db" }).file).toBe(path.resolve("some/dir/r.db"));
    expect(readStoreSettings({ RECONCILE_DB: ":memory:", NODE_ENV: "production" }).file).toBe(":memory:");
    expect(readStoreSettings({ RECONCILE_DB: "/x/y.db", NODE_ENV: "test" }).file).toBe("/x/y.db");
    expect(readStoreSettings({ RECONCILE_RETENTION_DAYS: " 7 " }).retentionDays).toBe(7);
  });

  it("refuses a retention that is not a whole number of days ≥ 1, naming the variable", () => {
    for (const bad of ["0", "-3", "1.5", "ninety", "1e3x"])
      expect(() => readStoreSettings({ RECONCILE_RETENTION_DAYS: bad }), bad).toThrow(
        /RECONCILE_RETENTION_DAYS/,
      );
  });
});
