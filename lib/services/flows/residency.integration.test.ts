import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase as withTestDatabase } from "@/test/db";
import type { Actor } from "@/lib/auth/actor";
import { db, transaction } from "@/lib/db";
import { ZListQuery } from "@/lib/validation/list";
import { deployFlowVersion, getFlowOrThrow, listFlows, saveFlowVersion } from ".";
import { deployVersionTx } from "./deployments";
import { searchFlowInterfaces } from "./lookups";
import { rejection } from "@/test/rejection";

withTestDatabase();
const engineer: Actor = { id: null, email: "engineer@example.com", name: "Engineer", role: "integration_engineer" };
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };

const spec = (name: string, targetUrl = "http://127.0.0.1:4100/target") => ({
  name,
  input: { use: "http", config: { path: `/${name}` } },
  outputs: [{ id: "deliver", use: "http", config: { url: targetUrl } }],
});

/** An approved normal change for prod binding the version's hash, as the CAB leaves it. */
async function approvedChange(flowId: string, version: { id: string; version: number; contentHash: string }) {
  const now = Date.now();
  return db().changeRequest.create({
    data: {
      title: "Approved for the test",
      type: "normal",
      status: "approved",
      environmentId: "env_prod",
      windowStart: new Date(now - 60_000),
      windowEnd: new Date(now + 3_600_000),
      requestedByEmail: "requester@example.com",
      items: {
        create: {
          kind: "flow",
          itemKey: "x",
          itemId: flowId,
          versionId: version.id,
          version: version.version,
          contentHash: version.contentHash,
        },
      },
    },
  });
}

let crmToUs = "";
let crmToDwh = "";

/** An ADR as the advisor records it; only the fields residency reads matter here. */
async function decide(interfaceId: string, residencyFlagged: boolean, legalBasis = "none") {
  await db().architectureDecision.updateMany({
    where: { interfaceId, status: "accepted" },
    data: { status: "superseded", supersededAt: new Date() },
  });
  return db().architectureDecision.create({
    data: {
      interfaceId,
      title: residencyFlagged ? "Customer sync to US analytics" : "Customer sync with SCCs",
      inputs: {},
      recommendation: {},
      architecture: "event_driven",
      pattern: "publish_subscribe",
      deploymentModel: "cloud",
      payloadFormat: "json",
      residencyFlagged,
      legalBasis,
      decidedByEmail: engineer.email,
    },
  });
}

beforeAll(async () => {
  const system = (name: string, region: string) =>
    db().system.create({ data: { name, type: "crm", hosting: "cloud", region, criticality: "high" } });
  const crm = await system("EU CRM", "EU (Paris)");
  const us = await system("US Analytics", "US (East)");
  const dwh = await system("EU Warehouse", "EU (Frankfurt)");
  crmToUs = (
    await db().interface.create({
      data: {
        name: "Customers to analytics",
        sourceSystemId: crm.id,
        targetSystemId: us.id,
        mechanism: "api",
        payloadFormat: "json",
        frequency: "daily",
      },
    })
  ).id;
  crmToDwh = (
    await db().interface.create({
      data: {
        name: "Customers to warehouse",
        sourceSystemId: crm.id,
        targetSystemId: dwh.id,
        mechanism: "file",
        payloadFormat: "csv",
        frequency: "daily",
      },
    })
  ).id;
});

describe("flows linked to inventory interfaces", () => {
  it("links a flow on create, flags it once the interface's current decision is flagged, and audits the link", async () => {
    const saved = await saveFlowVersion(engineer, { spec: spec("customers-to-us"), interfaceId: crmToUs }, "create");
    expect(saved.interfaceChanged).toBe(true);
    let flow = await getFlowOrThrow(viewer, saved.flowId);
    expect(flow.interface).toMatchObject({
      id: crmToUs,
      name: "Customers to analytics",
      source: "EU CRM",
      target: "US Analytics",
      decision: null,
    });
    expect(flow.isResidencyFlagged).toBe(false);

    const adr = await decide(crmToUs, true);
    flow = await getFlowOrThrow(viewer, saved.flowId);
    expect(flow.isResidencyFlagged).toBe(true);
    expect(flow.interface?.decision).toMatchObject({ id: adr.id, number: adr.number, residencyFlagged: true });

    const audit = await db().auditEntry.findFirstOrThrow({
      where: { action: "flow.interface.link", entityId: saved.flowId },
    });
    expect(audit.after).toMatchObject({ interfaceId: crmToUs, interface: "Customers to analytics" });
  });

  it("follows the current decision only: a superseding decision with a legal basis clears the flag", async () => {
    const flowId = (await db().flow.findUniqueOrThrow({ where: { name: "customers-to-us" } })).id;
    await decide(crmToUs, false, "standard_contractual_clauses");
    const flow = await getFlowOrThrow(viewer, flowId);
    expect(flow.isResidencyFlagged).toBe(false);
    expect(flow.interface?.decision).toMatchObject({
      residencyFlagged: false,
      legalBasis: "standard_contractual_clauses",
    });
    await decide(crmToUs, true);
    expect((await getFlowOrThrow(viewer, flowId)).isResidencyFlagged).toBe(true);
  });

  it("changes or removes the link on a later save even when the spec is unchanged, and leaves it alone when not given", async () => {
    const flowId = (await db().flow.findUniqueOrThrow({ where: { name: "customers-to-us" } })).id;
    const untouched = await saveFlowVersion(engineer, { flowId, spec: spec("customers-to-us") });
    expect(untouched).toMatchObject({ isNew: false, interfaceChanged: false });
    expect((await getFlowOrThrow(viewer, flowId)).interface?.id).toBe(crmToUs);

    const moved = await saveFlowVersion(engineer, { flowId, spec: spec("customers-to-us"), interfaceId: crmToDwh });
    expect(moved).toMatchObject({ isNew: false, interfaceChanged: true });
    expect((await getFlowOrThrow(viewer, flowId)).isResidencyFlagged).toBe(false);

    const unlinked = await saveFlowVersion(engineer, { flowId, spec: spec("customers-to-us"), interfaceId: "" });
    expect(unlinked.interfaceChanged).toBe(true);
    expect((await getFlowOrThrow(viewer, flowId)).interface).toBeNull();
    expect(await db().auditEntry.count({ where: { action: "flow.interface.unlink", entityId: flowId } })).toBe(1);

    const bad = await rejection(
      saveFlowVersion(engineer, { flowId, spec: spec("customers-to-us"), interfaceId: "no-such-interface" }),
    );
    expect(bad.code).toBe("VALIDATION");
    expect(bad.fieldErrors?.interfaceId).toBeDefined();
    await saveFlowVersion(engineer, { flowId, spec: spec("customers-to-us"), interfaceId: crmToUs });
  });

  it("filters the flow list by residency and shows the flag per row", async () => {
    await saveFlowVersion(engineer, { spec: spec("unlinked-flow") }, "create");
    await saveFlowVersion(engineer, { spec: spec("warehouse-flow"), interfaceId: crmToDwh }, "create");
    const names = async (residency: string) =>
      (await listFlows(viewer, ZListQuery.parse({ filters: { residency } }))).rows.map((r) => r.name).sort();
    expect(await names("flagged")).toEqual(["customers-to-us"]);
    expect(await names("clear")).toEqual(["warehouse-flow"]);
    expect(await names("unlinked")).toEqual(["unlinked-flow"]);
    const all = await listFlows(viewer, ZListQuery.parse({}));
    expect(all.rows.find((r) => r.name === "customers-to-us")).toMatchObject({
      isResidencyFlagged: true,
      interface: { id: crmToUs },
    });
    expect(all.rows.find((r) => r.name === "unlinked-flow")).toMatchObject({
      isResidencyFlagged: false,
      interface: null,
    });
  });

  it("asks for the residency acknowledgement on the direct path, which production then refuses; the CAB's approval of a change is the acknowledgement, audited", async () => {
    const flow = await db().flow.findUniqueOrThrow({ where: { name: "customers-to-us" }, include: { versions: true } });
    const version = flow.versions[0];
    const flowVersionId = version.id;

    // Outside production the flag shows but does not block; promotion goes dev → test → prod.
    await deployFlowVersion(engineer, { flowVersionId, environmentId: "env_dev" });
    await deployFlowVersion(engineer, { flowVersionId, environmentId: "env_test" });

    const refused = await rejection(deployFlowVersion(engineer, { flowVersionId, environmentId: "env_prod" }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toMatch(/ADR-\d+ flags for data residency/);
    const direct = await rejection(
      deployFlowVersion(engineer, { flowVersionId, environmentId: "env_prod", acknowledgeResidency: "true" }),
    );
    expect(direct.message).toBe("Production runs what the CAB approved: open a change request for customers-to-us v1.");
    expect(await db().deployment.count({ where: { flowId: flow.id, environmentId: "env_prod" } })).toBe(0);

    const change = await approvedChange(flow.id, version);
    const prod = await transaction((tx) =>
      deployVersionTx(tx, engineer, {
        versionId: flowVersionId,
        environmentId: "env_prod",
        changeRequestId: change.id,
      }),
    );
    expect(prod).toMatchObject({ environmentKey: "prod", isActive: true });
    expect((await db().deployment.findUniqueOrThrow({ where: { id: prod.id } })).changeRequestId).toBe(change.id);
    const audit = await db().auditEntry.findFirstOrThrow({ where: { action: "flow.deploy", entityId: prod.id } });
    expect(audit.after).toMatchObject({
      environment: "prod",
      changeRequest: `CHG-${change.number}`,
      residencyAcknowledged: {
        interface: "Customers to analytics",
        acknowledgedBy: `CAB approval of CHG-${change.number}`,
      },
    });

    // A flow that is not flagged needs no acknowledgement, but still a change.
    const clear = await db().flow.findUniqueOrThrow({ where: { name: "warehouse-flow" }, include: { versions: true } });
    const clearVersion = clear.versions[0];
    await deployFlowVersion(engineer, { flowVersionId: clearVersion.id, environmentId: "env_dev" });
    await deployFlowVersion(engineer, { flowVersionId: clearVersion.id, environmentId: "env_test" });
    const clearChange = await approvedChange(clear.id, clearVersion);
    const clearProd = await transaction((tx) =>
      deployVersionTx(tx, engineer, {
        versionId: clearVersion.id,
        environmentId: "env_prod",
        changeRequestId: clearChange.id,
      }),
    );
    const clearAudit = await db().auditEntry.findFirstOrThrow({
      where: { action: "flow.deploy", entityId: clearProd.id },
    });
    expect(clearAudit.after).not.toHaveProperty("residencyAcknowledged");
  });

  it("searches interfaces for the picker, for flow editors only, marking flagged ones", async () => {
    expect((await rejection(searchFlowInterfaces(viewer, { q: "" }))).code).toBe("FORBIDDEN");
    const all = await searchFlowInterfaces(engineer, { q: "" });
    // Ordered by source system, then target system, then name.
    expect(all).toEqual({
      options: [
        { id: crmToDwh, label: "Customers to warehouse", detail: "EU CRM → EU Warehouse", warning: undefined },
        { id: crmToUs, label: "Customers to analytics", detail: "EU CRM → US Analytics", warning: "Residency flagged" },
      ],
      total: 2,
    });
    // Every word must match the interface or one of its systems.
    const us = await searchFlowInterfaces(engineer, { q: "customers analytics" });
    expect(us.options.map((o) => o.id)).toEqual([crmToUs]);
    expect((await searchFlowInterfaces(engineer, { q: "customers", limit: 1 })).total).toBe(2);
  });
});
