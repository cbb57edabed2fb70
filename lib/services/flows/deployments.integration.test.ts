import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db, transaction } from "@/lib/db";
import { rejection } from "@/test/rejection";
import { useTestDatabase } from "@/test/db";
import { deployFlowVersion, saveFlowVersion } from ".";
import { deployVersionTx } from "./deployments";

useTestDatabase();
const engineer: Actor = { id: null, email: "engineer@example.com", name: "Engineer", role: "integration_engineer" };

const spec = (url: string) => ({
  name: "promoted-flow",
  input: { use: "http", config: { path: "/promoted" } },
  outputs: [{ id: "deliver", use: "http", config: { url } }],
});

type V = { id: string; version: number; contentHash: string; flowId: string };
let v1: V;
let v2: V;

async function change(
  version: V,
  over: {
    status?: "submitted" | "approved";
    type?: "normal" | "emergency";
    environmentId?: string;
    hash?: string;
  } = {},
) {
  return db().changeRequest.create({
    data: {
      title: "test change",
      type: over.type ?? "normal",
      status: over.status ?? "approved",
      environmentId: over.environmentId ?? "env_prod",
      windowStart: new Date(Date.now() - 60_000),
      windowEnd: new Date(Date.now() + 3_600_000),
      requestedByEmail: "someone@example.com",
      items: {
        create: {
          kind: "flow",
          itemKey: "promoted-flow",
          itemId: version.flowId,
          versionId: version.id,
          version: version.version,
          contentHash: over.hash ?? version.contentHash,
        },
      },
    },
  });
}

const toProd = (version: V, changeRequestId?: string) =>
  transaction((tx) =>
    deployVersionTx(tx, engineer, { versionId: version.id, environmentId: "env_prod", changeRequestId }),
  );

describe("promotion dev → test → prod and the change gate", () => {
  beforeAll(async () => {
    const a = await saveFlowVersion(engineer, { spec: spec("http://127.0.0.1:4100/a") }, "create");
    const b = await saveFlowVersion(engineer, { flowId: a.flowId, spec: spec("http://127.0.0.1:4100/b") });
    v1 = { ...a.version, flowId: a.flowId };
    v2 = { ...b.version, flowId: b.flowId };
  });

  it("refuses test before dev and prod before test, naming the environment to reach first", async () => {
    const early = await rejection(deployFlowVersion(engineer, { flowVersionId: v1.id, environmentId: "env_test" }));
    expect(early.code).toBe("PRECONDITION_FAILED");
    expect(early.message).toMatch(/promoted-flow v1 must reach Development \(dev\) before Test \(test\)/);
    await deployFlowVersion(engineer, { flowVersionId: v1.id, environmentId: "env_dev" });
    const c = await change(v1);
    const prod = await rejection(toProd(v1, c.id));
    expect(prod.message).toMatch(/must reach Test \(test\) before Production \(prod\)/);
    await deployFlowVersion(engineer, { flowVersionId: v1.id, environmentId: "env_test" });
    // Deployed to test once is enough, even after test moved on to another version.
    await deployFlowVersion(engineer, { flowVersionId: v2.id, environmentId: "env_dev" });
    await deployFlowVersion(engineer, { flowVersionId: v2.id, environmentId: "env_test" });
    const row = await toProd(v1, c.id);
    expect(row).toMatchObject({ environmentKey: "prod", version: 1, isActive: true });
  });

  it("refuses production without a change, with an unapproved one, one for another environment or one binding another hash", async () => {
    expect(
      (await rejection(deployFlowVersion(engineer, { flowVersionId: v2.id, environmentId: "env_prod" }))).message,
    ).toBe("Production runs what the CAB approved: open a change request for promoted-flow v2.");
    const submitted = await change(v2, { status: "submitted" });
    expect((await rejection(toProd(v2, submitted.id))).message).toMatch(/is submitted, not approved/);
    const otherEnv = await change(v2, { environmentId: "env_test" });
    expect((await rejection(toProd(v2, otherEnv.id))).message).toMatch(/another environment/);
    const otherHash = await change(v2, { hash: "0".repeat(64) });
    expect((await rejection(toProd(v2, otherHash.id))).message).toMatch(/does not bind promoted-flow v2/);
    expect(await db().deployment.count({ where: { flowVersionId: v2.id, environmentId: "env_prod" } })).toBe(0);
  });

  it("lets an emergency change deploy before its approvals, recording the change on the deployment", async () => {
    const emergency = await change(v2, { status: "submitted", type: "emergency" });
    const row = await toProd(v2, emergency.id);
    const stored = await db().deployment.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.changeRequestId).toBe(emergency.id);
    const audit = await db().auditEntry.findFirstOrThrow({ where: { action: "flow.deploy", entityId: row.id } });
    expect(audit.after).toMatchObject({ changeRequest: `CHG-${emergency.number}`, version: 2 });
  });
});
