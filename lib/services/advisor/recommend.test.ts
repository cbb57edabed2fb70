import { describe, expect, it } from "vitest";
import { ZAdvisorInput, type TAdvisorInput } from "@/lib/validation/advisor";
import { assessResidency, pick, recommendArchitecture } from "./recommend";

const base: TAdvisorInput = {
  volatility: "low",
  messagesPerDay: 500,
  endpointCount: 2,
  latency: "seconds",
  sourceCapabilities: ["sync_api"],
  sourceFormat: "json",
  targetFormats: ["json"],
  sourceHosting: "cloud",
  targetHosting: "cloud",
  sourceRegion: "eu",
  targetRegion: "eu",
  containsPersonalData: false,
  mustStayOnPrem: false,
  legalBasis: "none",
  scalability: "stable",
};
const advise = (over: Partial<TAdvisorInput>) => recommendArchitecture({ ...base, ...over });

describe("pick", () => {
  it("breaks ties toward the first (simplest) option and explains an empty win", () => {
    const r = pick(["a", "b"] as const, []);
    expect(r.choice).toBe("a");
    expect(r.reasons[0]).toMatch(/simplest/);
  });
  it("lists the reasons for and against each option", () => {
    const r = pick(["a", "b"] as const, [
      { when: true, option: "b", points: 2, reason: "b is good" },
      { when: true, option: "a", points: -1, reason: "a is bad" },
      { when: false, option: "a", points: 9, reason: "not applied" },
    ]);
    expect(r.choice).toBe("b");
    expect(r.reasons).toEqual(["b is good"]);
    expect(r.considered.find((c) => c.option === "a")).toMatchObject({ score: -1, against: ["a is bad"] });
  });
});

describe("recommendArchitecture", () => {
  it("recommends point-to-point request-response in the cloud with JSON for a small, stable two-system link", () => {
    const a = advise({});
    expect(a.architecture.choice).toBe("point_to_point");
    expect(a.pattern.choice).toBe("request_response");
    expect(a.deploymentModel.choice).toBe("cloud");
    expect(a.payloadFormat.choice).toBe("json");
    for (const r of [a.architecture, a.pattern, a.deploymentModel, a.payloadFormat])
      expect(r.reasons.length).toBeGreaterThan(0);
  });

  it("recommends hub-and-spoke when several volatile systems need transformation at moderate volume", () => {
    const a = advise({
      endpointCount: 5,
      volatility: "medium",
      sourceFormat: "xml",
      targetFormats: ["json"],
      latency: "minutes",
      messagesPerDay: 20_000,
    });
    expect(a.architecture.choice).toBe("hub_and_spoke");
    expect(a.architecture.reasons.join(" ")).toMatch(/5 endpoints/);
    const p2p = a.architecture.considered.find((c) => c.option === "point_to_point");
    expect(p2p?.against.join(" ")).toMatch(/10 direct links/);
  });

  it("recommends event-driven publish-subscribe for high, spiky volume from a source that emits events", () => {
    const a = advise({
      messagesPerDay: 2_000_000,
      scalability: "spiky",
      sourceCapabilities: ["event_stream"],
      endpointCount: 4,
      volatility: "high",
    });
    expect(a.architecture.choice).toBe("event_driven");
    expect(a.pattern.choice).toBe("publish_subscribe");
    expect(a.architecture.reasons.join(" ")).toMatch(/2,000,000 messages a day/);
  });

  it("recommends polling when the source can only export files", () => {
    const a = advise({ sourceCapabilities: ["file_export"], latency: "batch" });
    expect(a.pattern.choice).toBe("polling");
    expect(a.pattern.reasons.join(" ")).toMatch(/cannot push/);
  });

  it("never recommends polling for sub-second needs when a synchronous API exists", () => {
    const a = advise({ latency: "sub_second", sourceCapabilities: ["sync_api", "database_access"] });
    expect(a.pattern.choice).toBe("request_response");
  });

  it("keeps the engine on-premises when the data must stay there, even for cloud systems", () => {
    const a = advise({ mustStayOnPrem: true, scalability: "spiky" });
    expect(a.deploymentModel.choice).toBe("on_prem");
    expect(a.deploymentModel.reasons[0]).toMatch(/own data centre/);
  });

  it("recommends hybrid when the systems span on-premises and cloud", () => {
    expect(advise({ sourceHosting: "on_prem", targetHosting: "cloud" }).deploymentModel.choice).toBe("hybrid");
    expect(advise({ sourceHosting: "on_prem", targetHosting: "on_prem" }).deploymentModel.choice).toBe("on_prem");
  });

  it("only picks a payload format the recipient accepts", () => {
    const a = advise({ sourceFormat: "json", targetFormats: ["xml"] });
    expect(a.payloadFormat.choice).toBe("xml");
    expect(a.payloadFormat.reasons[0]).toMatch(/only format/);
    const edi = advise({ sourceCapabilities: ["edi"], sourceFormat: "edi_x12", targetFormats: ["edi_x12", "json"] });
    expect(edi.payloadFormat.choice).toBe("edi_x12");
  });
});

describe("assessResidency", () => {
  const eu = { containsPersonalData: true, sourceRegion: "eu", targetRegion: "us", legalBasis: "none" } as const;
  it("flags EU personal data going to a non-EU target without a legal basis", () => {
    const r = assessResidency(eu);
    expect(r.flagged).toBe(true);
    expect(r.reasons[0]).toMatch(/United States/);
  });
  it("does not flag once a legal basis is recorded, and says which", () => {
    const r = assessResidency({ ...eu, legalBasis: "standard_contractual_clauses" });
    expect(r.flagged).toBe(false);
    expect(r.reasons[0]).toMatch(/Standard contractual clauses/);
  });
  it("does not flag data that stays in the EU, is not personal, or does not originate in the EU", () => {
    expect(assessResidency({ ...eu, targetRegion: "eu" }).flagged).toBe(false);
    expect(assessResidency({ ...eu, containsPersonalData: false }).flagged).toBe(false);
    expect(assessResidency({ ...eu, sourceRegion: "us", targetRegion: "apac" }).flagged).toBe(false);
  });
  it("is part of the full advice", () => {
    expect(advise({ containsPersonalData: true, targetRegion: "apac" }).residency.flagged).toBe(true);
  });
});

describe("ZAdvisorInput", () => {
  it("accepts form data shapes (single checkbox value, 'on' booleans, numeric strings)", () => {
    const parsed = ZAdvisorInput.parse({
      ...base,
      messagesPerDay: "1200",
      endpointCount: "3",
      sourceCapabilities: "webhooks",
      targetFormats: "xml",
      containsPersonalData: "on",
      mustStayOnPrem: undefined,
    });
    expect(parsed).toMatchObject({
      messagesPerDay: 1200,
      endpointCount: 3,
      sourceCapabilities: ["webhooks"],
      targetFormats: ["xml"],
      containsPersonalData: true,
      mustStayOnPrem: false,
    });
  });
  it("names the field that is wrong", () => {
    const r = ZAdvisorInput.safeParse({ ...base, endpointCount: 1, sourceCapabilities: [] });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["endpointCount", "sourceCapabilities"]));
  });
});
