import { describe, expect, it } from "vitest";
import { HttpStatusError, PermanentError, TransientError, classifyError } from "./errors";
import { backoffDelay, runWithRetry } from "./retry";

const policy = { maxAttempts: 4, initialDelayMs: 100, maxDelayMs: 1_000, multiplier: 3 };

describe("backoffDelay", () => {
  it("is full jitter under an exponential ceiling with a cap", () => {
    expect(backoffDelay(policy, 1, () => 0.999)).toBe(99);
    expect(backoffDelay(policy, 2, () => 0.999)).toBe(299);
    expect(backoffDelay(policy, 3, () => 0.999)).toBe(899);
    expect(backoffDelay(policy, 4, () => 0.999)).toBe(999); // capped at maxDelayMs
    expect(backoffDelay(policy, 4, () => 0)).toBe(0);
  });
});

describe("classifyError", () => {
  it.each([
    [new HttpStatusError(400, ""), "permanent"],
    [new HttpStatusError(404, ""), "permanent"],
    [new HttpStatusError(408, ""), "transient"],
    [new HttpStatusError(429, ""), "transient"],
    [new HttpStatusError(503, ""), "transient"],
    [new PermanentError("x"), "permanent"],
    [new TransientError("x"), "transient"],
    [new SyntaxError("x"), "permanent"],
    [new Error("ECONNRESET"), "transient"],
  ])("%s → %s", (err, expected) => expect(classifyError(err)).toBe(expected));
});

describe("runWithRetry", () => {
  const sleeps: number[] = [];
  const env = { sleep: async (ms: number) => void sleeps.push(ms), random: () => 0.5 };

  it("continues from a first attempt the caller made itself, counting it against maxAttempts", async () => {
    let calls = 0;
    const res = await runWithRetry(
      async () => {
        calls++;
        if (calls < 2) throw new TransientError("still down");
        return "ok";
      },
      {
        policy,
        timeoutMs: 0,
        env: { ...env, now: () => 5_000 },
        failedFirst: { error: new TransientError("down"), startedAt: 1_000 },
      },
    );
    expect(res).toMatchObject({ ok: true, value: "ok" });
    expect(calls).toBe(2); // attempts 2 and 3; attempt 1 was the caller's
    expect(res.attempts.map((a) => [a.at, a.error, a.durationMs])).toEqual([
      [new Date(1_000).toISOString(), "down", 4_000],
      [new Date(5_000).toISOString(), "still down", 0],
    ]);
    const permanent = await runWithRetry(async () => "never", {
      policy,
      timeoutMs: 0,
      env,
      failedFirst: { error: new PermanentError("bad"), startedAt: 0 },
    });
    expect(permanent).toMatchObject({ ok: false, errorClass: "permanent" });
  });

  it("retries transient errors up to maxAttempts with backoff, recording each attempt", async () => {
    sleeps.length = 0;
    let calls = 0;
    const res = await runWithRetry(
      async () => {
        calls++;
        throw new HttpStatusError(503, "down");
      },
      { policy, timeoutMs: 1_000, env },
    );
    expect(calls).toBe(4);
    expect(res.ok).toBe(false);
    expect(res.attempts).toHaveLength(4);
    expect(sleeps).toEqual([50, 150, 450]);
  });

  it("stops at once on a permanent error", async () => {
    let calls = 0;
    const res = await runWithRetry(
      async () => {
        calls++;
        throw new HttpStatusError(422, "bad");
      },
      { policy, timeoutMs: 1_000, env },
    );
    expect(calls).toBe(1);
    expect(res).toMatchObject({ ok: false, errorClass: "permanent" });
  });

  it("succeeds after transient failures", async () => {
    let calls = 0;
    const res = await runWithRetry(
      async () => {
        if (++calls < 3) throw new Error("flaky");
        return "ok";
      },
      { policy, timeoutMs: 1_000, env },
    );
    expect(res).toMatchObject({ ok: true, value: "ok" });
    expect(res.attempts).toHaveLength(2);
  });

  it("times out an attempt and treats it as transient", async () => {
    const res = await runWithRetry(() => new Promise(() => {}), {
      policy: { ...policy, maxAttempts: 2 },
      timeoutMs: 20,
      env,
    });
    expect(res.ok).toBe(false);
    expect(res.attempts.map((a) => a.error)).toEqual(["timed out after 20 ms", "timed out after 20 ms"]);
  });
});
