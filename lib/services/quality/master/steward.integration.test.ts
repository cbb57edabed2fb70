import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { CUSTOMER_CONFIG } from "@/lib/quality/master/customer-config";
import { useTestDatabase } from "@/test/db";
import { rejection } from "@/test/rejection";
import {
  createMasterEntity,
  findReviewItems,
  getGoldenRecordOrThrow,
  getMasterEntityOrThrow,
  ingestMasterRecord,
  mergeReviewItem,
  rejectReviewItem,
  saveMasterConfig,
  undoMasterHistory,
} from ".";

useTestDatabase();
const owner: Actor = { id: null, email: "owner@example.com", name: "Owner", role: "data_owner" };
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };
const listQuery = { page: 1, pageSize: 25, q: "", dir: "asc" as const, filters: {} };

const dana = {
  name: "Dana Kowalski",
  email: "dana.k@mail.example",
  phone: "+1 555 040 0400",
  street: "301 Birch Lane",
  city: "Columbus",
  postalCode: "43004",
};
const danaShop = {
  ...dana,
  name: "Dana Kowalsky",
  email: "dk@shop.example",
  phone: "+1 555 040 0411",
  street: "301 Birch Ln",
  postalCode: "43085",
};

describe("golden-record stewardship", () => {
  let entityId: string;

  beforeAll(async () => {
    entityId = (await createMasterEntity(owner, { key: "customer", name: "Customer", config: CUSTOMER_CONFIG })).id;
  });

  it("versions the configuration by content: the same content saves nothing, a change is the next version", async () => {
    expect(await saveMasterConfig(owner, { entityId, config: CUSTOMER_CONFIG })).toMatchObject({
      version: 1,
      isNew: false,
    });
    const changed = { ...CUSTOMER_CONFIG, reviewThreshold: 0.7 };
    expect(await saveMasterConfig(owner, { entityId, config: changed, note: "wider review band" })).toMatchObject({
      version: 2,
      isNew: true,
    });
    expect((await getMasterEntityOrThrow(owner, "customer")).config.reviewThreshold).toBe(0.7);
    expect(await rejection(saveMasterConfig(viewer, { entityId, config: CUSTOMER_CONFIG }))).toMatchObject({
      code: "FORBIDDEN",
    });
    const invalid = { ...CUSTOMER_CONFIG, reviewThreshold: 0.95 };
    await expect(saveMasterConfig(owner, { entityId, config: invalid })).rejects.toThrow(/review threshold/);
    await saveMasterConfig(owner, { entityId, config: CUSTOMER_CONFIG });
  });

  it("a pair in the review band waits for a steward; a merge joins them, is audited, published and reversible", async () => {
    const first = await ingestMasterRecord(owner, "customer", {
      system: "crm",
      sourceId: "C-1",
      observedAt: "2026-01-01T00:00:00.000Z",
      attributes: dana,
    });
    const second = await ingestMasterRecord(owner, "customer", {
      system: "shop",
      sourceId: "S-1",
      observedAt: "2026-02-01T00:00:00.000Z",
      attributes: danaShop,
    });
    expect(first.change).toBe("created");
    expect(second.change).toBe("pending_review");
    expect(second.goldenId).not.toBe(first.goldenId);

    const queue = await findReviewItems(owner, listQuery);
    expect(queue.rows).toHaveLength(1);
    expect(queue.rows[0]).toMatchObject({
      candidateGoldenId: first.goldenId,
      sourceRecord: { system: "shop", sourceId: "S-1" },
    });
    expect(await rejection(mergeReviewItem(viewer, { reviewItemId: queue.rows[0].id }))).toMatchObject({
      code: "FORBIDDEN",
    });

    await mergeReviewItem(owner, { reviewItemId: queue.rows[0].id });
    const merged = await getGoldenRecordOrThrow(owner, first.goldenId);
    expect(merged.sources.map((s) => s.sourceId)).toEqual(["C-1", "S-1"]);
    expect(merged.provenance.phone).toMatchObject({ system: "shop", rule: "most_recent" });
    expect(merged.attributes.phone).toBe(danaShop.phone);
    expect((await getGoldenRecordOrThrow(owner, second.goldenId)).status).toBe("merged");
    expect(await rejection(mergeReviewItem(owner, { reviewItemId: queue.rows[0].id }))).toMatchObject({
      code: "CONFLICT",
    });
    const outbox = await db().masterOutbox.findMany({
      where: { goldenId: { in: [first.goldenId, second.goldenId] } },
      orderBy: { id: "asc" },
    });
    expect(outbox.map((o) => o.change).slice(-2)).toEqual(["merged", "merged"]);
    expect(await db().auditEntry.count({ where: { action: "quality.master.merge", entityId: first.goldenId } })).toBe(
      1,
    );

    const mergeEntry = merged.history.find((h) => h.action === "merge")!;
    await undoMasterHistory(owner, { historyId: mergeEntry.id });
    const restored = await getGoldenRecordOrThrow(owner, first.goldenId);
    expect(restored.sources.map((s) => s.sourceId)).toEqual(["C-1"]);
    expect(restored.attributes.phone).toBe(dana.phone);
    const home = await getGoldenRecordOrThrow(owner, second.goldenId);
    expect(home).toMatchObject({ status: "active", sourceCount: 1 });
    expect(restored.history.find((h) => h.id === mergeEntry.id)?.undoneBy).toBeTruthy();
    expect(await rejection(undoMasterHistory(owner, { historyId: mergeEntry.id }))).toMatchObject({ code: "CONFLICT" });
    expect(await db().auditEntry.count({ where: { action: "quality.master.unmerge", entityId: first.goldenId } })).toBe(
      1,
    );
  });

  it("not a match closes the pair; reopening puts it back in the queue", async () => {
    await ingestMasterRecord(owner, "customer", {
      system: "erp",
      sourceId: "E-1",
      observedAt: "2026-03-01T00:00:00.000Z",
      attributes: {
        ...dana,
        name: "D. Kowalski",
        email: "dkowalski@erp.example",
        phone: "+1 555 040 0999",
        street: "305 Birch Lane",
      },
    });
    const open = await findReviewItems(owner, { ...listQuery, q: "E-1" });
    expect(open.rows.length).toBeGreaterThan(0);
    const item = open.rows[0];
    await rejectReviewItem(owner, { reviewItemId: item.id });
    expect((await findReviewItems(owner, { ...listQuery, q: "E-1" })).rows.map((r) => r.id)).not.toContain(item.id);
    expect(
      (await findReviewItems(owner, { ...listQuery, q: "E-1", filters: { status: "rejected" } })).rows.map((r) => r.id),
    ).toContain(item.id);
    const candidate = await getGoldenRecordOrThrow(owner, item.candidateGoldenId);
    const reject = candidate.history.find((h) => h.action === "reject" && h.details.reviewItemId === item.id)!;
    await undoMasterHistory(owner, { historyId: reject.id });
    expect((await findReviewItems(owner, { ...listQuery, q: "E-1" })).rows.map((r) => r.id)).toContain(item.id);
  });
});
