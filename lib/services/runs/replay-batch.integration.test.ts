import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase as withTestDatabase } from "@/test/db";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { requestReplay } from ".";
import { rejection } from "@/test/rejection";

withTestDatabase();
const engineer: Actor = { id: null, email: "engineer@example.com", name: "Engineer", role: "integration_engineer" };

/** Version ids of a flow with versions 1..count. */
async function flowWithVersions(name: string, count: number): Promise<{ flowId: string; versions: string[] }> {
  const flow = await db().flow.create({ data: { name, createdBy: "test" } });
  const versions: string[] = [];
  for (let v = 1; v <= count; v++)
    versions.push(
      (
        await db().flowVersion.create({
          data: { flowId: flow.id, version: v, spec: { v }, contentHash: `${name}-${v}`, createdBy: "test" },
        })
      ).id,
    );
  return { flowId: flow.id, versions };
}

let n = 0;
// The engine writes dead letters; the test stands in for it.
async function letter(flowId: string, flowVersionId: string): Promise<string> {
  n++;
  const d = await db().deadLetter.create({
    data: {
      flowId,
      flowVersionId,
      environmentId: "env_dev",
      messageId: `m-${n}`,
      correlationId: `c-${n}`,
      originalBody: "{}",
      failedStep: "deliver",
      error: "HTTP 503",
    },
  });
  return d.id;
}

const statuses = async (ids: string[]) =>
  (await db().deadLetter.findMany({ where: { id: { in: ids } }, select: { status: true } })).map((d) => d.status);

let orders: { flowId: string; versions: string[] };
let invoices: { flowId: string; versions: string[] };

beforeAll(async () => {
  orders = await flowWithVersions("bulk-orders", 3);
  invoices = await flowWithVersions("bulk-invoices", 2);
});

// The DLQ page's bulk replay sends one target version for every selected letter.
describe("bulk replay to a newer version", () => {
  it("replays letters that failed on different versions of one flow to a version no older than any of them", async () => {
    const ids = [await letter(orders.flowId, orders.versions[0]), await letter(orders.flowId, orders.versions[1])];
    const r = await requestReplay(engineer, { ids, targetVersionId: orders.versions[2] });
    expect(r.done.sort()).toEqual([...ids].sort());
    const rows = await db().deadLetter.findMany({ where: { id: { in: ids } } });
    for (const d of rows)
      expect(d).toMatchObject({ status: "replay_requested", replayFlowVersionId: orders.versions[2] });
    const audit = await db().auditEntry.findMany({ where: { action: "dlq.replay", entityId: { in: ids } } });
    expect(audit.map((a) => (a.after as { targetVersion: number }).targetVersion)).toEqual([3, 3]);
  });

  it("refuses the whole batch when the target is older than one letter's failed version, changing nothing", async () => {
    const ids = [await letter(orders.flowId, orders.versions[0]), await letter(orders.flowId, orders.versions[2])];
    const error = await rejection(requestReplay(engineer, { ids, targetVersionId: orders.versions[1] }));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors?.targetVersionId?.[0]).toMatch(/version 3 or newer/);
    expect(await statuses(ids)).toEqual(["pending", "pending"]);
  });

  it("refuses the whole batch when it mixes flows with one target version", async () => {
    const ids = [await letter(orders.flowId, orders.versions[0]), await letter(invoices.flowId, invoices.versions[0])];
    const error = await rejection(requestReplay(engineer, { ids, targetVersionId: orders.versions[2] }));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors?.targetVersionId?.[0]).toMatch(/version of this message's flow/);
    expect(await statuses(ids)).toEqual(["pending", "pending"]);
    // Without a target, a mixed batch replays each letter on the version it failed on.
    const r = await requestReplay(engineer, { ids });
    expect(r.done).toHaveLength(2);
    const rows = await db().deadLetter.findMany({ where: { id: { in: ids } } });
    for (const d of rows) expect(d).toMatchObject({ status: "replay_requested", replayFlowVersionId: null });
  });
});
