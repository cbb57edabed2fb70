import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { CUSTOMER_CONFIG } from "@/lib/quality/master/customer-config";
import { useTestDatabase } from "@/test/db";
import { createMasterEntity, getMasterEntityOrThrow, ingestMasterRecord, saveMasterConfig } from ".";
import { recomputeStaleGoldenRecords } from "./recompute";

useTestDatabase();
const owner: Actor = { id: null, email: "owner@example.com", name: "Owner", role: "data_owner" };
const ada = {
  email: "ada@example.com",
  phone: "+44 20 7946 0001",
  street: "12 St James's Sq",
  city: "London",
  postalCode: "SW1Y 4JH",
};

describe("a new master configuration applied to golden records already built", () => {
  let entityId: string;
  let adaId: string;
  let otherId: string;

  beforeAll(async () => {
    entityId = (await createMasterEntity(owner, { key: "customer", name: "Customer", config: CUSTOMER_CONFIG })).id;
    const crm = { system: "crm", sourceId: "C-1", observedAt: "2026-01-01T00:00:00.000Z" };
    adaId = (await ingestMasterRecord(owner, "customer", { ...crm, attributes: { ...ada, name: "Ada Lovelace" } }))
      .goldenId;
    // Same email (a deterministic key): the shop's record joins Ada's golden record.
    const shop = { system: "shop", sourceId: "S-9", observedAt: "2026-02-01T00:00:00.000Z" };
    expect(
      (await ingestMasterRecord(owner, "customer", { ...shop, attributes: { ...ada, name: "Ada King" } })).goldenId,
    ).toBe(adaId);
    otherId = (
      await ingestMasterRecord(owner, "customer", {
        system: "crm",
        sourceId: "C-2",
        observedAt: "2026-01-05T00:00:00.000Z",
        attributes: { name: "Charles Babbage", email: "cb@example.com", city: "London" },
      })
    ).goldenId;
  });

  it("recomputes survivorship for every stale golden record, publishes what changed, and shows progress", async () => {
    const golden = () => db().masterGoldenRecord.findUniqueOrThrow({ where: { id: adaId } });
    expect(((await golden()).attributes as { name: string }).name).toBe("Ada Lovelace");
    await saveMasterConfig(owner, { entityId, config: { ...CUSTOMER_CONFIG, sourcePriority: ["shop", "crm", "erp"] } });
    expect((await getMasterEntityOrThrow(owner, "customer")).recompute).toEqual({ stale: 2, total: 2 });
    const outboxBefore = await db().masterOutbox.count({ where: { goldenId: adaId } });

    expect(await recomputeStaleGoldenRecords()).toEqual({ entities: 1, recomputed: 2, changed: 1 });
    const after = await golden();
    expect((after.attributes as { name: string }).name).toBe("Ada King");
    expect(after.configVersion).toBe(2);
    expect((after.provenance as Record<string, { system: string }>).name.system).toBe("shop");
    // Downstream hears of Ada's change only; Babbage's record had nothing to change but is up to date.
    expect(await db().masterOutbox.count({ where: { goldenId: adaId } })).toBe(outboxBefore + 1);
    expect(await db().masterOutbox.count({ where: { goldenId: otherId, change: "updated" } })).toBe(0);
    expect((await db().masterGoldenRecord.findUniqueOrThrow({ where: { id: otherId } })).configVersion).toBe(2);
    expect((await getMasterEntityOrThrow(owner, "customer")).recompute).toEqual({ stale: 0, total: 2 });
    expect(await recomputeStaleGoldenRecords()).toEqual({ entities: 0, recomputed: 0, changed: 0 });
  });

  it("stops at its budget and carries on at the next pass", async () => {
    await saveMasterConfig(owner, { entityId, config: { ...CUSTOMER_CONFIG, sourcePriority: ["crm", "shop", "erp"] } });
    expect(await recomputeStaleGoldenRecords(1)).toMatchObject({ recomputed: 1 });
    expect((await getMasterEntityOrThrow(owner, "customer")).recompute.stale).toBe(1);
    expect(await recomputeStaleGoldenRecords()).toMatchObject({ recomputed: 1 });
    expect(
      ((await db().masterGoldenRecord.findUniqueOrThrow({ where: { id: adaId } })).attributes as { name: string }).name,
    ).toBe("Ada Lovelace");
  });
});
