import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db, transaction } from "@/lib/db";
import { RULE_SETS_CHANNEL } from "@/lib/quality/rules/channel";
import { ruleSetContentHash } from "@/lib/quality/rules/hash";
import { useTestDatabase } from "@/test/db";
import { rejection } from "@/test/rejection";
import { waitFor } from "@/lib/engine/runtime/test-harness";
import { configKind } from "../../config-kinds";
import {
  createRuleSet,
  deployRuleSetVersion,
  deployRuleSetVersionTx,
  getRuleSetOrThrow,
  listRuleSets,
  previewRuleSetImpact,
  saveRuleSetVersion,
} from ".";

const dbUrl = useTestDatabase();
const owner: Actor = { id: null, email: "owner@example.com", name: "Owner", role: "data_owner" };
const engineer: Actor = { id: null, email: "engineer@example.com", name: "Engineer", role: "integration_engineer" };
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };

const V1 = { rules: [{ id: "email", field: "email", check: "format", format: "email" }] };
const V2 = {
  rules: [
    { id: "email", field: "email", check: "format", format: "email" },
    { id: "qty", field: "qty", check: "range", min: 1 },
  ],
};

async function approvedChange(version: { id: string; contentHash: string }, ruleSetId: string, hash?: string) {
  return db().changeRequest.create({
    data: {
      title: "Enforce orders rules",
      type: "normal",
      status: "approved",
      environmentId: "env_prod",
      windowStart: new Date(Date.now() - 60_000),
      windowEnd: new Date(Date.now() + 3_600_000),
      requestedByEmail: "owner@example.com",
      items: {
        create: {
          kind: "ruleset",
          itemKey: "orders-entry",
          itemId: ruleSetId,
          versionId: version.id,
          version: 1,
          contentHash: hash ?? version.contentHash,
        },
      },
    },
  });
}

describe("rule-set service", () => {
  let ownerId: string;
  let ruleSetId: string;
  beforeAll(async () => {
    const u = await db().user.create({
      data: { email: "dora@example.com", name: "Dora Owner", passwordHash: "x", role: "data_owner" },
    });
    ownerId = u.id;
    ruleSetId = (
      await createRuleSet(owner, {
        key: "orders-entry",
        name: "Orders entry",
        description: "Orders at the gateway",
        ownerId,
      })
    ).id;
  });

  it("refuses creation without permission, a duplicate key, an unknown owner", async () => {
    await expect(createRuleSet(viewer, { key: "x-rules", name: "X", ownerId })).rejects.toThrow();
    expect((await rejection(createRuleSet(owner, { key: "orders-entry", name: "Again", ownerId }))).code).toBe(
      "CONFLICT",
    );
    const e = await rejection(createRuleSet(owner, { key: "other-rules", name: "Other", ownerId: "nobody" }));
    expect(e.fieldErrors?.ownerId).toBeTruthy();
  });

  it("versions by content: the same rules are the same version, whatever the key order", async () => {
    const v1 = await saveRuleSetVersion(owner, { ruleSetId, document: V1 });
    expect(v1).toMatchObject({ version: 1, created: true, contentHash: ruleSetContentHash(V1) });
    const reordered = { rules: [{ format: "email", check: "format", field: "email", id: "email", severity: "error" }] };
    expect(await saveRuleSetVersion(owner, { ruleSetId, document: reordered })).toMatchObject({
      versionId: v1.versionId,
      version: 1,
      created: false,
    });
    const v2 = await saveRuleSetVersion(owner, { ruleSetId, document: V2, note: "quantities" });
    expect(v2).toMatchObject({ version: 2, created: true });
    expect(v2.contentHash).not.toBe(v1.contentHash);
    await expect(
      saveRuleSetVersion(owner, { ruleSetId, document: { rules: [{ id: "x", field: "a..b", check: "required" }] } }),
    ).rejects.toThrow("not a field path");
    const audit = await db().auditEntry.count({ where: { action: "quality.ruleset.version.create" } });
    expect(audit).toBe(2);
  });

  it("deploys dev → test → prod, production only with an approved change bound to the hash, and NOTIFYs the engine", async () => {
    const listener = new pg.Client({ connectionString: dbUrl() });
    await listener.connect();
    const heard: string[] = [];
    listener.on("notification", (n) => n.channel === RULE_SETS_CHANNEL && heard.push(n.payload ?? ""));
    await listener.query(`LISTEN ${RULE_SETS_CHANNEL}`);
    try {
      const v1 = (await saveRuleSetVersion(owner, { ruleSetId, document: V1 })).versionId;
      const prodFirst = await rejection(deployRuleSetVersion(owner, { versionId: v1, environmentId: "env_test" }));
      expect(prodFirst.code).toBe("PRECONDITION_FAILED");
      expect(prodFirst.message).toContain("must reach Development");
      await expect(deployRuleSetVersion(viewer, { versionId: v1, environmentId: "env_dev" })).rejects.toThrow();
      expect(await deployRuleSetVersion(engineer, { versionId: v1, environmentId: "env_dev" })).toMatchObject({
        previousVersionId: null,
        environmentKey: "dev",
      });
      expect((await rejection(deployRuleSetVersion(owner, { versionId: v1, environmentId: "env_dev" }))).code).toBe(
        "CONFLICT",
      );
      await deployRuleSetVersion(owner, { versionId: v1, environmentId: "env_test" });
      const noChange = await rejection(deployRuleSetVersion(owner, { versionId: v1, environmentId: "env_prod" }));
      expect(noChange.message).toContain("Production runs what the CAB approved");

      const version = await db().qualityRuleSetVersion.findUniqueOrThrow({ where: { id: v1 } });
      const wrongHash = await approvedChange(version, ruleSetId, "0".repeat(64));
      const bound = await rejection(
        transaction((tx) =>
          deployRuleSetVersionTx(tx, owner, {
            versionId: v1,
            environmentId: "env_prod",
            changeRequestId: wrongHash.id,
          }),
        ),
      );
      expect(bound.message).toContain("does not bind");
      const change = await approvedChange(version, ruleSetId);
      await transaction((tx) =>
        deployRuleSetVersionTx(tx, owner, { versionId: v1, environmentId: "env_prod", changeRequestId: change.id }),
      );
      const prod = await db().qualityRuleSetDeployment.findFirstOrThrow({
        where: { environmentId: "env_prod", activeSlot: { not: null } },
      });
      expect(prod).toMatchObject({ versionId: v1, changeRequestId: change.id, contentHash: version.contentHash });

      // v2 supersedes v1 in dev: one active deployment per environment.
      const v2 = (await saveRuleSetVersion(owner, { ruleSetId, document: V2 })).versionId;
      expect(await deployRuleSetVersion(owner, { versionId: v2, environmentId: "env_dev" })).toMatchObject({
        previousVersionId: v1,
      });
      const active = await db().qualityRuleSetDeployment.findMany({
        where: { ruleSetId, environmentId: "env_dev", activeSlot: { not: null } },
      });
      expect(active.map((d) => d.versionId)).toEqual([v2]);

      await waitFor(() => heard.length >= 4, "the deployments' notices");
      expect(heard).toEqual(["env_dev", "env_test", "env_prod", "env_dev"]);
      expect(await db().auditEntry.count({ where: { action: "quality.ruleset.deploy" } })).toBe(4);

      const detail = await getRuleSetOrThrow(viewer, "orders-entry");
      expect(detail.ownerName).toBe("Dora Owner");
      expect(detail.versions.map((v) => v.number)).toEqual([2, 1]);
      expect(detail.environments.map((e) => [e.key, e.active?.number, e.active?.change ?? null])).toEqual([
        ["dev", 2, null],
        ["test", 1, null],
        ["prod", 1, `CHG-${change.number}`],
      ]);
      const list = await listRuleSets(viewer, {
        page: 1,
        pageSize: 25,
        q: "orders",
        dir: "asc",
        filters: { env: "prod" },
      });
      expect(list.rows.map((r) => [r.key, r.latestVersion, r.deployed])).toEqual([
        ["orders-entry", 2, { dev: 2, test: 1, prod: 1 }],
      ]);
      expect((await listRuleSets(viewer, { page: 1, pageSize: 25, q: "nothing", dir: "asc", filters: {} })).total).toBe(
        0,
      );
    } finally {
      await listener.end();
    }
  });

  it('is the config kind "ruleset": listDeployed, loadVersion, ensureVersion by hash', async () => {
    const kind = configKind("ruleset");
    const deployed = await transaction((tx) => kind.listDeployed(tx, "env_dev"));
    expect(deployed.map((d) => [d.key, d.version])).toEqual([["orders-entry", 2]]);
    const loaded = await transaction((tx) => kind.loadVersion(tx, deployed[0].versionId));
    expect(loaded?.document).toEqual(deployed[0].document);
    const again = await transaction((tx) => kind.ensureVersion(tx, owner, "orders-entry", V2));
    expect(again).toMatchObject({ version: 2, created: false, contentHash: kind.hash(V2) });
    const impact = await transaction((tx) => kind.impact(tx, ruleSetId));
    expect(impact).toEqual({ systems: [], interfaces: [], flows: [], dataDomainIds: [] });
  });

  it("previews a draft's impact over the sampled records, beside the current version, masking values", async () => {
    const records = [
      { email: "a@example.com", qty: 1 },
      { email: "bad-address", qty: 2 },
      { email: "c@example.com", qty: 0 },
      { email: "d@example.com", qty: 5 },
    ];
    await db().qualityRecordSample.createMany({
      data: records.map((record) => ({
        ruleSetKey: "orders-entry",
        environmentId: "env_test",
        flowId: "f",
        stepId: "v",
        record,
      })),
    });
    // test enforces v1 (email only); the draft adds a quantity bound of 3.
    const draft = { rules: [...V2.rules.slice(0, 1), { id: "qty", field: "qty", check: "range", min: 1, max: 3 }] };
    const p = await previewRuleSetImpact(engineer, {
      ruleSetId,
      environmentId: "env_test",
      document: draft,
      limit: 100,
    });
    expect(p).toMatchObject({
      sampled: 4,
      draftFailing: 3,
      current: { version: 1, failing: 1 },
      newlyFailing: 2,
      newlyPassing: 0,
      unchecked: [],
    });
    expect(p.rows.map((r) => [r.ruleId, r.field, r.value, r.failsCurrent])).toEqual([
      ["qty", "qty", "•••", false],
      ["qty", "qty", "•••", false],
      ["email", "email", "•••ss", true],
    ]);
    const clear = await previewRuleSetImpact(owner, {
      ruleSetId,
      environmentId: "env_test",
      document: draft,
      limit: 100,
    });
    expect(clear.rows.map((r) => r.value)).toEqual(["5", "0", "bad-address"]);
    await expect(
      previewRuleSetImpact(engineer, {
        ruleSetId,
        environmentId: "env_test",
        document: { rules: [{ id: "x" }] },
        limit: 100,
      }),
    ).rejects.toThrow();
    await expect(
      previewRuleSetImpact(engineer, { ruleSetId, environmentId: "env_test", document: draft, limit: 7 }),
    ).rejects.toThrow("100 or 1000");
  });
});
