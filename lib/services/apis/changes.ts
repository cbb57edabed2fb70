import "server-only";
import { z } from "zod";
import type { TApiDocument } from "@/lib/apis/document";
import { diffOpenApi } from "@/lib/apis/diff";
import { parseOpenApiText } from "@/lib/apis/openapi/parse";

/** Where a change sits in one document: the JSON pointer and, when the text has it, the line. */
export const ZApiChangeLocation = z.object({ pointer: z.string(), line: z.number().int().nullable() });

/** One change between two revisions, as stored in ApiRevision.changes. */
export const ZApiChange = z.object({
  id: z.string(),
  severity: z.enum(["breaking", "warning", "info"]),
  message: z.string(),
  operation: z.string().optional(),
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
 * The changes from base to revision (lib/apis/diff), each with its rule id, severity and location in
 * both texts: both texts are parsed again for their line maps. A stored text that no longer parses
 * (written before a parser fix) is compared from its stored document without lines.
 */
export async function diffRevisionDocuments(base: TSide, revision: TSide, now = new Date()): Promise<TApiChange[]> {
  const side = async (s: TSide) => {
    const parsed = await parseOpenApiText(s.source);
    return parsed.ok ? parsed : { ...parsed, doc: s.document.openapi, lineOf: () => null };
  };
  const changes = diffOpenApi(await side(base), await side(revision), { now });
  return changes.map((c) => ({
    id: c.id,
    severity: c.severity,
    message: c.message,
    ...(c.operation ? { operation: c.operation } : {}),
    base: c.base ?? null,
    revision: c.revision ?? null,
    fields: c.fields,
  }));
}
