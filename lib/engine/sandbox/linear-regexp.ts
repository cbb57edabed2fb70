import { RE2 } from "re2-wasm";
import { PermanentError } from "@/lib/engine/core/errors";

/**
 * RE2 (linear time, no backtracking) behind the RegExp constructor shape, so user patterns cannot
 * stall a worker. RE2 only runs in unicode mode, so `u` is always added.
 */
export class LinearRegExp extends RE2 {
  constructor(pattern: string | RegExp, flags?: string) {
    const source = pattern instanceof RegExp ? pattern.source : pattern;
    const given = pattern instanceof RegExp ? pattern.flags : (flags ?? "");
    super(source, given.includes("u") ? given : `${given}u`);
  }
}

/** Compiles a user pattern with RE2, turning syntax errors (and unsupported lookarounds) into clear errors. */
export function userRegExp(pattern: string, flags = ""): LinearRegExp {
  try {
    return new LinearRegExp(pattern, flags);
  } catch (error) {
    throw new PermanentError(
      `regular expression ${JSON.stringify(pattern)} is not supported: ${error instanceof Error ? error.message : String(error)} (RE2 syntax: no lookarounds or backreferences)`,
    );
  }
}
