import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ZListQuery } from "@/lib/validation/list";
import { useTestDatabase as withTestDatabase } from "@/test/db";
import { COUNT_AHEAD, MAX_RELATED_RUNS } from "./journey";
import { getMessageJourney, listRuns } from ".";

withTestDatabase();
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };
const RUNS = COUNT_AHEAD + 30;

beforeAll(async () => {
  const flow = await db().flow.create({ data: { name: "count-ahead", createdBy: "test" } });
  const version = await db().flowVersion.create({
    data: { flowId: flow.id, version: 1, spec: {}, contentHash: "count-ahead-1", createdBy: "test" },
  });
  // The engine writes lineage; plain inserts stand in for it, one second apart.
  await db().$executeRaw`
    INSERT INTO "MessageRun" ("id", "messageId", "correlationId", "flowId", "flowVersionId", "environmentId", "status", "inputHash", "startedAt")
    SELECT 'run-' || n, 'msg-' || n, 'corr-' || n, ${flow.id}, ${version.id}, 'env_dev', 'succeeded', 'h', now() - n * interval '1 second'
    FROM generate_series(1, ${RUNS}) AS n`;
  // One message retried and replayed more often than a journey lists.
  await db().$executeRaw`
    UPDATE "MessageRun" SET "correlationId" = 'busy' WHERE "id" IN (SELECT 'run-' || n FROM generate_series(1, 60) AS n)`;
});

describe("the runs list past the count cap", () => {
  it("says the count stopped early, and pages to the last run with the count moving along", async () => {
    const first = await listRuns(viewer, ZListQuery.parse({ pageSize: 25 }));
    expect(first).toMatchObject({ total: COUNT_AHEAD, isTotalLowerBound: true });
    expect(first.rows[0].messageId).toBe("msg-1");
    // The last page the first count offers is not the end: from there the count reaches the rest.
    const lastCounted = await listRuns(viewer, ZListQuery.parse({ pageSize: 25, page: COUNT_AHEAD / 25 }));
    expect(lastCounted.isTotalLowerBound).toBe(false);
    expect(lastCounted.total).toBe(RUNS);
    const end = await listRuns(viewer, ZListQuery.parse({ pageSize: 25, page: Math.ceil(RUNS / 25) }));
    expect(end.rows.map((r) => r.messageId).at(-1)).toBe(`msg-${RUNS}`);
    expect(end).toMatchObject({ total: RUNS, isTotalLowerBound: false });
  });
});

describe("a journey with many related runs", () => {
  it("lists the first of them and says how many there are", async () => {
    const journey = await getMessageJourney(viewer, "run-1");
    expect(journey.related).toHaveLength(MAX_RELATED_RUNS);
    expect(journey.relatedTotal).toBe(59);
  });
});
