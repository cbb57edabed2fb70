import { describe, expect, it } from "vitest";
import { hashApiKey } from "@/lib/apis/keys";
import { systemActor, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { ZListQuery } from "@/lib/validation/list";
import { useTestDatabase } from "@/test/db";
import {
  createApiConsumer,
  getApiConsumerOrThrow,
  listApiConsumers,
  rotateApiConsumerCallbackSecret,
  setApiConsumerDisabled,
  updateApiConsumer,
} from "./consumers";
import { issueApiKey, listApiVersionOptions, registerDemoApiKey, revokeApiKey } from "./keys";
import { createApiPlan, deleteApiPlan, listApiPlans, updateApiPlan } from "./plans";

useTestDatabase();
const admin = systemActor("test");
const engineer: Actor = { id: null, email: "eng@example.com", name: "E", role: "integration_engineer" };
const viewer: Actor = { id: null, email: "viewer@example.com", name: "V", role: "viewer" };
const bronze = { key: "bronze", name: "Bronze", ratePerSecond: 10, burst: 20, perDay: 1000 };

async function seedVersions(): Promise<{ v1: string; v2: string }> {
  const product = await db().apiProduct.create({ data: { key: "orders", name: "Orders", createdBy: "test" } });
  const v1 = await db().apiVersion.create({ data: { productId: product.id, major: 1, lifecycle: "published" } });
  const v2 = await db().apiVersion.create({ data: { productId: product.id, major: 2 } });
  return { v1: v1.id, v2: v2.id };
}

async function auditActions(entityId: string): Promise<{ action: string; text: string }[]> {
  const rows = await db().auditEntry.findMany({ where: { entityId }, orderBy: { seq: "asc" } });
  return rows.map((r) => ({ action: r.action, text: dump([r.before, r.after]) }));
}

/** Every value as text (audit sequence numbers are bigints), to search it for a secret. */
const dump = (value: unknown) => JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v));

describe("API plans, consumers and keys", () => {
  it("validates plans, lists what they allow, and refuses to delete a plan in use", async () => {
    await expect(createApiPlan(engineer, { ...bronze, burst: null })).rejects.toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: ["burst"] })]),
    });
    await expect(createApiPlan(viewer, bronze)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const plan = await createApiPlan(engineer, bronze);
    expect(plan.allows).toBe("10 req/s, bursts of 20; 1,000 per day");
    await expect(createApiPlan(engineer, bronze)).rejects.toMatchObject({ code: "CONFLICT" });
    const gold = await updateApiPlan(engineer, { ...bronze, id: plan.id, name: "Bronze+", perMonth: 20000 });
    expect(gold.allows).toBe("10 req/s, bursts of 20; 1,000 per day, 20,000 per month");
    expect((await listApiPlans(viewer)).map((p) => p.name)).toEqual(["Bronze+"]);

    const consumer = await createApiConsumer(engineer, { key: "crm", name: "CRM", planId: plan.id });
    await expect(deleteApiPlan(engineer, { id: plan.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/plan of 1 consumer/),
    });
    // Disabling does not free the plan: the consumer could be enabled again.
    await setApiConsumerDisabled(engineer, { id: consumer.id, disabled: true });
    await expect(deleteApiPlan(engineer, { id: plan.id })).rejects.toMatchObject({ code: "CONFLICT" });
    await db().apiConsumer.delete({ where: { id: consumer.id } });
    await deleteApiPlan(engineer, { id: plan.id });
    expect(await listApiPlans(viewer)).toEqual([]);
  });

  it("issues a key whose secret is returned once and stored only as its hash, scoped to versions", async () => {
    const { v1, v2 } = await seedVersions();
    const plan = await createApiPlan(admin, { ...bronze, key: "b2" });
    const { id: consumerId } = await createApiConsumer(engineer, {
      key: "partner-portal",
      name: "Partner portal",
      contactEmail: "api@partner.example",
      planId: plan.id,
      latencyToleranceMs: 2000,
      jwtSubjects: "svc-partner",
    });
    expect((await listApiVersionOptions(viewer)).map((o) => o.label)).toEqual(["Orders v1", "Orders v2"]);

    await expect(issueApiKey(viewer, { consumerId, environment: "dev", apiVersionIds: [v1] })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(issueApiKey(engineer, { consumerId, environment: "dev", apiVersionIds: [] })).rejects.toThrow();
    await expect(
      issueApiKey(engineer, { consumerId, environment: "dev", apiVersionIds: ["nope"] }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(
      issueApiKey(engineer, { consumerId, environment: "dev", apiVersionIds: [v1], expiresAt: "2000-01-01" }),
    ).rejects.toMatchObject({ code: "VALIDATION" });

    const issued = await issueApiKey(engineer, { consumerId, environment: "test", apiVersionIds: [v1], label: "ci" });
    expect(issued.secret).toMatch(/^sb_test_[0-9A-Za-z]{40}$/);
    expect(issued.secret.startsWith(issued.prefix)).toBe(true);
    const stored = await db().apiKey.findUniqueOrThrow({ where: { id: issued.id }, include: { scopes: true } });
    expect(stored.hash).toBe(hashApiKey(issued.secret));
    expect(stored.scopes.map((s) => s.apiVersionId)).toEqual([v1]);
    // The secret is nowhere in the database: not in the key row, not in the audit trail.
    const everything = dump([stored, await db().auditEntry.findMany(), await db().apiConsumer.findMany()]);
    expect(everything).not.toContain(issued.secret);
    expect(everything).not.toContain(issued.secret.slice(issued.prefix.length));
    expect(await auditActions(issued.id)).toEqual([
      { action: "api.key.issue", text: expect.stringContaining(issued.prefix) },
    ]);

    const both = await issueApiKey(engineer, { consumerId, environment: "prod", apiVersionIds: [v1, v2, v1] });
    const detail = await getApiConsumerOrThrow(viewer, consumerId);
    expect(detail.keys.map((k) => [k.prefix, k.environment, k.scopes.map((s) => s.label), k.status])).toEqual([
      [both.prefix, "prod", ["Orders v1", "Orders v2"], "active"],
      [issued.prefix, "test", ["Orders v1"], "active"],
    ]);
    expect(detail.keys[0]).not.toHaveProperty("hash");
    expect(detail.jwtSubjects).toEqual(["svc-partner"]);
    expect(detail.planAllows).toBe("10 req/s, bursts of 20; 1,000 per day");
    // The callback secret shows to key managers only.
    expect(detail.callbackSecret).toBeNull();
    const managed = await getApiConsumerOrThrow(engineer, consumerId);
    expect(managed.callbackSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const { callbackSecret } = await rotateApiConsumerCallbackSecret(engineer, { id: consumerId });
    expect(callbackSecret).not.toBe(managed.callbackSecret);
    expect((await getApiConsumerOrThrow(engineer, consumerId)).callbackSecret).toBe(callbackSecret);
    expect(dump(await db().auditEntry.findMany())).not.toContain(callbackSecret);
  });

  it("revokes a key once, records who and when, and keeps it listed as revoked", async () => {
    const version = await db().apiVersion.findFirstOrThrow({ where: { major: 1 } });
    const plan = await createApiPlan(admin, { ...bronze, key: "b3" });
    const { id: consumerId } = await createApiConsumer(admin, { key: "crm-3", name: "CRM 3", planId: plan.id });
    const key = await issueApiKey(admin, { consumerId, environment: "dev", apiVersionIds: [version.id] });
    await expect(revokeApiKey(viewer, { id: key.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const at = new Date("2026-12-02T10:00:00Z");
    const user = await db().user.create({
      data: { email: "iris@example.com", name: "Iris", passwordHash: "x", role: "integration_engineer" },
    });
    const iris: Actor = { id: user.id, email: user.email, name: user.name, role: "integration_engineer" };
    await revokeApiKey(iris, { id: key.id }, at);
    await expect(revokeApiKey(engineer, { id: key.id })).rejects.toMatchObject({ code: "CONFLICT" });
    const stored = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.revokedAt).toEqual(at);
    expect(stored.revokedBy).toBe(user.id);
    const detail = await getApiConsumerOrThrow(viewer, consumerId);
    // People read who revoked it by email; a system actor's name shows as stored.
    expect(detail.keys.map((k) => [k.prefix, k.status, k.revokedAt, k.revokedBy, k.createdBy])).toEqual([
      [key.prefix, "revoked", at.toISOString(), "iris@example.com", admin.email],
    ]);
    expect(detail.activeKeyCount).toBe(0);
    expect((await auditActions(key.id)).map((a) => a.action)).toEqual(["api.key.issue", "api.key.revoke"]);

    // A disabled consumer gets no new keys.
    await setApiConsumerDisabled(admin, { id: consumerId, disabled: true });
    await expect(
      issueApiKey(admin, { consumerId, environment: "dev", apiVersionIds: [version.id] }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("registers the seed's fixed demo key only for its own environment, stored hashed like any other", async () => {
    const version = await db().apiVersion.findFirstOrThrow({ where: { major: 2 } });
    const plan = await createApiPlan(admin, { ...bronze, key: "b5" });
    const { id: consumerId } = await createApiConsumer(admin, { key: "demo", name: "Demo", planId: plan.id });
    const secret = "sb_dev_DemoOnlyPartnerPortalKeyNotForProduction";
    const input = { consumerId, apiVersionIds: [version.id] };
    await expect(registerDemoApiKey(admin, { ...input, environment: "prod" }, secret)).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(registerDemoApiKey(admin, { ...input, environment: "dev" }, "sb_dev_short")).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(registerDemoApiKey(viewer, { ...input, environment: "dev" }, secret)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const key = await registerDemoApiKey(admin, { ...input, environment: "dev" }, secret);
    expect(key.prefix).toBe("sb_dev_DemoOnly");
    const stored = await db().apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(stored.hash).toBe(hashApiKey(secret));
  });

  it("lists consumers with search, filters and pages, and keeps JWT subjects unique", async () => {
    const plan = await createApiPlan(admin, { ...bronze, key: "b4" });
    const system = await db().system.create({
      data: { name: "Salesforce", type: "crm", hosting: "cloud", criticality: "high" },
    });
    const a = await createApiConsumer(admin, {
      key: "sales-app",
      name: "Sales app",
      planId: plan.id,
      systemId: system.id,
      jwtSubjects: ["svc-sales"],
    });
    await expect(
      createApiConsumer(admin, { key: "other", name: "Other", planId: plan.id, jwtSubjects: ["svc-sales"] }),
    ).rejects.toMatchObject({ code: "CONFLICT", fieldErrors: { jwtSubjects: [expect.any(String)] } });
    await expect(createApiConsumer(admin, { key: "sales-app", name: "Dup", planId: plan.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    const found = await listApiConsumers(viewer, ZListQuery.parse({ q: "salesforce" }));
    expect(found.rows.map((r) => r.key)).toEqual(["sales-app"]);
    expect(found.rows[0].system).toEqual({ id: system.id, name: "Salesforce" });
    const disabled = await listApiConsumers(viewer, ZListQuery.parse({ filters: { status: "disabled" } }));
    expect(disabled.rows.map((r) => r.key)).toEqual(["crm-3"]);
    const paged = await listApiConsumers(viewer, ZListQuery.parse({ pageSize: 1, page: 2 }));
    expect(paged.rows).toHaveLength(1);
    expect(paged.total).toBe(4);

    await updateApiConsumer(admin, {
      id: a.id,
      key: "sales-app",
      name: "Sales app",
      planId: plan.id,
      systemId: "",
      jwtSubjects: "svc-sales\nsvc-sales-2",
    });
    const after = await getApiConsumerOrThrow(viewer, a.id);
    expect(after.system).toBeNull();
    expect(after.jwtSubjects).toEqual(["svc-sales", "svc-sales-2"]);
  });
});
