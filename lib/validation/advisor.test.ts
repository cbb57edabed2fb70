import { describe, expect, it } from "vitest";
import { formDataToObject } from "@/lib/utils/form-data";
import { ZRecordDecisionForm } from "./advisor";

const ADVISOR_FIELDS: [string, string][] = [
  ["volatility", "low"],
  ["messagesPerDay", "1000"],
  ["endpointCount", "2"],
  ["latency", "minutes"],
  ["sourceCapabilities", "sync_api"],
  ["sourceFormat", "json"],
  ["targetFormats", "json"],
  ["sourceHosting", "cloud"],
  ["targetHosting", "cloud"],
  ["sourceRegion", "eu"],
  ["targetRegion", "eu"],
  ["scalability", "stable"],
];

const form = (extra: [string, string][]) => {
  const fd = new FormData();
  for (const [k, v] of [...ADVISOR_FIELDS, ...extra]) fd.append(k, v);
  return formDataToObject(fd);
};

describe("ZRecordDecisionForm", () => {
  it("reads the decision, the advisor's inputs and the overrides from one flat form", () => {
    const input = ZRecordDecisionForm.parse(
      form([
        ["interfaceId", "i1"],
        ["title", "Orders to ERP"],
        ["architecture", "event_driven"],
        ["pattern", ""],
        ["overrideReason", "The ERP team runs the broker."],
      ]),
    );
    expect(input).toMatchObject({
      interfaceId: "i1",
      title: "Orders to ERP",
      architecture: "event_driven",
      overrideReason: "The ERP team runs the broker.",
      inputs: { volatility: "low", messagesPerDay: 1000, endpointCount: 2, sourceCapabilities: ["sync_api"] },
    });
    // "" in an override select takes the recommendation.
    expect(input.pattern).toBeUndefined();
  });

  it("reports a missing title on its field", () => {
    const r = ZRecordDecisionForm.safeParse(form([["interfaceId", "i1"]]));
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["title"]);
  });
});
