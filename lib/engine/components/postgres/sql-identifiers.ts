import { z } from "zod";

/** Plain SQL identifiers only; they are still double-quoted when used, so reserved words work. */
export const zSqlIdentifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, "letters, digits and _ only (max 63)");

export function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`unsafe SQL identifier ${JSON.stringify(name)}`);
  return `"${name}"`;
}
