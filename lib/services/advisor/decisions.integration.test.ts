import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase as withTestDatabase } from "@/test/db";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TAdvisorInput } from "@/lib/validation/advisor";
import { ZListQuery } from "@/lib/validation/list";
import { getDecisionOrThrow, getInterfaceContext, listDecisions, recordDecision } from ".";

withTestDatabase();
const engineer: Actor = { id: null, email: "engineer@example.com", name: "Engineer", role: "integration_engineer" };
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };
let interfaceId = "";

const inputs: TAdvisorInput = {
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
  targetRegion: "us",
  containsPersonalData: true,
  mustStayOnPrem: false,
  legalBasis: "none",
  scalability: "stable",
};

beforeAll(async () => {
  const erp = await db().system.create({
    data: { name: "Demo ERP", type: "erp", hosting: "on_prem", region: "EU (Frankfurt)", criticality: "high" },
  });
  const crm = await db().system.create({
    data: { name: "Demo CRM", type: "crm", hosting: "cloud", region: "US East (Virginia)", criticality: "medium" },
  });
  const iface = await db().interface.create({
    data: {
      name: "Customer sync",
      sourceSystemId: erp.id,
      targetSystemId: crm.id,
      mechanism: "api",
      payloadFormat: "json",
      frequency: "real_time",
      volumePerMonth: 30_000,
    },
  });
  interfaceId = iface.id;
});

describe("architecture decisions", () => {
  it("prefills advisor inputs from the inventory", async () => {
    const ctx = await getInterfaceContext(viewer, interfaceId);
    expect(ctx.defaults).toMatchObject({
      sourceHosting: "on_prem",
      targetHosting: "cloud",
      sourceRegion: "eu",
      targetRegion: "us",
      messagesPerDay: 1000,
      latency: "seconds",
      sourceFormat: "json",
    });
  });

  it("records the recommendation with reasons, flags residency, and supersedes the earlier record", async () => {
    const first = await recordDecision(engineer, { interfaceId, title: "Customer sync architecture", inputs });
    expect(first).toMatchObject({
      architecture: "point_to_point",
      residencyFlagged: true,
      isOverride: false,
      status: "accepted",
    });
    const detail = await getDecisionOrThrow(viewer, first.id);
    expect(detail.recommendation.residency.reasons[0]).toMatch(/no legal basis/);
    expect(detail.recommendation.architecture.reasons.length).toBeGreaterThan(0);

    const second = await recordDecision(engineer, {
      interfaceId,
      title: "With SCCs",
      inputs: { ...inputs, legalBasis: "standard_contractual_clauses" },
    });
    expect(second.residencyFlagged).toBe(false);
    expect((await db().architectureDecision.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("superseded");
    const list = await listDecisions(viewer, ZListQuery.parse({ filters: { interface: interfaceId } }));
    expect(list.rows.map((r) => r.number)).toEqual([second.number, first.number]);
    expect(await db().auditEntry.count({ where: { action: "advisor.decision.record" } })).toBe(2);
  });

  it("requires a reason to override the recommendation, and the advisor:decide permission", async () => {
    const error = await recordDecision(engineer, {
      interfaceId,
      title: "Override",
      inputs,
      architecture: "event_driven",
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors?.overrideReason?.[0]).toMatch(/architecture/);
    const ok = await recordDecision(engineer, {
      interfaceId,
      title: "Override",
      inputs,
      architecture: "event_driven",
      overrideReason: "Group standard is event-driven.",
    });
    expect(ok).toMatchObject({ architecture: "event_driven", isOverride: true });
    const denied = await recordDecision(viewer, { interfaceId, title: "Nope", inputs }).catch((e: unknown) => e);
    expect((denied as AppError).code).toBe("FORBIDDEN");
  });
});
