// Demo quarantine: a CRM customer entry point guarded by the rule set "crm-customers" (owned by the demo
// data owner, deployed in dev), and records its validate step quarantined, each failing exactly the
// rules its violations name (the pure evaluator agrees), so the review and the journeys have work.
import { randomUUID } from "node:crypto";
import type { Actor } from "../../lib/auth/actor";
import { db, transaction, type Prisma } from "../../lib/db";
import { env } from "../../lib/env";
import { ruleSetConfigKind } from "../../lib/services/quality/rules";
import { deployFlowVersion, saveFlowVersion } from "../../lib/services/flows";
import { setFlowDataDomains } from "../../lib/services/flows/data-domains";
import type { TFlowSpecInput } from "../../lib/validation/flow-spec";
import { ZRuleSetDocument } from "../../lib/quality/rules/document";

export const QUARANTINE_RULE_SET = "crm-customers";
export const QUARANTINE_FLOW = "demo-crm-customers-validated";

export const QUARANTINE_DOCUMENT = ZRuleSetDocument.parse({
  description: "Customer records entering from the CRM: identity, contact and bank details.",
  rules: [
    { id: "customer-id-required", field: "customerId", check: "required", message: "a customer needs its CRM id" },
    { id: "email-format", field: "email", check: "format", format: "email", message: "must be an email address" },
    {
      id: "country-iso",
      field: "country",
      check: "format",
      format: "country-alpha2",
      message: "must be an ISO country",
    },
    { id: "iban-checksum", field: "iban", check: "format", format: "iban", message: "must be a valid IBAN" },
  ],
});

type TSeedRecord = {
  record: Record<string, unknown>;
  violations: { ruleId: string; field: string; message: string }[];
};

/** 24 customers, each breaking one or two rules (their violations as the evaluator reports them). */
export function seedRecords(): TSeedRecord[] {
  const out: TSeedRecord[] = [];
  for (let i = 1; i <= 24; i++) {
    const record: Record<string, unknown> = {
      customerId: `CRM-${String(4100 + i)}`,
      name: `Demo Customer ${i}`,
      email: `customer${i}@example.com`,
      country: "DE",
      iban: "DE89370400440532013000",
    };
    const violations: TSeedRecord["violations"] = [];
    if (i % 3 !== 0) {
      record.email = `customer${i}.example.com`;
      violations.push({ ruleId: "email-format", field: "email", message: "must be an email address" });
    }
    if (i % 4 === 0) {
      record.country = "Germany";
      violations.push({ ruleId: "country-iso", field: "country", message: "must be an ISO country" });
    }
    if (i % 3 === 0) {
      record.iban = "DE89370400440532013001";
      violations.push({ ruleId: "iban-checksum", field: "iban", message: "must be a valid IBAN" });
    }
    out.push({ record, violations });
  }
  return out;
}

async function ownerActor(): Promise<Actor> {
  return db().user.findUniqueOrThrow({
    where: { email: "owner@switchboard.local" },
    select: { id: true, email: true, name: true, role: true },
  });
}

export async function seedQualityQuarantine(actor: Actor): Promise<void> {
  const owner = await ownerActor();
  const dev = await db().environment.findUniqueOrThrow({ where: { key: "dev" } });
  const demoBaseUrl = `http://127.0.0.1:${env().SWITCHBOARD_DEMO_PORT}`;

  // The rule set through its config kind: same content, same version; the owner is its creator.
  const kind = ruleSetConfigKind;
  const version = await transaction((tx) => kind.ensureVersion(tx, owner, QUARANTINE_RULE_SET, QUARANTINE_DOCUMENT));
  const deployed = await transaction((tx) => kind.listDeployed(tx, dev.id));
  if (!deployed.some((d) => d.key === QUARANTINE_RULE_SET && d.versionId === version.versionId))
    await transaction((tx) => kind.deploy(tx, owner, { versionId: version.versionId, environmentId: dev.id }));

  const spec: TFlowSpecInput = {
    name: QUARANTINE_FLOW,
    description: "Demo: CRM customers checked against the crm-customers rule set before they reach the ERP.",
    input: { use: "http", config: { path: "/demo/crm/customers-validated" } },
    steps: [
      { id: "validate", use: "validate_rules", config: { ruleSet: QUARANTINE_RULE_SET } },
      // Feeds the stream profile "CRM customers (stream, dev)" (prisma/seed/quality-profiling.ts).
      { id: "profile", use: "profile", config: {} },
    ],
    outputs: [{ id: "erp", use: "http", config: { url: `${demoBaseUrl}/erp/customers` } }],
  };
  const saved = await saveFlowVersion(
    actor,
    { spec, owner: "Data quality (demo)", note: "Seeded demo flow" },
    "import",
  );
  const active = await db().deployment.findFirst({
    where: { flowId: saved.flowId, environmentId: dev.id, activeSlot: { not: null } },
    select: { id: true, flowVersionId: true },
  });
  if (active?.flowVersionId !== saved.version.id)
    await deployFlowVersion(actor, { flowVersionId: saved.version.id, environmentId: dev.id });
  const customer = await db().dataDomain.findUnique({ where: { key: "customer" }, select: { id: true } });
  if (customer && !(await db().flowDataDomain.findFirst({ where: { flowId: saved.flowId } })))
    await setFlowDataDomains(actor, { flowId: saved.flowId, dataDomainIds: [customer.id] });

  if (await db().quarantineEntry.findFirst({ where: { ruleSetKey: QUARANTINE_RULE_SET } })) return;
  const deployment = await db().deployment.findFirst({
    where: { flowId: saved.flowId, environmentId: dev.id, activeSlot: { not: null } },
    select: { id: true },
  });
  const start = Date.now() - 6 * 60 * 60_000;
  await db().quarantineEntry.createMany({
    data: seedRecords().map((s, i) => {
      const messageId = randomUUID();
      return {
        flowId: saved.flowId,
        flowVersionId: saved.version.id,
        environmentId: dev.id,
        deploymentId: deployment?.id ?? null,
        stepId: "validate",
        ruleSetKey: QUARANTINE_RULE_SET,
        ruleSetVersionId: version.versionId,
        messageId,
        correlationId: randomUUID(),
        inputId: messageId,
        recordIndex: 0,
        record: s.record as Prisma.InputJsonValue,
        violations: s.violations.map((v) => ({ ...v, value: s.record[v.field] ?? null })),
        ruleIds: s.violations.map((v) => v.ruleId),
        fields: s.violations.map((v) => v.field),
        headers: {},
        // Spread over the last hours, oldest first; already notified (the seed is not news).
        createdAt: new Date(start + i * 10 * 60_000),
        notifiedAt: new Date(),
      };
    }),
  });
}
