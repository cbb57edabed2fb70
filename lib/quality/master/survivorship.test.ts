import { describe, expect, it } from "vitest";
import type { TMasterRecord } from "./config";
import { computeGolden } from "./survivorship";
import { CUSTOMER_CONFIG as config } from "./customer-config";

const records: TMasterRecord[] = [
  {
    id: "r-crm",
    system: "crm",
    sourceId: "C-1",
    observedAt: "2026-03-01T00:00:00.000Z",
    attributes: {
      name: "Ann Smith",
      email: "ann@crm.example",
      phone: "111",
      street: "12 Main St",
      city: "Berlin-Mitte",
    },
  },
  {
    id: "r-erp",
    system: "erp",
    sourceId: "E-9",
    observedAt: "2026-05-01T00:00:00.000Z",
    attributes: {
      name: "SMITH ANN",
      email: "ann@erp.example",
      phone: "222",
      street: "12 Main Street, 2nd floor",
      city: "Berlin",
    },
  },
  {
    id: "r-shop",
    system: "shop",
    sourceId: "S-4",
    observedAt: "2026-04-01T00:00:00.000Z",
    attributes: {
      name: "Annie S",
      email: "",
      phone: "333",
      street: "12 Main Street",
      city: "Berlin",
      postalCode: "10115",
    },
  },
];

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe("computeGolden", () => {
  it("applies each attribute's rule and records provenance", () => {
    const g = computeGolden(config, records);
    expect(g.attributes).toEqual({
      name: "Ann Smith", // source priority: crm first
      email: "ann@crm.example", // trusted source: crm
      phone: "222", // most recent: erp (May)
      street: "12 Main Street, 2nd floor", // most complete
      city: "Berlin", // attribute priority: erp first
      postalCode: "10115", // only the shop has one
    });
    expect(g.provenance.phone).toEqual({
      system: "erp",
      sourceRecordId: "r-erp",
      sourceId: "E-9",
      rule: "most_recent",
      observedAt: "2026-05-01T00:00:00.000Z",
    });
    expect(g.provenance.postalCode).toMatchObject({ system: "shop", rule: "source_priority" });
  });

  it("falls back to source priority when the trusted system has no value", () => {
    const g = computeGolden(
      config,
      records.filter((r) => r.system !== "crm"),
    );
    expect(g.provenance.email).toMatchObject({ system: "erp", rule: "source_priority" });
  });

  it("gives the same result for every arrival order", () => {
    const expected = computeGolden(config, records);
    for (let seed = 1; seed <= 20; seed++) expect(computeGolden(config, shuffled(records, seed))).toEqual(expected);
  });

  it("breaks ties deterministically when two records of one system are equally recent", () => {
    const twins: TMasterRecord[] = [
      { ...records[0], id: "x2", sourceId: "C-2", attributes: { name: "B" } },
      { ...records[0], id: "x1", sourceId: "C-1", attributes: { name: "A" } },
    ];
    expect(computeGolden(config, twins).attributes.name).toBe("A");
    expect(computeGolden(config, [...twins].reverse()).attributes.name).toBe("A");
  });
});
