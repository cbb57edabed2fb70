import pg from "pg";
import { describe, expect, it } from "vitest";
import { useTestDatabase as withTestDatabase } from "@/test/db";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { flowContentHash } from "@/lib/engine/core/flow-version";
import { ZFlowSpec } from "@/lib/validation/flow-spec";
import { ZListQuery } from "@/lib/validation/list";
import { controlDeployment, deployFlowVersion, exportFlowVersion, getFlowOrThrow, listFlows, saveFlowVersion } from ".";
import { rejection } from "@/test/rejection";

const url = withTestDatabase();
const engineer: Actor = { id: null, email: "engineer@example.com", name: "Engineer", role: "integration_engineer" };
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };

const spec = (targetUrl = "http://127.0.0.1:4100/target") => ({
  name: "orders-to-crm",
  description: "Test flow",
  input: { use: "http", config: { path: "/orders" } },
  steps: [{ id: "map", use: "transform_jsonata", config: { expression: "{ 'id': orderId }" } }],
  outputs: [{ id: "deliver", use: "http", config: { url: targetUrl } }],
});

describe("flow versions", () => {
  it("stores an immutable version identified by its content hash; the same spec never makes a second version", async () => {
    const first = await saveFlowVersion(engineer, { spec: spec(), note: "first" }, "create");
    expect(first.isNew).toBe(true);
    expect(first.version.version).toBe(1);
    expect(first.version.contentHash).toBe(flowContentHash(ZFlowSpec.parse(spec())));

    const again = await saveFlowVersion(engineer, { flowId: first.flowId, spec: spec() });
    expect(again).toMatchObject({ isNew: false, version: { id: first.version.id, version: 1 } });

    const second = await saveFlowVersion(engineer, {
      flowId: first.flowId,
      spec: spec("http://127.0.0.1:4100/other"),
      note: "new target",
    });
    expect(second.version.version).toBe(2);
    expect(second.version.contentHash).not.toBe(first.version.contentHash);

    const v1 = await db().flowVersion.findUniqueOrThrow({ where: { id: first.version.id } });
    expect(v1.contentHash).toBe(first.version.contentHash);
    expect(flowContentHash(ZFlowSpec.parse(v1.spec))).toBe(v1.contentHash);

    const audit = await db().auditEntry.findMany({
      where: { action: { startsWith: "flow." } },
      orderBy: { seq: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["flow.create", "flow.version.create", "flow.version.create"]);
  });

  it("round-trips through YAML export and import without a new version", async () => {
    const flow = (await listFlows(engineer, ZListQuery.parse({ q: "orders-to-crm" }))).rows[0];
    const detail = await getFlowOrThrow(engineer, flow.id);
    const file = await exportFlowVersion(engineer, { flowVersionId: detail.versions[0].id, format: "yaml" });
    expect(file.filename).toBe("orders-to-crm-v2.yaml");
    const imported = await saveFlowVersion(engineer, { document: file.content });
    expect(imported).toMatchObject({ flowId: flow.id, isNew: false, version: { version: 2 } });
  });

  it("gives field-level errors from the component registry", async () => {
    const bad = {
      ...spec(),
      name: "bad-flow",
      outputs: [{ id: "deliver", use: "http", config: { url: "not a url", timeoutMs: -1 } }],
    };
    const error = await rejection(saveFlowVersion(engineer, { spec: bad }, "create"));
    expect(error.code).toBe("VALIDATION");
    expect(Object.keys(error.fieldErrors ?? {})).toEqual(
      expect.arrayContaining(["outputs.0.config.url", "outputs.0.config.timeoutMs"]),
    );
    const unknown = await rejection(
      saveFlowVersion(
        engineer,
        { spec: { ...spec(), name: "bad-flow", steps: [{ id: "x", use: "nope", config: {} }] } },
        "create",
      ),
    );
    expect(unknown.fieldErrors?.["steps.0.use"]?.[0]).toMatch(/unknown processor "nope"/);
    const yaml = await rejection(saveFlowVersion(engineer, { document: "name: [unclosed" }));
    expect(yaml.fieldErrors?.document?.[0]).toMatch(/not valid YAML/);
    expect(await db().flow.count({ where: { name: "bad-flow" } })).toBe(0);
  });

  it("refuses a duplicate name on create, a renamed version, and callers without flow:edit", async () => {
    expect((await rejection(saveFlowVersion(engineer, { spec: spec() }, "create"))).code).toBe("CONFLICT");
    const flow = await db().flow.findUniqueOrThrow({ where: { name: "orders-to-crm" } });
    expect(
      (await rejection(saveFlowVersion(engineer, { flowId: flow.id, spec: { ...spec(), name: "renamed" } })))
        .fieldErrors?.name,
    ).toBeDefined();
    expect((await rejection(saveFlowVersion(viewer, { spec: { ...spec(), name: "viewer-flow" } }))).code).toBe(
      "FORBIDDEN",
    );
  });
});

describe("deployments", () => {
  it("writes desired state, NOTIFYs the engines, supersedes the previous deployment and audits", async () => {
    const flow = await db().flow.findUniqueOrThrow({
      where: { name: "orders-to-crm" },
      include: { versions: { orderBy: { version: "asc" } } },
    });
    const listener = new pg.Client({ connectionString: url() });
    await listener.connect();
    const notes: string[] = [];
    listener.on("notification", (n) => notes.push(`${n.channel}:${n.payload}`));
    await listener.query("LISTEN switchboard_deployments");
    try {
      const d1 = await deployFlowVersion(engineer, { flowVersionId: flow.versions[0].id, environmentId: "env_dev" });
      expect(d1).toMatchObject({
        version: 1,
        environmentKey: "dev",
        desiredState: "running",
        actualState: "pending",
        isActive: true,
        contentHash: flow.versions[0].contentHash,
      });
      const d2 = await deployFlowVersion(engineer, { flowVersionId: flow.versions[1].id, environmentId: "env_dev" });
      await expect.poll(() => notes.some((n) => n === `switchboard_deployments:${d2.id}`)).toBe(true);
      expect(notes).toContain(`switchboard_deployments:${d1.id}`);

      const old = await db().deployment.findUniqueOrThrow({ where: { id: d1.id } });
      expect(old.activeSlot).toBeNull();
      expect(old.supersededAt).not.toBeNull();
      const detail = await getFlowOrThrow(engineer, flow.id);
      expect(detail.environments.find((e) => e.key === "dev")?.deployment?.id).toBe(d2.id);

      const paused = await controlDeployment(engineer, { deploymentId: d2.id, action: "pause" });
      expect(paused.desiredState).toBe("paused");
      expect((await rejection(controlDeployment(engineer, { deploymentId: d2.id, action: "pause" }))).code).toBe(
        "CONFLICT",
      );
      expect((await rejection(controlDeployment(engineer, { deploymentId: d1.id, action: "stop" }))).code).toBe(
        "PRECONDITION_FAILED",
      );
      expect((await controlDeployment(engineer, { deploymentId: d2.id, action: "resume" })).desiredState).toBe(
        "running",
      );
      expect((await rejection(controlDeployment(viewer, { deploymentId: d2.id, action: "stop" }))).code).toBe(
        "FORBIDDEN",
      );

      const audit = await db().auditEntry.findMany({ where: { entityType: "Deployment" }, orderBy: { seq: "asc" } });
      expect(audit.map((a) => a.action)).toEqual(["flow.deploy", "flow.deploy", "flow.pause", "flow.resume"]);
      expect(audit[1].before).toMatchObject({ version: 1 });
      expect(audit[1].after).toMatchObject({ version: 2 });
    } finally {
      await listener.end();
    }
  });
});
