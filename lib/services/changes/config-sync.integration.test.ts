import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { rejection } from "@/test/rejection";
import { useTestDatabase } from "@/test/db";
import { deployFlowVersion, saveFlowVersion } from "../flows";
import { applyConfig, exportConfig, planApply } from "./config-sync";

useTestDatabase();
const engineer: Actor = { id: null, email: "engineer@example.com", name: "Engineer", role: "integration_engineer" };
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };

const spec = (name: string, url: string) => ({
  name,
  input: { use: "http", config: { path: `/${name}` } },
  outputs: [{ id: "out", use: "http", config: { url } }],
});

const counts = async () => ({
  versions: await db().flowVersion.count(),
  deployments: await db().deployment.count(),
  changes: await db().changeRequest.count(),
  audit: await db().auditEntry.count(),
});

describe("config sync (service)", () => {
  beforeAll(async () => {
    for (const name of ["alpha", "beta"]) {
      const saved = await saveFlowVersion(engineer, { spec: spec(name, `https://x.example/${name}`) }, "create");
      await deployFlowVersion(engineer, { flowVersionId: saved.version.id, environmentId: "env_dev" });
      await deployFlowVersion(engineer, { flowVersionId: saved.version.id, environmentId: "env_test" });
    }
  });

  it("plans field-by-field against what the environment runs", async () => {
    const files = await exportConfig(engineer, "test");
    expect(files.map((f) => f.path)).toEqual(["environment.yaml", "flows/alpha.yaml", "flows/beta.yaml"]);
    const changed = files.map((f) =>
      f.path === "flows/alpha.yaml" ? { ...f, content: f.content.replace("x.example/alpha", "y.example/alpha") } : f,
    );
    const plan = await planApply(engineer, changed, "test");
    expect(plan.changeCount).toBe(1);
    expect(plan.items.find((i) => i.key === "alpha")).toMatchObject({
      action: "update",
      current: { version: 1 },
      changes: [{ path: "spec.outputs.0.config.url", kind: "changed", after: "https://y.example/alpha" }],
    });
    const prodPlan = await planApply(engineer, files, "prod");
    expect(prodPlan.items.map((i) => i.action)).toEqual(["create", "create"]);
  });

  it("opens one change for production with the versions bound to their hashes, deploying nothing", async () => {
    const files = await exportConfig(engineer, "test");
    expect((await rejection(applyConfig(viewer, files, "prod"))).code).toBe("FORBIDDEN");
    const before = await counts();
    const dry = await applyConfig(engineer, files, "prod", { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, change: null, deployments: [] });
    expect(dry.versions.map((v) => `${v.key} v${v.version}`)).toEqual(["alpha v1", "beta v1"]);
    expect(await counts()).toEqual(before);

    const start = new Date(Date.now() + 3_600_000);
    const result = await applyConfig(engineer, files, "prod", { windowStart: start, windowHours: 3 });
    expect(result.deployments).toEqual([]);
    expect(result.change).toMatchObject({ status: "submitted" });
    const change = await db().changeRequest.findUniqueOrThrow({
      where: { id: result.change!.id },
      include: { items: true },
    });
    expect(change).toMatchObject({
      source: "cli",
      type: "normal",
      environmentId: "env_prod",
      requestedByEmail: engineer.email,
    });
    expect(change.windowStart.toISOString()).toBe(start.toISOString());
    expect(change.windowEnd.getTime() - start.getTime()).toBe(3 * 3_600_000);
    expect(change.items.map((i) => [i.itemKey, i.version]).sort()).toEqual([
      ["alpha", 1],
      ["beta", 1],
    ]);
    expect(await db().deployment.count({ where: { environmentId: "env_prod" } })).toBe(0);
  });

  it("applies nothing when one item fails: a version test never ran refuses the whole production apply", async () => {
    const files = (await exportConfig(engineer, "test")).map((f) =>
      f.path === "flows/beta.yaml" ? { ...f, content: f.content.replace("x.example/beta", "z.example/beta") } : f,
    );
    const before = await counts();
    const refused = await rejection(applyConfig(engineer, files, "prod"));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toMatch(/^beta v2 must reach Test \(test\) before Production \(prod\)/);
    expect(await counts()).toEqual(before);
  });

  it("refuses to export a legacy version that holds a literal secret, without printing it", async () => {
    const flow = await db().flow.create({ data: { name: "legacy", createdBy: "test" } });
    const legacy = spec("legacy", "https://x.example/legacy");
    const version = await db().flowVersion.create({
      data: {
        flowId: flow.id,
        version: 1,
        contentHash: "f".repeat(64),
        createdBy: "test",
        spec: {
          ...legacy,
          outputs: [
            {
              ...legacy.outputs[0],
              config: { url: "https://x.example", headers: { Authorization: "Bearer hunter2-literal" } },
            },
          ],
        },
      },
    });
    await db().deployment.create({
      data: {
        flowId: flow.id,
        flowVersionId: version.id,
        environmentId: "env_dev",
        contentHash: version.contentHash,
        activeSlot: `${flow.id}:env_dev`,
        deployedBy: "test",
      },
    });
    const refused = await rejection(exportConfig(engineer, "dev"));
    expect(refused.message).toMatch(
      /^flow legacy v1 in dev cannot be exported: spec\.outputs\.0\.config\.headers\.Authorization: a secret-bearing field/,
    );
    expect(refused.message).not.toContain("hunter2-literal");
  });
});
