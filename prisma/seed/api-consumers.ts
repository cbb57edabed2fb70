// Demo API plans, consumers and keys: a bronze and a gold plan, the CRM (Salesforce) and the supplier
// portal (Coupa) as consumers of the orders API, and keys for the orders versions that exist (the APIs
// seed, which runs first, creates orders v1 and v2; without them no key is made, and a later run adds
// them). Through the services (audited, the gateway notified). Idempotent: plans and consumers are
// found by key, keys by consumer and label, so portal edits survive a re-seed.
//
// The partner portal's dev key has a fixed secret, DEMO_API_KEY, printed in the README beside the
// demo passwords: a demo-only key for calling the demo gateway without the portal. Every other key's
// secret is random and shown to nobody (the lists show its prefix).
import type { Actor } from "../../lib/auth/actor";
import { db } from "../../lib/db";
import { createApiConsumer } from "../../lib/services/apis/consumers";
import { issueApiKey, registerDemoApiKey } from "../../lib/services/apis/keys";
import { createApiPlan } from "../../lib/services/apis/plans";
import type { TApiKeyEnvironment } from "../../lib/validation/api-consumers";

/** Demo only: works in dev, for orders v1 and v2 of the seeded demo data. Never use it elsewhere. */
export const DEMO_API_KEY = "sb_dev_DemoOnlyPartnerPortalKeyNotForProduction";

const PLANS = [
  {
    key: "bronze",
    name: "Bronze",
    description: "Partners and pilots: enough for interactive use and a nightly sync.",
    ratePerSecond: 10,
    burst: 20,
    perDay: 1_000,
  },
  {
    key: "gold",
    name: "Gold",
    description: "Internal systems with steady traffic.",
    ratePerSecond: 100,
    burst: 200,
    perDay: 100_000,
    perMonth: 2_000_000,
  },
];

const CONSUMERS = [
  {
    key: "salesforce-crm",
    name: "Salesforce CRM",
    contactEmail: "crm-team@example.com",
    system: "Salesforce Sales Cloud",
    plan: "gold",
    latencyToleranceMs: 2_000,
    jwtSubjects: ["svc-salesforce-crm"],
  },
  {
    key: "supplier-portal",
    name: "Supplier portal",
    contactEmail: "integrations@supplier-portal.example",
    system: "Coupa",
    plan: "bronze",
    latencyToleranceMs: 10_000,
    jwtSubjects: [],
  },
];

type TSeedKey = {
  consumer: string;
  environment: TApiKeyEnvironment;
  majors: number[];
  label: string;
  secret?: string;
};

const KEYS: TSeedKey[] = [
  { consumer: "salesforce-crm", environment: "prod", majors: [1], label: "Order sync (production)" },
  { consumer: "salesforce-crm", environment: "test", majors: [2], label: "v2 migration tests" },
  {
    consumer: "supplier-portal",
    environment: "dev",
    majors: [1, 2],
    label: "Demo key (README)",
    secret: DEMO_API_KEY,
  },
];

export async function seedApiConsumers(actor: Actor): Promise<void> {
  const planIds = new Map<string, string>();
  for (const plan of PLANS) {
    const found = await db().apiPlan.findUnique({ where: { key: plan.key }, select: { id: true } });
    planIds.set(plan.key, found?.id ?? (await createApiPlan(actor, plan)).id);
  }

  const consumerIds = new Map<string, string>();
  for (const c of CONSUMERS) {
    const found = await db().apiConsumer.findUnique({ where: { key: c.key }, select: { id: true } });
    if (found) {
      consumerIds.set(c.key, found.id);
      continue;
    }
    const system = await db().system.findFirst({
      where: { name: { equals: c.system, mode: "insensitive" } },
      select: { id: true },
    });
    const { id } = await createApiConsumer(actor, {
      key: c.key,
      name: c.name,
      contactEmail: c.contactEmail,
      systemId: system?.id ?? null,
      planId: planIds.get(c.plan),
      latencyToleranceMs: c.latencyToleranceMs,
      jwtSubjects: c.jwtSubjects,
    });
    consumerIds.set(c.key, id);
  }

  const orders = await db().apiVersion.findMany({
    where: { product: { key: "orders" }, lifecycle: { not: "retired" } },
    select: { id: true, major: true },
  });
  const versionIds = new Map(orders.map((v) => [v.major, v.id]));
  for (const k of KEYS) {
    const consumerId = consumerIds.get(k.consumer);
    const apiVersionIds = k.majors.flatMap((m) => versionIds.get(m) ?? []);
    if (!consumerId || apiVersionIds.length === 0) continue;
    const exists = await db().apiKey.findFirst({ where: { consumerId, label: k.label }, select: { id: true } });
    if (exists) continue;
    const input = { consumerId, environment: k.environment, apiVersionIds, label: k.label };
    if (k.secret) await registerDemoApiKey(actor, input, k.secret);
    else await issueApiKey(actor, input);
  }
}
