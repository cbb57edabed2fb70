import "server-only";
import { z } from "zod";
import type { TApiDocument } from "@/lib/apis/document";

/** Where a change sits in one document: the JSON pointer and, when the text has it, the line. */
export const ZApiChangeLocation = z.object({ pointer: z.string(), line: z.number().int().nullable() });

/** One change between two revisions, as stored in ApiRevision.changes. */
export const ZApiChange = z.object({
  id: z.string(),
  severity: z.enum(["breaking", "warning", "info"]),
  message: z.string(),
  base: ZApiChangeLocation.nullable(),
  revision: ZApiChangeLocation.nullable(),
  fields: z.array(z.string()).default([]),
});
export type TApiChange = z.output<typeof ZApiChange>;

/** Stored changes, read leniently: a row written by an older diff keeps what still parses. */
export function readChanges(raw: unknown): TApiChange[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((c) => {
    const r = ZApiChange.safeParse(c);
    return r.success ? [r.data] : [];
  });
}

type TSide = { document: TApiDocument; source: string };

/**
 * The changes from base to revision, each with its rule id, severity and location in both texts.
 * The OpenAPI diff (lib/apis/diff) is wired here once it lands; until then no changes are recorded.
 */
export async function diffRevisionDocuments(_base: TSide, _revision: TSide): Promise<TApiChange[]> {
  return [];
}
