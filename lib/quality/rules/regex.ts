import { RE2 } from "re2-wasm";

// Patterns come from data owners and run on every record: RE2 runs in linear time (no backtracking),
// as the engine's JSON Schema patterns do. RE2 only runs in unicode mode.

export function compileRegex(pattern: string): RE2 {
  return new RE2(pattern, "u");
}

/** null when the pattern compiles, else what is wrong with it. */
export function regexError(pattern: string): string | null {
  try {
    compileRegex(pattern);
    return null;
  } catch (error) {
    return `pattern is not supported: ${error instanceof Error ? error.message : String(error)} (RE2 syntax: no lookarounds or backreferences)`;
  }
}
