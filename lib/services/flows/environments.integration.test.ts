import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { rejection } from "@/test/rejection";
import { useTestDatabase } from "@/test/db";
import {
  deleteSecretReference,
  deleteVariable,
  listEnvironmentConfigs,
  setSecretReference,
  setVariable,
} from "./environments";

useTestDatabase();
const engineer: Actor = { id: null, email: "engineer@example.com", name: "Engineer", role: "integration_engineer" };
const viewer: Actor = { id: null, email: "viewer@example.com", name: "Viewer", role: "viewer" };

describe("environment variables and secret references", () => {
  it("sets, lists and deletes them for environment:manage, audited without any secret value", async () => {
    await setVariable(engineer, { environmentKey: "test", name: "ERP_URL", value: "https://erp.test.example" });
    await setVariable(engineer, { environmentKey: "test", name: "ERP_URL", value: "https://erp2.test.example" });
    await setSecretReference(engineer, { environmentKey: "test", name: "ERP_TOKEN", reference: "ERP_TOKEN_TEST" });
    const envs = await listEnvironmentConfigs(viewer);
    expect(envs.map((e) => e.key)).toEqual(["dev", "test", "prod"]);
    const test = envs.find((e) => e.key === "test")!;
    expect(test.variables).toMatchObject([{ name: "ERP_URL", value: "https://erp2.test.example" }]);
    expect(test.secrets).toMatchObject([{ name: "ERP_TOKEN", provider: "env", reference: "ERP_TOKEN_TEST" }]);
    const actions = (await db().auditEntry.findMany({ orderBy: { seq: "asc" } })).map((a) => a.action);
    expect(actions).toEqual([
      "environment.variable.create",
      "environment.variable.update",
      "environment.secret_reference.create",
    ]);
    await deleteVariable(engineer, { environmentKey: "test", name: "ERP_URL" });
    await deleteSecretReference(engineer, { environmentKey: "test", name: "ERP_TOKEN" });
    expect(await db().environmentVariable.count()).toBe(0);
    expect(await db().secretReference.count()).toBe(0);
  });

  it("refuses readers, bad names, values where a reference belongs and unknown environments", async () => {
    expect((await rejection(setVariable(viewer, { environmentKey: "dev", name: "A", value: "x" }))).code).toBe(
      "FORBIDDEN",
    );
    await expect(setVariable(engineer, { environmentKey: "dev", name: "1A", value: "x" })).rejects.toThrow(
      /letters, digits and _/,
    );
    await expect(
      setSecretReference(engineer, { environmentKey: "dev", name: "TOKEN", reference: "s3cr3t-Value-123" }),
    ).rejects.toThrow(ZodError);
    expect((await rejection(setVariable(engineer, { environmentKey: "staging", name: "A", value: "x" }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await rejection(deleteVariable(engineer, { environmentKey: "dev", name: "MISSING" }))).code).toBe(
      "NOT_FOUND",
    );
  });
});
