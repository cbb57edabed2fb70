// Demo privacy: the CRM customer fields classified (on the quarantine's CRM customer flow and on the
// CRM system), one suggestion left to decide, the masking policy "crm-customers" deployed in dev, and an
// active token key. Through the services, as the data owner; idempotent: a field already classified the
// same way, a policy version already deployed, an active key are left as they are.
import type { Actor } from "../../lib/auth/actor";
import { db, transaction } from "../../lib/db";
import { KEK_VARIABLE } from "../../lib/quality/privacy/kek";
import type { TLevel, TScopeKind, TTag } from "../../lib/quality/privacy/classification";
import { ZMaskingPolicyDocument } from "../../lib/quality/privacy/policy";
import { classifyField, ensureActiveTokenKey, maskingConfigKind } from "../../lib/services/quality/privacy";
import { QUARANTINE_FLOW } from "./quality-quarantine";

export const PRIVACY_POLICY = "crm-customers";
const CRM_SYSTEM = "Salesforce Sales Cloud";

type TSeedClass = [fieldPath: string, level: TLevel, tags: TTag[]];

/** The fields of the CRM customer records the quarantine seed and the journeys send. */
const FLOW_FIELDS: TSeedClass[] = [
  ["name", "confidential", ["PII"]],
  ["email", "confidential", ["PII"]],
  ["iban", "restricted", ["PII", "financial"]],
  ["customerId", "internal", []],
];

/** The CRM system's own contact fields, for flows of its interfaces. */
const SYSTEM_FIELDS: TSeedClass[] = [
  ["email", "confidential", ["PII"]],
  ["phone", "confidential", ["PII"]],
];

export const PRIVACY_POLICY_DOCUMENT = ZMaskingPolicyDocument.parse({
  key: PRIVACY_POLICY,
  description:
    "CRM customer data outside production: IBANs keep their country and last four, personal data is tokenized (joinable), anything else restricted is redacted.",
  flows: [QUARANTINE_FLOW],
  rules: [
    { match: { path: "iban" }, method: "partial", keepFirst: 2, keepLast: 4 },
    { match: { tag: "PCI" }, method: "partial", keepLast: 4 },
    { match: { tag: "PII" }, method: "tokenize" },
    { match: { level: "restricted" }, method: "redact" },
  ],
});

async function classifyOnce(
  owner: Actor,
  scopeKind: TScopeKind,
  scopeId: string,
  [fieldPath, level, tags]: TSeedClass,
) {
  const existing = await db().fieldClassification.findUnique({
    where: { scopeKind_scopeId_fieldPath: { scopeKind, scopeId, fieldPath } },
    select: { status: true, level: true, tags: true },
  });
  const same =
    existing?.status === "confirmed" && existing.level === level && [...tags].sort().join() === existing.tags.join();
  if (!same) await classifyField(owner, { scopeKind, scopeId, fieldPath, level, tags });
}

export async function seedQualityPrivacy(actor: Actor): Promise<void> {
  const owner = await db().user.findUniqueOrThrow({
    where: { email: "owner@switchboard.local" },
    select: { id: true, email: true, name: true, role: true },
  });
  const [flow, crm, dev] = await Promise.all([
    db().flow.findUnique({ where: { name: QUARANTINE_FLOW }, select: { id: true, name: true } }),
    db().system.findFirst({ where: { name: CRM_SYSTEM }, select: { id: true } }),
    db().environment.findUniqueOrThrow({ where: { key: "dev" } }),
  ]);

  if (flow) {
    for (const field of FLOW_FIELDS) await classifyOnce(owner, "flow", flow.id, field);
    // A suggestion the data owner still has to confirm or dismiss (as suggestForFlow records them).
    await db().fieldClassification.createMany({
      data: [
        {
          scopeKind: "flow",
          scopeId: flow.id,
          scopeName: flow.name,
          fieldPath: "country",
          level: "internal",
          tags: ["PII"],
          status: "suggested",
          confidence: 0.4,
          reason: "a country next to a name can narrow down a person",
          suggestedAt: new Date(),
          createdBy: actor.email,
        },
      ],
      skipDuplicates: true,
    });
  }
  if (crm) for (const field of SYSTEM_FIELDS) await classifyOnce(owner, "system", crm.id, field);

  // The policy through its config kind: same content, same version; deployed in dev once.
  const kind = maskingConfigKind;
  const version = await transaction((tx) => kind.ensureVersion(tx, owner, PRIVACY_POLICY, PRIVACY_POLICY_DOCUMENT));
  const deployed = await transaction((tx) => kind.listDeployed(tx, dev.id));
  if (!deployed.some((d) => d.key === PRIVACY_POLICY && d.versionId === version.versionId))
    await transaction((tx) => kind.deploy(tx, owner, { versionId: version.versionId, environmentId: dev.id }));

  try {
    await ensureActiveTokenKey(owner);
  } catch (error) {
    // A production-mode seed without the KEK (the e2e server): hash and tokenize rules redact until a
    // key exists; rotating in the portal creates one once the variable is set.
    if (!(error instanceof Error) || !error.message.includes(KEK_VARIABLE)) throw error;
    console.log(`  privacy: no token key created (${KEK_VARIABLE} is not set); tokenize rules redact for now`);
  }
}
