import { z } from "zod";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { CliError, describeFailure } from "./errors";

describe("describeFailure", () => {
  it("turns a zod error into exit 2 and one line with the field path", () => {
    const result = z.object({ role: z.enum(["a", "b"]) }).safeParse({ role: "c" });
    const { exitCode, message } = describeFailure(result.error);
    expect(exitCode).toBe(2);
    expect(message.startsWith("Invalid input: role: ")).toBe(true);
  });

  it("treats a unique clash as bad input and names the field", () => {
    const error = new AppError("CONFLICT", "A user with this email already exists.", {
      fieldErrors: { email: ["This email is already in use."] },
    });
    expect(describeFailure(error)).toEqual({
      exitCode: 2,
      message: "A user with this email already exists. (email: This email is already in use.)",
    });
  });

  it("uses exit 1 for a forbidden or internal AppError", () => {
    expect(describeFailure(new AppError("FORBIDDEN", "nope")).exitCode).toBe(1);
  });

  it("keeps a CliError's own code and line", () => {
    expect(describeFailure(new CliError(1, "DATABASE_URL is not set."))).toEqual({
      exitCode: 1,
      message: "DATABASE_URL is not set.",
    });
  });

  it("hides the stack of an unexpected error unless verbose", () => {
    const error = new Error("connect ECONNREFUSED 127.0.0.1:5432\nmore");
    const short = describeFailure(error);
    expect(short).toEqual({
      exitCode: 1,
      message: "Unexpected error: connect ECONNREFUSED 127.0.0.1:5432 (run with --verbose for details)",
    });
    expect(describeFailure(error, true).message).toContain("at ");
  });
});
