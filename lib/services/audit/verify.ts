import "server-only";
import { db } from "@/lib/db";
import { entryHash, GENESIS_HASH } from "./hash";

export type ChainReport =
  { ok: true; checked: number } | { ok: false; checked: number; brokenSeq: string; reason: string };

const BATCH = 1000;

/** Walks the chain in order and names the first entry whose content or link does not match. */
export async function verifyAuditChain(): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let cursor: bigint | undefined;
  let checked = 0;
  for (;;) {
    const rows = await db().auditEntry.findMany({
      where: cursor === undefined ? {} : { seq: { gt: cursor } },
      orderBy: { seq: "asc" },
      take: BATCH,
    });
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return {
          ok: false,
          checked,
          brokenSeq: row.seq.toString(),
          reason: "its link to the previous entry does not match (an entry before it was removed or changed)",
        };
      }
      const expected = entryHash(prevHash, {
        at: row.at,
        actorId: row.actorId,
        actorEmail: row.actorEmail,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        before: row.before,
        after: row.after,
      });
      if (expected !== row.hash) {
        return {
          ok: false,
          checked,
          brokenSeq: row.seq.toString(),
          reason: "its content no longer matches its hash (the row was edited)",
        };
      }
      prevHash = row.hash;
      checked++;
    }
    if (rows.length < BATCH) return { ok: true, checked };
    cursor = rows[rows.length - 1].seq;
  }
}
