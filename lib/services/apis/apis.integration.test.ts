import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { apiContentHash, type TApiDocument } from "@/lib/apis/document";
import { db, transaction } from "@/lib/db";
import { useTestDatabase } from "@/test/db";
import { rejection } from "@/test/rejection";
import { configKind } from "../config-kinds";
import { applyConfig, exportConfig } from "../changes/config-sync";
import { openChangeRequestTx } from "../changes/requests";
import {
  addApiRevision,
  createApiBreakingWaiver,
  createApiProduct,
  deployApiRevisionTx,
  deprecateApiVersion,
  getApiVersionOrThrow,
  listApiProducts,
  publishApiRevision,
  retireApiVersion,
} from ".";

useTestDatabase();
const engineer: Actor = { id: null, email: "engineer@example.com", name: "Engineer", role: "integration_engineer" };
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };

const spec = (version: string, extra = "") => `openapi: 3.1.0
info:
  title: Orders
  version: "${version}"
paths:
  /orders/{id}:
    get:
      operationId: getOrder
      parameters:
        - name: id
          in: path
          required: true
          schema:
            type: string
      responses:
        "200":
          description: The order
${extra}`;

const revisionInput = (source: string, major = 1) => ({
  productKey: "orders",
  major,
  source,
  backendKind: "http",
  backendUrl: "http://127.0.0.1:4999/orders",
  syncTimeoutMs: 5000,
});

/** A change request straight in the table, as the CAB would leave it (the flows' tests do the same). */
async function change(
  revision: { id: string; contentHash: string; apiVersionId: string },
  over: { status?: "submitted" | "approved"; env?: string } = {},
) {
  return db().changeRequest.create({
    data: {
      title: "Publish orders",
      type: "normal",
      status: over.status ?? "approved",
      environmentId: over.env ?? "env_prod",
      windowStart: new Date(Date.now() - 60_000),
      windowEnd: new Date(Date.now() + 3_600_000),
      requestedByEmail: "someone@example.com",
      items: {
        create: {
          kind: "api",
          itemKey: "orders/v1",
          itemId: revision.apiVersionId,
          versionId: revision.id,
          version: 1,
          contentHash: revision.contentHash,
        },
      },
    },
  });
}

const toEnv = (revisionId: string, environmentId: string, changeRequestId?: string) =>
  transaction((tx) => deployApiRevisionTx(tx, engineer, { versionId: revisionId, environmentId, changeRequestId }));

/** A breaking revision as the diff would store it (the rule ids and locations are what the gate reports). */
async function breakingRevision(apiVersionId: string, baseRevisionId: string, number: number) {
  const doc: TApiDocument = {
    product: "orders",
    major: 1,
    openapi: { openapi: "3.1.0", info: { title: "Orders", version: `1.${number}.0` }, paths: {} },
    backend: { kind: "http", url: "http://127.0.0.1:4999/orders" },
    auth: {},
    syncTimeoutMs: 5000,
  };
  return db().apiRevision.create({
    data: {
      apiVersionId,
      number,
      semver: `1.${number}.0`,
      contentHash: apiContentHash(doc),
      document: JSON.parse(JSON.stringify(doc)),
      source: JSON.stringify(doc.openapi, null, 2),
      baseRevisionId,
      changes: [
        {
          id: "endpoint-removed",
          severity: "breaking",
          message: "GET /orders/{id} was removed",
          base: { pointer: "/paths/~1orders~1{id}/get", line: 7 },
          revision: null,
          fields: [],
        },
      ],
      breakingCount: 1,
      createdBy: "engineer@example.com",
    },
  });
}

describe("API products, revisions and the breaking-change gate", () => {
  let v1: { id: string; contentHash: string; apiVersionId: string };

  beforeAll(async () => {
    await createApiProduct(engineer, { key: "orders", name: "Orders API", description: "Order lookup" });
  });

  it("refuses a product key the portal uses and a viewer's writes", async () => {
    await expect(createApiProduct(engineer, { key: "analytics", name: "Analytics" })).rejects.toThrow(
      /taken by the portal/,
    );
    expect((await rejection(createApiProduct(viewer, { key: "billing", name: "Billing" }))).code).toBe("FORBIDDEN");
    const list = await listApiProducts(viewer, { page: 1, pageSize: 25, q: "order", dir: "asc", filters: {} });
    expect(list.rows.map((r) => r.key)).toEqual(["orders"]);
    expect(list.rows[0]!.lifecycle).toBe("empty");
  });

  it("refuses an invalid document with every problem at its line and pointer", async () => {
    const broken = spec("1.0.0").replace("in: path", "in: nowhere");
    const error = await rejection(addApiRevision(engineer, revisionInput(broken)));
    expect(error.code).toBe("VALIDATION");
    const problems = error.fieldErrors?.source ?? [];
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => /^(Line \d+|Document)/.test(p))).toBe(true);
    expect(problems.some((p) => /^Line 10 \(\/paths\/~1orders~1\{id\}\/get\/parameters\/0/.test(p))).toBe(true);
    const yamlError = await rejection(addApiRevision(engineer, revisionInput("openapi: 3.1.0\ninfo: [unclosed\n")));
    expect(yamlError.fieldErrors?.source?.[0]).toMatch(/^Line \d+: YAML syntax error/);
  });

  it("stores a revision once per content and publishes it, dev → test → prod with an approved change", async () => {
    const first = await addApiRevision(engineer, revisionInput(spec("1.0.0")));
    expect(first).toMatchObject({ number: 1, semver: "1.0.0", created: true, key: "orders/v1" });
    // The same content as JSON is the same revision.
    const again = await addApiRevision(engineer, revisionInput(spec("1.0.0")));
    expect(again).toMatchObject({ id: first.id, created: false });
    v1 = { id: first.id, contentHash: first.contentHash, apiVersionId: first.apiVersionId };

    const early = await rejection(toEnv(v1.id, "env_test"));
    expect(early.message).toMatch(/must reach Development \(dev\) before Test \(test\)/);
    await publishApiRevision(engineer, { revisionId: v1.id, environmentId: "env_dev" });
    expect((await getApiVersionOrThrow(viewer, "orders", 1)).lifecycle).toBe("published");
    await publishApiRevision(engineer, { revisionId: v1.id, environmentId: "env_test" });

    const direct = await rejection(publishApiRevision(engineer, { revisionId: v1.id, environmentId: "env_prod" }));
    expect(direct.message).toBe("Production serves what the CAB approved: request a change for orders/v1 revision 1.");
    const submitted = await change(v1, { status: "submitted" });
    expect((await rejection(toEnv(v1.id, "env_prod", submitted.id))).message).toMatch(/is submitted, not approved/);
    const otherHash = await change({ ...v1, contentHash: "0".repeat(64) });
    expect((await rejection(toEnv(v1.id, "env_prod", otherHash.id))).message).toMatch(/does not bind orders\/v1/);
    const approved = await change(v1);
    const deployed = await toEnv(v1.id, "env_prod", approved.id);
    expect(deployed.environmentKey).toBe("prod");
    const row = await db().apiDeployment.findUniqueOrThrow({ where: { id: deployed.deploymentId } });
    expect(row).toMatchObject({ activeSlot: `${v1.apiVersionId}:env_prod`, changeRequestId: approved.id });
  });

  it("blocks a breaking revision under a published major, with the reasons, until a valid waiver", async () => {
    const broken = await breakingRevision(v1.apiVersionId, v1.id, 2);
    const blocked = await rejection(publishApiRevision(engineer, { revisionId: broken.id, environmentId: "env_dev" }));
    expect(blocked.code).toBe("PRECONDITION_FAILED");
    expect(blocked.message).toMatch(
      /^Blocked: revision 2 breaks the published contract of orders\/v1 with 1 breaking change: \[endpoint-removed\] GET \/orders\/\{id\} was removed \(base \/paths\/~1orders~1\{id\}\/get line 7\)/,
    );

    // A waiver needs an approved change that deploys this very revision.
    const forOther = await change(v1);
    const wrong = await rejection(
      createApiBreakingWaiver(engineer, {
        revisionId: broken.id,
        changeRequestId: forOther.id,
        reason: "Nobody calls the endpoint any more",
        expiresAt: new Date(Date.now() + 86_400_000),
      }),
    );
    expect(wrong.message).toMatch(/does not deploy revision 2 of orders\/v1/);
    const pending = await change({ ...broken, apiVersionId: v1.apiVersionId }, { status: "submitted" });
    const notApproved = await rejection(
      createApiBreakingWaiver(engineer, {
        revisionId: broken.id,
        changeRequestId: pending.id,
        reason: "Nobody calls the endpoint any more",
        expiresAt: new Date(Date.now() + 86_400_000),
      }),
    );
    expect(notApproved.message).toMatch(/is submitted; a waiver is an approved exception/);
    const approved = await change({ ...broken, apiVersionId: v1.apiVersionId });
    const tooLong = await rejection(
      createApiBreakingWaiver(engineer, {
        revisionId: broken.id,
        changeRequestId: approved.id,
        reason: "Nobody calls the endpoint any more",
        expiresAt: new Date(Date.now() + 91 * 86_400_000),
      }),
    );
    expect(tooLong.fieldErrors?.expiresAt).toBeDefined();

    // An expired waiver does not count.
    await db().apiBreakingWaiver.create({
      data: {
        revisionId: broken.id,
        changeRequestId: approved.id,
        reason: "old",
        ruleIds: ["endpoint-removed"],
        expiresAt: new Date(Date.now() - 1000),
        createdBy: "x@example.com",
      },
    });
    expect((await rejection(toEnv(broken.id, "env_dev"))).message).toMatch(/^Blocked/);

    const waiver = await createApiBreakingWaiver(engineer, {
      revisionId: broken.id,
      changeRequestId: approved.id,
      reason: "Nobody calls the endpoint any more",
      expiresAt: new Date(Date.now() + 7 * 86_400_000),
    });
    expect(waiver).toMatchObject({ ruleIds: ["endpoint-removed"], isValid: true });
    await publishApiRevision(engineer, { revisionId: broken.id, environmentId: "env_dev" });
    const audit = await db().auditEntry.findFirst({ where: { action: "api.waiver.create" } });
    expect(audit).not.toBeNull();
  });

  it("does not gate a new major's first revision, even against the previous major", async () => {
    const v2 = await addApiRevision(engineer, revisionInput(spec("2.0.0"), 2));
    const stored = await db().apiRevision.findUniqueOrThrow({ where: { id: v2.id } });
    expect(stored.baseRevisionId).not.toBeNull();
    await db().apiRevision.update({ where: { id: v2.id }, data: { breakingCount: 3 } });
    await publishApiRevision(engineer, { revisionId: v2.id, environmentId: "env_dev" });
  });

  it("opens a change request for an API revision through the config kind", async () => {
    const kind = configKind("api");
    const deployed = await transaction((tx) => kind.listDeployed(tx, "env_prod"));
    expect(deployed.map((d) => [d.key, d.version])).toEqual([["orders/v1", 1]]);
    const latest = await db().apiRevision.findFirstOrThrow({
      where: { apiVersionId: v1.apiVersionId, number: 2 },
    });
    const opened = await transaction((tx) =>
      openChangeRequestTx(
        tx,
        engineer,
        {
          title: "Publish orders v1 revision 2",
          description: "",
          type: "normal",
          environmentKey: "prod",
          windowStart: new Date(Date.now() + 60_000),
          windowEnd: new Date(Date.now() + 3_600_000),
          rolloutPlan: "Publish",
          rollbackPlan: "Republish revision 1",
          items: [{ kind: "api", versionId: latest.id }],
        },
        "portal",
      ),
    );
    const item = await db().changeItem.findFirstOrThrow({ where: { changeRequestId: opened.id } });
    expect(item).toMatchObject({ kind: "api", itemKey: "orders/v1", versionId: latest.id, previousVersionId: v1.id });
  });

  it("applies an API document as config: a revision per content, deployed outside production", async () => {
    const kind = configKind("api");
    const doc = kind.documentSchema.parse({
      product: "orders",
      major: 3,
      openapi: { openapi: "3.1.0", info: { title: "Orders", version: "3.0.0" }, paths: {} },
      backend: { kind: "http", url: "http://127.0.0.1:4999/orders" },
    });
    const ref = await transaction((tx) => kind.ensureVersion(tx, engineer, "orders/v3", doc));
    expect(ref).toMatchObject({ key: "orders/v3", version: 1, created: true, contentHash: kind.hash(doc) });
    await transaction((tx) => kind.deploy(tx, engineer, { versionId: ref.versionId, environmentId: "env_dev" }));
    const loaded = await transaction((tx) => kind.loadVersion(tx, ref.versionId));
    expect(loaded?.document).toEqual(doc);
    const mismatch = await rejection(transaction((tx) => kind.ensureVersion(tx, engineer, "orders/v4", doc)));
    expect(mismatch.message).toMatch(/holds orders\/v3/);
  });

  it("exports dev's API versions as apis/<product>/v<major>.yaml and applies them back unchanged, or changed", async () => {
    const files = await exportConfig(engineer, "dev");
    const paths = files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(["apis/orders/v1.yaml", "apis/orders/v2.yaml", "apis/orders/v3.yaml"]),
    );
    const same = await applyConfig(engineer, files, "dev", { dryRun: true });
    expect(same.items.filter((i) => i.kind === "api").map((i) => i.action)).toEqual([
      "unchanged",
      "unchanged",
      "unchanged",
    ]);
    const v3 = files.find((f) => f.path === "apis/orders/v3.yaml")!;
    const edited = files.map((f) =>
      f === v3 ? { ...f, content: f.content.replace("version: 3.0.0", "version: 3.0.1") } : f,
    );
    const applied = await applyConfig(engineer, edited, "dev");
    expect(applied.items.find((i) => i.key === "orders/v3")?.action).toBe("update");
    expect(applied.deployments.map((d) => [d.key, d.version])).toEqual([["orders/v3", 2]]);
  });

  it("deprecates a published version with a successor, lists its consumers, and retires it after the sunset", async () => {
    const versions = await db().apiVersion.findMany({
      where: { product: { key: "orders" } },
      orderBy: { major: "asc" },
    });
    const [one, two] = versions;
    const plan = await db().apiPlan.create({ data: { key: "basic", name: "Basic" } });
    const consumer = await db().apiConsumer.create({
      data: { key: "shop", name: "Web shop", planId: plan.id, callbackSecret: "s", createdBy: "x@example.com" },
    });
    await db().apiCallMinute.create({
      data: {
        apiVersionId: one!.id,
        environmentId: "env_prod",
        operation: "GET /orders/{id}",
        consumerId: consumer.id,
        minute: new Date(Date.now() - 3_600_000),
        calls: 12,
        latencyBuckets: [],
      },
    });
    const past = await rejection(
      deprecateApiVersion(engineer, { apiVersionId: one!.id, sunsetAt: new Date(Date.now() - 3 * 86_400_000) }),
    );
    expect(past.fieldErrors?.sunsetAt).toBeDefined();
    const sunsetAt = new Date(Date.now() + 30 * 86_400_000);
    const result = await deprecateApiVersion(engineer, {
      apiVersionId: one!.id,
      sunsetAt,
      successorId: two!.id,
      note: "Move to v2",
    });
    expect(result.consumers).toMatchObject([{ key: "shop", calls: 12, environments: ["prod"] }]);
    const stored = await db().apiVersion.findUniqueOrThrow({ where: { id: one!.id } });
    expect(stored).toMatchObject({ lifecycle: "deprecated", successorId: two!.id, deprecationNote: "Move to v2" });
    expect((await rejection(retireApiVersion(engineer, { apiVersionId: one!.id }))).message).toMatch(
      /may be retired after its sunset/,
    );
    await retireApiVersion(engineer, { apiVersionId: one!.id }, new Date(sunsetAt.getTime() + 1000));
    expect((await db().apiVersion.findUniqueOrThrow({ where: { id: one!.id } })).lifecycle).toBe("retired");
  });
});

describe("the diff behind the gate", () => {
  it("records a breaking upload's changes with both locations and blocks it under the published major", async () => {
    await createApiProduct(engineer, { key: "billing", name: "Billing API" });
    const input = (source: string) => ({ ...revisionInput(source), productKey: "billing" });
    const first = await addApiRevision(engineer, input(spec("1.0.0")));
    await publishApiRevision(engineer, { revisionId: first.id, environmentId: "env_dev" });
    const breaking = spec("1.1.0").replace(
      "          schema:\n            type: string\n",
      "          schema:\n            type: string\n        - name: tenant\n          in: query\n          required: true\n          schema:\n            type: string\n",
    );
    const second = await addApiRevision(engineer, input(breaking));
    expect(second.breakingCount).toBeGreaterThan(0);
    const stored = await db().apiRevision.findUniqueOrThrow({ where: { id: second.id } });
    const changes = stored.changes as { id: string; severity: string; revision: { line: number | null } | null }[];
    const added = changes.find((c) => c.severity === "breaking");
    expect(added?.id).toMatch(/required/);
    expect(added?.revision?.line).toBeGreaterThan(10);
    const blocked = await rejection(publishApiRevision(engineer, { revisionId: second.id, environmentId: "env_dev" }));
    expect(blocked.message).toMatch(/^Blocked: revision 2 breaks the published contract of billing\/v1/);
    expect(blocked.message).toContain(`[${added!.id}]`);
  });
});
