import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, toActionResult } from ".";

describe("toActionResult", () => {
  it("returns field errors for validation failures", () => {
    const error = z.object({ email: z.string().email("bad email") }).safeParse({ email: "x" }).error!;
    expect(toActionResult(error)).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { email: ["bad email"] },
    });
  });

  it("passes an AppError's message through", () => {
    expect(toActionResult(new AppError("CONFLICT", "Name taken"))).toMatchObject({
      code: "CONFLICT",
      error: "Name taken",
    });
  });

  it("never leaks internal error text, and logs it", () => {
    const log = { error: vi.fn() };
    const result = toActionResult(new Error('relation "User" does not exist at 10.0.0.5'), log);
    expect(JSON.stringify(result)).not.toContain("relation");
    expect(result).toMatchObject({ ok: false, code: "INTERNAL" });
    expect(log.error).toHaveBeenCalledOnce();
  });
});
