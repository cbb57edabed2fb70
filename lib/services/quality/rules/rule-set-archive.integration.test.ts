import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db, transaction } from "@/lib/db";
import { useTestDatabase } from "@/test/db";
import { rejection } from "@/test/rejection";
import { configKind } from "../../config-kinds";
import {
  archiveRuleSet,
  createRuleSet,
  deployRuleSetVersion,
  deployRuleSetVersionTx,
  getRuleSetOrThrow,
  listRuleSets,
  restoreRuleSet,
  saveRuleSetVersion,
  undeployRuleSet,
} from ".";

useTestDatabase();
const owner: Actor = { id: null, email: "owner@example.com", name: "Owner", role: "data_owner" };
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };
const V1 = { rules: [{ id: "email", field: "email", check: "format", format: "email" }] };
const list = (filters: Record<string, string> = {}) =>
  listRuleSets(owner, { page: 1, pageSize: 25, q: "", dir: "asc", filters });

async function approvedChange(versionId: string, ruleSetId: string) {
  const v = await db().qualityRuleSetVersion.findUniqueOrThrow({ where: { id: versionId } });
  return db().changeRequest.create({
    data: {
      title: "Enforce customer rules",
      type: "normal",
      status: "approved",
      environmentId: "env_prod",
      windowStart: new Date(Date.now() - 60_000),
      windowEnd: new Date(Date.now() + 3_600_000),
      requestedByEmail: "owner@example.com",
      items: {
        create: {
          kind: "ruleset",
          itemKey: "customers-entry",
          itemId: ruleSetId,
          versionId,
          version: v.number,
          contentHash: v.contentHash,
        },
      },
    },
  });
}

/** A flow deployed (running) in dev whose validate step needs the rule set. */
async function liveFlowUsing(key: string, onMissingRuleSet?: "pass") {
  const flow = await db().flow.create({ data: { name: `uses-${key}-${onMissingRuleSet ?? "fail"}`, createdBy: "t" } });
  const spec = {
    name: flow.name,
    input: { use: "http", config: { path: "/customers" } },
    steps: [{ id: "validate", use: "validate_rules", config: { ruleSet: key, onMissingRuleSet } }],
    outputs: [{ id: "out", use: "http", config: { url: "http://127.0.0.1:1/x" } }],
  };
  const version = await db().flowVersion.create({
    data: { flowId: flow.id, version: 1, spec, contentHash: `h-${flow.id}`, createdBy: "t" },
  });
  const deployment = await db().deployment.create({
    data: {
      flowId: flow.id,
      flowVersionId: version.id,
      environmentId: "env_dev",
      contentHash: version.contentHash,
      activeSlot: `${flow.id}:env_dev`,
      deployedBy: "t",
    },
  });
  return { flow, deployment };
}

describe("rule-set archiving", () => {
  let ownerId: string;
  let ruleSetId: string;
  let v1: string;
  beforeAll(async () => {
    ownerId = (
      await db().user.create({
        data: { email: "dora@example.com", name: "Dora Owner", passwordHash: "x", role: "data_owner" },
      })
    ).id;
    ruleSetId = (await createRuleSet(owner, { key: "customers-entry", name: "Customers entry", ownerId })).id;
    v1 = (await saveRuleSetVersion(owner, { ruleSetId, document: V1 })).versionId;
    await createRuleSet(owner, { key: "orders-entry", name: "Orders entry", ownerId });
  });

  it("refuses while any environment enforces it, naming each and what to do there", async () => {
    await deployRuleSetVersion(owner, { versionId: v1, environmentId: "env_dev" });
    await deployRuleSetVersion(owner, { versionId: v1, environmentId: "env_test" });
    const both = await rejection(archiveRuleSet(owner, { ruleSetId }));
    expect(both.code).toBe("PRECONDITION_FAILED");
    expect(both.message).toBe(
      "customers-entry is still enforced in Development (v1) and Test (v1): undeploy it from Development and Test first.",
    );

    const change = await approvedChange(v1, ruleSetId);
    await transaction((tx) =>
      deployRuleSetVersionTx(tx, owner, { versionId: v1, environmentId: "env_prod", changeRequestId: change.id }),
    );
    const withProd = await rejection(archiveRuleSet(owner, { ruleSetId }));
    expect(withProd.message).toContain("Development (v1), Test (v1) and Production (v1)");
    expect(withProd.message).toContain("undeploy it from Development and Test first");
    expect(withProd.message).toContain("Production changes only through an approved change");
    // Production cannot be undeployed from the portal.
    const prodUndeploy = await rejection(undeployRuleSet(owner, { ruleSetId, environmentId: "env_prod" }));
    expect(prodUndeploy.code).toBe("PRECONDITION_FAILED");
    await db().qualityRuleSetDeployment.updateMany({
      where: { ruleSetId, environmentId: "env_prod" },
      data: { activeSlot: null, supersededAt: new Date() },
    });
    expect(await db().qualityRuleSet.findUniqueOrThrow({ where: { id: ruleSetId } })).toMatchObject({
      archivedAt: null,
    });
    expect(await db().auditEntry.count({ where: { action: "quality.ruleset.archive" } })).toBe(0);
  });

  it("undeploys from dev and test (audited), unless a live flow there needs the rule set", async () => {
    await expect(undeployRuleSet(viewer, { ruleSetId, environmentId: "env_dev" })).rejects.toThrow();
    const { flow, deployment } = await liveFlowUsing("customers-entry");
    // A flow that lets records pass without the rule set does not hold it back; this one does.
    await liveFlowUsing("customers-entry", "pass");
    const blocked = await rejection(undeployRuleSet(owner, { ruleSetId, environmentId: "env_dev" }));
    expect(blocked.code).toBe("PRECONDITION_FAILED");
    expect(blocked.message).toBe(
      `${flow.name} v1 checks its records against customers-entry in Development and would fail every message without it: stop that flow or remove the validate_rules step first.`,
    );
    await db().deployment.update({ where: { id: deployment.id }, data: { desiredState: "stopped" } });

    expect(await undeployRuleSet(owner, { ruleSetId, environmentId: "env_dev" })).toEqual({
      key: "customers-entry",
      environmentKey: "dev",
      version: 1,
    });
    expect((await rejection(undeployRuleSet(owner, { ruleSetId, environmentId: "env_dev" }))).code).toBe("CONFLICT");
    await undeployRuleSet(owner, { ruleSetId, environmentId: "env_test" });
    const audit = await db().auditEntry.findMany({
      where: { action: "quality.ruleset.undeploy" },
      orderBy: { seq: "asc" },
    });
    expect(audit.map((a) => (a.before as { environment: string }).environment)).toEqual(["dev", "test"]);
    const detail = await getRuleSetOrThrow(owner, "customers-entry");
    expect(detail.environments.map((e) => e.active)).toEqual([null, null, null]);
  });

  it("archives (audited): gone from the default list, shown with the archived filter, no versions, no deploys", async () => {
    await expect(archiveRuleSet(viewer, { ruleSetId })).rejects.toThrow();
    const done = await archiveRuleSet(owner, { ruleSetId });
    expect(done).toMatchObject({ id: ruleSetId, key: "customers-entry" });
    expect((await rejection(archiveRuleSet(owner, { ruleSetId }))).code).toBe("CONFLICT");
    const entry = await db().auditEntry.findFirstOrThrow({ where: { action: "quality.ruleset.archive" } });
    expect(entry).toMatchObject({ entityType: "QualityRuleSet", entityId: ruleSetId, actorEmail: "owner@example.com" });

    expect((await list()).rows.map((r) => r.key)).toEqual(["orders-entry"]);
    const archived = await list({ archived: "yes" });
    expect(archived.rows.map((r) => [r.key, r.isArchived])).toEqual([["customers-entry", true]]);
    expect((await getRuleSetOrThrow(owner, "customers-entry")).archivedAt).toBe(done.archivedAt);

    const deploy = await rejection(deployRuleSetVersion(owner, { versionId: v1, environmentId: "env_dev" }));
    expect(deploy.code).toBe("PRECONDITION_FAILED");
    expect(deploy.message).toContain("archived");
    const save = await rejection(
      saveRuleSetVersion(owner, {
        ruleSetId,
        document: { rules: [...V1.rules, { id: "n", field: "name", check: "required" }] },
      }),
    );
    expect(save.message).toContain("archived");
    // A config apply cannot bring it back by the back door either.
    const apply = await rejection(
      transaction((tx) => configKind("ruleset").ensureVersion(tx, owner, "customers-entry", V1)),
    );
    expect(apply.message).toContain("is archived");
  });

  it("restores (audited): listed, versioned and deployable again, with nothing deployed by the restore", async () => {
    await expect(restoreRuleSet(viewer, { ruleSetId })).rejects.toThrow();
    expect(await restoreRuleSet(owner, { ruleSetId })).toEqual({
      id: ruleSetId,
      key: "customers-entry",
      archivedAt: null,
    });
    expect((await rejection(restoreRuleSet(owner, { ruleSetId }))).code).toBe("CONFLICT");
    expect(await db().auditEntry.count({ where: { action: "quality.ruleset.restore", entityId: ruleSetId } })).toBe(1);
    expect((await list()).rows.map((r) => [r.key, r.isArchived, r.deployed])).toEqual([
      ["customers-entry", false, {}],
      ["orders-entry", false, {}],
    ]);
    expect((await list({ archived: "yes" })).total).toBe(0);
    await deployRuleSetVersion(owner, { versionId: v1, environmentId: "env_dev" });
    expect((await getRuleSetOrThrow(owner, "customers-entry")).environments[0]?.active?.number).toBe(1);
  });

  it("an archive and a deploy racing never leave an archived rule set enforced", async () => {
    await undeployRuleSet(owner, { ruleSetId, environmentId: "env_dev" }).catch(() => null);
    const v2 = (
      await saveRuleSetVersion(owner, {
        ruleSetId,
        document: { rules: [...V1.rules, { id: "n", field: "name", check: "required" }] },
      })
    ).versionId;
    const [archived, deployed] = await Promise.allSettled([
      archiveRuleSet(owner, { ruleSetId }),
      deployRuleSetVersion(owner, { versionId: v2, environmentId: "env_dev" }),
    ]);
    const r = await db().qualityRuleSet.findUniqueOrThrow({ where: { id: ruleSetId } });
    const active = await db().qualityRuleSetDeployment.count({ where: { ruleSetId, activeSlot: { not: null } } });
    expect([archived.status, deployed.status].filter((s) => s === "fulfilled")).toHaveLength(1);
    expect(r.archivedAt !== null && active > 0).toBe(false);
  });
});
