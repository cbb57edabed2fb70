import jsonata from "jsonata";
import { z } from "zod";

/** null when `expression` parses, else jsonata's message with its position. */
export function jsonataSyntaxError(expression: string): string | null {
  try {
    jsonata(expression);
    return null;
  } catch (error) {
    const e = error as { message?: string; position?: number };
    return `${e.message ?? String(error)}${e.position !== undefined ? ` (position ${e.position})` : ""}`;
  }
}

/** A config field holding a JSONata expression, checked for syntax when the flow is validated. */
export const zJsonata = (description: string) =>
  z
    .string()
    .trim()
    .min(1)
    .max(20_000)
    .superRefine((expr, ctx) => {
      const err = jsonataSyntaxError(expr);
      if (err) ctx.addIssue({ code: "custom", message: `invalid JSONata: ${err}` });
    })
    .describe(description);
