import { describe, expect, it } from "vitest";
import { useTestDatabase as withTestDatabase } from "@/test/db";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { rejection } from "@/test/rejection";
import { setDataDomainClassification } from "../ownership/classification";
import { saveFlowVersion } from ".";
import { listFlowDataDomains, setFlowDataDomains } from "./data-domains";

withTestDatabase();
const engineer: Actor = { id: null, email: "engineer@example.com", name: "Engineer", role: "integration_engineer" };
const manager: Actor = { id: null, email: "admin@example.com", name: "Admin", role: "admin" };
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };

async function domain(key: string) {
  return db().dataDomain.create({ data: { key, name: key[0]!.toUpperCase() + key.slice(1) }, select: { id: true } });
}

describe("a flow's data domains and their classification", () => {
  it("replaces the set, lists it with classifications, and audits both", async () => {
    const saved = await saveFlowVersion(
      engineer,
      {
        spec: {
          name: "dd-orders",
          input: { use: "http", config: { path: "/dd-orders" } },
          outputs: [{ id: "out", use: "http", config: { url: "http://127.0.0.1:9/x" } }],
        },
      },
      "import",
    );
    const [customer, pricing, product] = await Promise.all([domain("customer"), domain("pricing"), domain("product")]);
    await setDataDomainClassification(manager, { dataDomainId: customer.id, classification: "personal" });

    await setFlowDataDomains(engineer, { flowId: saved.flowId, dataDomainIds: [customer.id, pricing.id] });
    await setFlowDataDomains(engineer, { flowId: saved.flowId, dataDomainIds: [customer.id, product.id] });
    const rows = await listFlowDataDomains(engineer, saved.flowId);
    expect(rows.map((r) => [r.key, r.classification])).toEqual([
      ["customer", "personal"],
      ["product", "internal"],
    ]);

    const audits = await db().auditEntry.findMany({
      where: { action: { in: ["flow.data_domains.set", "data_domain.classify"] } },
      orderBy: { seq: "asc" },
      select: { action: true, before: true, after: true },
    });
    expect(audits.map((a) => a.action)).toEqual([
      "data_domain.classify",
      "flow.data_domains.set",
      "flow.data_domains.set",
    ]);
    expect(audits[2]!.before).toEqual({ dataDomains: ["customer", "pricing"] });
    expect(audits[2]!.after).toEqual({ dataDomains: ["customer", "product"] });
  });

  it("refuses readers, unknown domains and classifying without ownership:manage", async () => {
    const flow = await db().flow.findFirstOrThrow({ select: { id: true } });
    expect((await rejection(setFlowDataDomains(viewer, { flowId: flow.id, dataDomainIds: [] }))).code).toBe(
      "FORBIDDEN",
    );
    const unknown = await rejection(setFlowDataDomains(engineer, { flowId: flow.id, dataDomainIds: ["nope"] }));
    expect(unknown.code).toBe("VALIDATION");
    expect(unknown.fieldErrors?.dataDomainIds).toBeTruthy();
    const d = await db().dataDomain.findFirstOrThrow({ select: { id: true } });
    expect(
      (await rejection(setDataDomainClassification(engineer, { dataDomainId: d.id, classification: "public" }))).code,
    ).toBe("FORBIDDEN");
  });
});
