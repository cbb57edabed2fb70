import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, ERROR_CATALOGUE, ERROR_CODES, codeFromSlug, errorSlug, errorTypeUri, toProblem } from ".";

const quiet = () => ({ error: vi.fn() });

describe("toProblem", () => {
  it.each(ERROR_CODES)("maps %s to its status, title and documentation page", (code) => {
    const reply = toProblem(new AppError(code, `about ${code}`), { log: quiet() });
    expect(reply.status).toBe(ERROR_CATALOGUE[code].status);
    expect(reply.headers["content-type"]).toBe("application/problem+json");
    expect(reply.body).toMatchObject({
      type: `/errors/${errorSlug(code)}`,
      title: ERROR_CATALOGUE[code].title,
      status: ERROR_CATALOGUE[code].status,
      detail: `about ${code}`,
      code,
    });
    expect(codeFromSlug(errorSlug(code))).toBe(code);
  });

  it("makes the type absolute under the public base URL, keeping a sub-path", () => {
    const opts = { log: quiet(), publicBaseUrl: "https://sb.example.com/portal" };
    expect(toProblem(new AppError("CONFLICT", "x"), opts).body.type).toBe(
      "https://sb.example.com/portal/errors/conflict",
    );
    expect(errorTypeUri("RATE_LIMITED", "https://sb.example.com/")).toBe("https://sb.example.com/errors/rate-limited");
  });

  it("hides the text of an unexpected error, logs it with the request id, and answers INTERNAL", () => {
    const log = quiet();
    const secret = new Error('relation "User" does not exist at 10.0.0.5:5432');
    const reply = toProblem(secret, { log, requestId: "req-42", instance: "/api/export/users" });
    expect(reply.status).toBe(500);
    expect(reply.body).toMatchObject({ code: "INTERNAL", requestId: "req-42", instance: "/api/export/users" });
    expect(reply.body.detail).toContain("req-42");
    expect(JSON.stringify(reply.body)).not.toMatch(/relation|10\.0\.0\.5/);
    expect(log.error).toHaveBeenCalledWith(
      expect.objectContaining({ err: secret, requestId: "req-42" }),
      expect.any(String),
    );
  });

  it("does not log expected errors", () => {
    const log = quiet();
    toProblem(new AppError("NOT_FOUND", "gone"), { log });
    toProblem(z.string().safeParse(1).error, { log });
    expect(log.error).not.toHaveBeenCalled();
  });

  it("carries field errors from a ZodError and from an AppError", () => {
    const zodError = z.object({ email: z.string().email("bad email") }).safeParse({ email: "x" }).error!;
    const fromZod = toProblem(zodError, { log: quiet() });
    expect(fromZod.status).toBe(422);
    expect(fromZod.body).toMatchObject({ code: "VALIDATION", errors: { email: ["bad email"] } });
    const fromApp = toProblem(new AppError("CONFLICT", "taken", { fieldErrors: { name: ["in use"] } }), {
      log: quiet(),
    });
    expect(fromApp.body.errors).toEqual({ name: ["in use"] });
    expect(toProblem(new AppError("CONFLICT", "taken"), { log: quiet() }).body).not.toHaveProperty("errors");
  });

  it("sets Retry-After in the header and the body", () => {
    const reply = toProblem(new AppError("RATE_LIMITED", "slow down", { retryAfterSeconds: 41.2 }), { log: quiet() });
    expect(reply.status).toBe(429);
    expect(reply.headers["retry-after"]).toBe("42");
    expect(reply.body.retryAfter).toBe(42);
    expect(toProblem(new AppError("CONFLICT", "x"), { log: quiet() }).headers).not.toHaveProperty("retry-after");
  });

  it("adds extension members without letting them replace the standard ones", () => {
    const reply = toProblem(new AppError("PAYLOAD_TOO_LARGE", "too big"), {
      log: quiet(),
      extensions: { limitBytes: 1024, status: 200, code: "OK", detail: "fine" },
    });
    expect(reply.body).toMatchObject({ limitBytes: 1024, status: 413, code: "PAYLOAD_TOO_LARGE", detail: "too big" });
  });
});
