import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction, type Tx } from "@/lib/db";
import { mapPrismaError } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import {
  ZDeleteConfigNameInput,
  ZSetSecretReferenceInput,
  ZSetVariableInput,
  type TDeleteConfigNameInput,
  type TSetSecretReferenceInput,
  type TSetVariableInput,
} from "@/lib/validation/environments";
import { appendAudit } from "../audit";

export type EnvironmentVariableRow = { name: string; value: string; updatedAt: string };
/** Where a secret lives (provider "env": the engine's environment variable `reference`); never its value. */
export type SecretReferenceRow = { name: string; provider: string; reference: string; updatedAt: string };
export type EnvironmentConfigRow = {
  id: string;
  key: string;
  name: string;
  isProduction: boolean;
  sortOrder: number;
  variables: EnvironmentVariableRow[];
  secrets: SecretReferenceRow[];
};

const environmentInclude = {
  variables: { orderBy: { name: "asc" } },
  secrets: { orderBy: { name: "asc" } },
} as const;

type EnvironmentRecord = {
  id: string;
  key: string;
  name: string;
  isProduction: boolean;
  sortOrder: number;
  variables: { name: string; value: string; updatedAt: Date }[];
  secrets: { name: string; provider: string; reference: string; updatedAt: Date }[];
};

const toRow = (e: EnvironmentRecord): EnvironmentConfigRow => ({
  id: e.id,
  key: e.key,
  name: e.name,
  isProduction: e.isProduction,
  sortOrder: e.sortOrder,
  variables: e.variables.map((v) => ({ name: v.name, value: v.value, updatedAt: v.updatedAt.toISOString() })),
  secrets: e.secrets.map((s) => ({
    name: s.name,
    provider: s.provider,
    reference: s.reference,
    updatedAt: s.updatedAt.toISOString(),
  })),
});

/** Environments in promotion order (dev → test → prod) with their variables and secret references. */
export async function listEnvironmentConfigs(actor: Actor): Promise<EnvironmentConfigRow[]> {
  assertCan(actor, "flow:read");
  const rows = await db().environment.findMany({ orderBy: { sortOrder: "asc" }, include: environmentInclude });
  return rows.map(toRow);
}

export async function environmentConfigTx(tx: Tx, environmentKey: string): Promise<EnvironmentConfigRow> {
  const env = await tx.environment.findUnique({ where: { key: environmentKey }, include: environmentInclude });
  if (!env)
    throw new AppError("NOT_FOUND", `There is no environment "${environmentKey}".`, {
      fieldErrors: { environmentKey: ["Choose an existing environment."] },
    });
  return toRow(env);
}

async function environmentIdTx(tx: Tx, key: string): Promise<string> {
  return (await environmentConfigTx(tx, key)).id;
}

export async function setVariableTx(tx: Tx, actor: Actor, input: TSetVariableInput): Promise<void> {
  assertCan(actor, "environment:manage");
  const environmentId = await environmentIdTx(tx, input.environmentKey);
  const before = await tx.environmentVariable.findUnique({
    where: { environmentId_name: { environmentId, name: input.name } },
  });
  if (before?.value === input.value) return;
  await tx.environmentVariable.upsert({
    where: { environmentId_name: { environmentId, name: input.name } },
    create: { environmentId, name: input.name, value: input.value },
    update: { value: input.value },
  });
  await appendAudit(tx, {
    actor,
    action: before ? "environment.variable.update" : "environment.variable.create",
    entityType: "EnvironmentVariable",
    entityId: `${input.environmentKey}:${input.name}`,
    before: before ? { value: before.value } : null,
    after: { environment: input.environmentKey, name: input.name, value: input.value },
  });
}

export async function deleteVariableTx(tx: Tx, actor: Actor, input: TDeleteConfigNameInput): Promise<void> {
  assertCan(actor, "environment:manage");
  const environmentId = await environmentIdTx(tx, input.environmentKey);
  const before = await tx.environmentVariable.findUnique({
    where: { environmentId_name: { environmentId, name: input.name } },
  });
  if (!before) throw new AppError("NOT_FOUND", `${input.environmentKey} has no variable ${input.name}.`);
  await tx.environmentVariable.delete({ where: { environmentId_name: { environmentId, name: input.name } } });
  await appendAudit(tx, {
    actor,
    action: "environment.variable.delete",
    entityType: "EnvironmentVariable",
    entityId: `${input.environmentKey}:${input.name}`,
    before: { environment: input.environmentKey, name: input.name, value: before.value },
    after: null,
  });
}

export async function setSecretReferenceTx(tx: Tx, actor: Actor, input: TSetSecretReferenceInput): Promise<void> {
  assertCan(actor, "environment:manage");
  const environmentId = await environmentIdTx(tx, input.environmentKey);
  const before = await tx.secretReference.findUnique({
    where: { environmentId_name: { environmentId, name: input.name } },
  });
  if (before?.provider === input.provider && before.reference === input.reference) return;
  await tx.secretReference.upsert({
    where: { environmentId_name: { environmentId, name: input.name } },
    create: { environmentId, name: input.name, provider: input.provider, reference: input.reference },
    update: { provider: input.provider, reference: input.reference },
  });
  // Only where the secret lives is recorded: there is no value to leak.
  await appendAudit(tx, {
    actor,
    action: before ? "environment.secret_reference.update" : "environment.secret_reference.create",
    entityType: "SecretReference",
    entityId: `${input.environmentKey}:${input.name}`,
    before: before ? { provider: before.provider, reference: before.reference } : null,
    after: {
      environment: input.environmentKey,
      name: input.name,
      provider: input.provider,
      reference: input.reference,
    },
  });
}

export async function deleteSecretReferenceTx(tx: Tx, actor: Actor, input: TDeleteConfigNameInput): Promise<void> {
  assertCan(actor, "environment:manage");
  const environmentId = await environmentIdTx(tx, input.environmentKey);
  const before = await tx.secretReference.findUnique({
    where: { environmentId_name: { environmentId, name: input.name } },
  });
  if (!before) throw new AppError("NOT_FOUND", `${input.environmentKey} has no secret reference ${input.name}.`);
  await tx.secretReference.delete({ where: { environmentId_name: { environmentId, name: input.name } } });
  await appendAudit(tx, {
    actor,
    action: "environment.secret_reference.delete",
    entityType: "SecretReference",
    entityId: `${input.environmentKey}:${input.name}`,
    before: {
      environment: input.environmentKey,
      name: input.name,
      provider: before.provider,
      reference: before.reference,
    },
    after: null,
  });
}

function run<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  return transaction(fn).catch((error: unknown) => mapPrismaError(error, "environment setting"));
}

export async function setVariable(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "environment:manage");
  const input = ZSetVariableInput.parse(raw);
  return run((tx) => setVariableTx(tx, actor, input));
}

export async function deleteVariable(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "environment:manage");
  const input = ZDeleteConfigNameInput.parse(raw);
  return run((tx) => deleteVariableTx(tx, actor, input));
}

export async function setSecretReference(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "environment:manage");
  const input = ZSetSecretReferenceInput.parse(raw);
  return run((tx) => setSecretReferenceTx(tx, actor, input));
}

export async function deleteSecretReference(actor: Actor, raw: unknown): Promise<void> {
  assertCan(actor, "environment:manage");
  const input = ZDeleteConfigNameInput.parse(raw);
  return run((tx) => deleteSecretReferenceTx(tx, actor, input));
}
