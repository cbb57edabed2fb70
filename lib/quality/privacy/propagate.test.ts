import { describe, expect, it } from "vitest";
import { propagateClasses } from "./propagate";

const input = [
  { path: "customer.email", level: "confidential" as const, tags: ["PII" as const] },
  { path: "customer.card", level: "restricted" as const, tags: ["PCI" as const] },
  { path: "lines[].iban", level: "restricted" as const, tags: ["financial" as const] },
];

describe("propagateClasses", () => {
  it("follows mappings, merges derived fields and keeps body-preserving steps", () => {
    const out = propagateClasses(input, [
      { use: "filter", config: { when: "true" } },
      {
        use: "transform_jsonata",
        config: {
          expression: `{"contact": customer.email, "pay": customer.card & customer.email, "buyer": customer, "qty": 1}`,
        },
      },
    ]);
    expect(Object.fromEntries(out.map((c) => [c.path, [c.level, c.tags.join(",")]]))).toEqual({
      contact: ["confidential", "PII"],
      pay: ["restricted", "PCI,PII"],
      "buyer.email": ["confidential", "PII"],
      "buyer.card": ["restricted", "PCI"],
    });
  });

  it("stops at a mask step for the fields it masks", () => {
    const out = propagateClasses(input, [
      { use: "mask", config: { fields: [{ path: "customer.email", method: "redact" }] } },
      { use: "transform_jsonata", config: { expression: `{"contact": customer.email, "card": customer.card}` } },
    ]);
    expect(out.map((c) => c.path)).toEqual(["card"]);
  });

  it("follows a split into the elements", () => {
    expect(propagateClasses(input, [{ use: "split", config: { path: "lines" } }]).map((c) => c.path)).toEqual(["iban"]);
  });

  it("keeps what it knows through a step it cannot read", () => {
    expect(propagateClasses(input, [{ use: "transform_jsonata", config: { expression: "$sum(" } }])).toHaveLength(3);
  });

  it("follows arrays a mapping iterates and values bound to variables (the lineage graph's own analysis)", () => {
    const out = propagateClasses(input, [
      {
        use: "transform_jsonata",
        config: { expression: `($m := customer.email; {"payments": lines.{"account": iban}, "notify": $m})` },
      },
    ]);
    expect(Object.fromEntries(out.map((c) => [c.path, c.tags.join(",")]))).toEqual({
      "payments.account": "financial",
      notify: "PII",
    });
  });
});
