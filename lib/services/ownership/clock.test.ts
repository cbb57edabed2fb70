import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { currentTime } from "./clock";

const DAY = 86_400_000;

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvCache();
});

function withEnv(vars: Record<string, string>) {
  for (const [k, v] of Object.entries(vars)) vi.stubEnv(k, v);
  resetEnvCache();
}

describe("test clock", () => {
  it("ignores offsets in production", () => {
    withEnv({ NODE_ENV: "production", SWITCHBOARD_CLOCK_OFFSET_DAYS: "30" });
    expect(Math.abs(currentTime("400").getTime() - Date.now())).toBeLessThan(1000);
  });

  it("honours env + cookie offsets in production only with ALLOW_TEST_CLOCK=1", () => {
    withEnv({ NODE_ENV: "production", ALLOW_TEST_CLOCK: "1", SWITCHBOARD_CLOCK_OFFSET_DAYS: "10" });
    expect(currentTime("5").getTime() - Date.now()).toBeGreaterThan(15 * DAY - 1000);
  });

  it("honours offsets in development and ignores a malformed cookie", () => {
    withEnv({ NODE_ENV: "development", SWITCHBOARD_CLOCK_OFFSET_DAYS: "2" });
    const t = currentTime("nonsense").getTime() - Date.now();
    expect(t).toBeGreaterThan(2 * DAY - 1000);
    expect(t).toBeLessThan(2 * DAY + 1000);
  });
});
