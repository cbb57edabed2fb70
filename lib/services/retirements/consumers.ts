import "server-only";
import type { Tx } from "@/lib/db";
import { consumersOf } from "../catalog";
import type { TRetirementSubject } from "./subject";

/** Who depends on the subject, as stored on the retirement and shown on its page (dates as ISO text). */
export type TRetirementConsumer = {
  name: string;
  kind: string;
  nodeId?: string;
  source: "declared" | "observed";
  detail: string;
  lastSeenAt?: string | null;
  ownerId?: string | null;
};

/** The subject's consumers, declared and observed, from the catalog's graph (live subjects only). */
export async function listConsumers(tx: Tx, subject: TRetirementSubject): Promise<TRetirementConsumer[]> {
  const consumers = await consumersOf(tx, { kind: subject.kind, id: subject.id });
  return consumers.map((c) => ({
    name: c.name,
    kind: c.kind,
    ...(c.nodeId ? { nodeId: c.nodeId } : {}),
    source: c.source,
    detail: c.detail,
    lastSeenAt: c.lastSeenAt?.toISOString() ?? null,
    ownerId: c.ownerId ?? null,
  }));
}

/** Reads the consumers stored at deprecation back, keeping only well-formed entries. */
export function storedConsumers(json: unknown): TRetirementConsumer[] {
  if (!Array.isArray(json)) return [];
  return json.filter(
    (c): c is TRetirementConsumer =>
      typeof c === "object" && c !== null && typeof (c as { name?: unknown }).name === "string",
  );
}
