import { describe, expect, it } from "vitest";
import { createMessage } from "@/lib/engine/core/message";
import type { MasterDataDeps, TSourceRecord } from "@/lib/engine/core/quality/master-data";
import { createRegistry } from "../index";
import { configTable } from "../shared/config-table";

const valid = { entity: "customer", system: "crm", sourceId: "id", attributes: { name: "fullName" } };

function fakeMasterData(change: "created" | "unchanged") {
  const seen: TSourceRecord[] = [];
  const deps: MasterDataDeps = {
    async ingest(record) {
      seen.push(record);
      return { entity: record.entity, goldenId: "g1", change, attributes: record.attributes, version: 1 };
    },
    exists: async () => false,
  };
  return { seen, deps };
}

describe("golden_record", () => {
  configTable("processor", "golden_record", [
    ["valid", valid, "ok"],
    ["observedAt", { ...valid, observedAt: "updatedAt" }, "ok"],
    ["no attributes", { ...valid, attributes: {} }, "at least one attribute"],
    ["bad entity", { ...valid, entity: "Customer X" }, "entity"],
    ["bad JSONata", { ...valid, sourceId: "id +" }, "invalid JSONata"],
    ["unknown field", { ...valid, other: 1 }, "other"],
  ]);

  it("sends the mapped source record and emits the change as the body", async () => {
    const { seen, deps } = fakeMasterData("created");
    const p = createRegistry().build(
      "processor",
      "golden_record",
      { ...valid, observedAt: "changed", attributes: { name: "fullName", email: "mail" } },
      { masterData: deps },
    );
    const out = await p.process(
      createMessage({ body: { id: 7, fullName: "Ann", changed: "2026-02-01T10:00:00Z" } }),
      new AbortController().signal,
    );
    expect(seen).toEqual([
      {
        entity: "customer",
        system: "crm",
        sourceId: "7",
        attributes: { name: "Ann", email: null },
        observedAt: "2026-02-01T10:00:00.000Z",
      },
    ]);
    expect(out).toHaveLength(1);
    expect(out[0].body).toMatchObject({ entity: "customer", goldenId: "g1", change: "created", version: 1 });
  });

  it("filters an unchanged golden record", async () => {
    const p = createRegistry().build("processor", "golden_record", valid, {
      masterData: fakeMasterData("unchanged").deps,
    });
    expect(await p.process(createMessage({ body: { id: 1, fullName: "A" } }), new AbortController().signal)).toEqual(
      [],
    );
  });

  it("fails the message without a source id or a readable observedAt", async () => {
    const { deps } = fakeMasterData("created");
    const p = createRegistry().build(
      "processor",
      "golden_record",
      { ...valid, observedAt: "'yesterday'" },
      { masterData: deps },
    );
    await expect(p.process(createMessage({ body: { fullName: "A" } }), new AbortController().signal)).rejects.toThrow(
      /sourceId/,
    );
    await expect(p.process(createMessage({ body: { id: 1 } }), new AbortController().signal)).rejects.toThrow(
      /observedAt/,
    );
  });
});
