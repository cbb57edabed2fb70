import { describe, expect, it } from "vitest";
import type { TMasterRecord } from "./config";
import { blockingKeys, decideMatch, scorePair } from "./match";
import { CUSTOMER_CONFIG as config } from "./customer-config";

const rec = (id: string, attributes: Record<string, unknown>, system = "crm"): TMasterRecord => ({
  id,
  system,
  sourceId: id,
  attributes,
  observedAt: "2026-01-01T00:00:00.000Z",
});

const ann = rec("a", {
  name: "Ann Smith",
  email: "ann@example.com",
  street: "12 Main Street",
  postalCode: "10115",
  city: "Berlin",
});

describe("blocking keys", () => {
  it("files a record under its deterministic keys and blocking prefixes", () => {
    expect(blockingKeys(config, { attributes: { ...ann.attributes, phone: "+49 30 1234567" } })).toEqual([
      "block:name=ann",
      "block:name=smi",
      "block:postalCode=10115",
      "key:email=ann@example.com",
      "key:phone=9301234567",
    ]);
  });

  it("leaves out keys whose attributes are missing", () => {
    expect(blockingKeys(config, { attributes: { name: "Bo" } })).toEqual(["block:name=bo"]);
  });
});

describe("scorePair", () => {
  it("an equal deterministic key is a certain match, whatever else differs", () => {
    const other = rec("b", { name: "A. Smyth", email: " ANN@example.com" }, "erp");
    expect(scorePair(config, ann, other)).toMatchObject({ score: 1, rule: "key:email" });
  });

  it("a typo in the name and an abbreviated street still score high", () => {
    const other = rec("b", { name: "Anne Smith", street: "12 Main St", postalCode: "10115", city: "Berlin" });
    const s = scorePair(config, ann, other);
    expect(s.rule).toBe("fuzzy");
    expect(s.score).toBeGreaterThan(config.matchThreshold);
  });

  it("a similar name alone is not enough", () => {
    const s = scorePair(config, ann, rec("b", { name: "Ann Smith" }));
    expect(s.score).toBeLessThan(config.reviewThreshold);
  });

  it("different people at different addresses score low", () => {
    const s = scorePair(
      config,
      ann,
      rec("b", { name: "Carl Jones", street: "9 Elm Road", postalCode: "20095", city: "Hamburg" }),
    );
    expect(s.score).toBeLessThan(0.6);
  });
});

describe("decideMatch", () => {
  const twin = { goldenId: "g2", records: [rec("c", { ...ann.attributes, email: "ann.smith@example.com" })] };

  it("links to the best candidate above the match threshold, ties broken by golden id", () => {
    const first = { goldenId: "g1", records: [rec("b", { email: "ann@example.com" })] };
    const d = decideMatch(config, ann, [twin, first]);
    expect(d).toMatchObject({ kind: "match", goldenId: "g1", rule: "key:email" });
    expect(decideMatch(config, ann, [first, twin])).toEqual(d);
  });

  it("candidates a steward rejected are skipped", () => {
    expect(
      decideMatch(
        config,
        ann,
        [{ goldenId: "g1", records: [rec("b", { email: "ann@example.com" })] }],
        new Set(["g1"]),
      ),
    ).toEqual({
      kind: "new",
      reviews: [],
    });
  });

  it("a score in the review band creates a new golden record with a review", () => {
    const maybe = {
      goldenId: "g3",
      records: [rec("d", { name: "Ann Smith", street: "14 Main Street", postalCode: "10117", city: "Berlin" })],
    };
    const d = decideMatch(config, ann, [maybe]);
    expect(d.kind).toBe("new");
    if (d.kind !== "new") return;
    expect(d.reviews.map((r) => r.goldenId)).toEqual(["g3"]);
    expect(d.reviews[0].score).toBeGreaterThanOrEqual(config.reviewThreshold);
    expect(d.reviews[0].score).toBeLessThan(config.matchThreshold);
  });
});
