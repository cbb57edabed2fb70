// Demo CAB data: change models, a blackout calendar (quarter-end freeze, Black Friday, the weekly
// Friday-evening freeze), maintenance windows for two systems, data domain classifications and the data
// the demo flows carry, a second CAB member, and a few changes to production made through the changes
// services (one implemented, one rejected, one waiting for the CAB), so a newcomer sees a working CAB.
// Idempotent: what exists is left as it is.
import type { Actor } from "../../lib/auth/actor";
import { db } from "../../lib/db";
import { DEMO_FLOW_NAMES } from "../../lib/engine/demo/traffic";
import {
  createChangeModel,
  createChangeWindow,
  decideChange,
  implementChange,
  openChangeRequest,
} from "../../lib/services/changes";
import { deployFlowVersion } from "../../lib/services/flows";
import { setFlowDataDomains } from "../../lib/services/flows/data-domains";
import { setDataDomainClassification } from "../../lib/services/ownership/classification";
import { createUser } from "../../lib/services/users";
import type { TDataClassification } from "../../lib/validation/data-domains";
import { DEMO_PASSWORD } from "./demo-accounts";

/** A second CAB member, so a medium-risk change can reach its two approvals without the data owner's vote. */
export const SECOND_CAB_MEMBER = { email: "cab2@switchboard.local", name: "Chen CAB", role: "cab_member" as const };

const CLASSIFICATIONS: Record<string, TDataClassification> = {
  customer: "personal",
  employee: "sensitive_personal",
  supplier: "confidential",
  financial: "confidential",
  pricing: "confidential",
  product: "internal",
};

/** The data domains each demo flow carries (by key). */
const FLOW_DOMAINS: Record<string, string[]> = {
  [DEMO_FLOW_NAMES.ordersToCrm]: ["customer", "pricing"],
  [DEMO_FLOW_NAMES.customersToErp]: ["customer"],
  [DEMO_FLOW_NAMES.poToEdi]: ["supplier", "financial"],
  [DEMO_FLOW_NAMES.invoicesToErp]: ["supplier", "financial"],
  [DEMO_FLOW_NAMES.shipmentsToErp]: ["product", "supplier"],
  [DEMO_FLOW_NAMES.stockToCrm]: ["product"],
};

const MODELS = [
  {
    key: "mapping-tweak",
    name: "Mapping tweak in a non-PII flow",
    description: "A field mapping or transform change in a flow that carries no personal data.",
    maxRisk: "low" as const,
  },
  {
    key: "target-url-update",
    name: "Target URL update within the same system",
    description: "The target endpoint moves (new host or path) but the system and the payload stay the same.",
    maxRisk: "low" as const,
  },
  {
    key: "retry-policy-tuning",
    name: "Retry and timeout tuning",
    description: "Retry counts, backoff and timeouts only; no mapping or routing change.",
    maxRisk: "medium" as const,
  },
];

const BLACKOUTS = [
  {
    name: "Quarter-end freeze",
    description: "The last three days of each quarter: finance closes the books.",
    rrule: "DTSTART:20260101T000000Z\nRRULE:FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-3",
    durationMinutes: 4320,
  },
  {
    name: "Black Friday to Cyber Monday",
    description: "Peak order volume: no changes from Black Friday through Cyber Monday.",
    // The Friday after the fourth Thursday of November falls between the 23rd and the 29th.
    rrule: "DTSTART:20261127T000000Z\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=FR;BYMONTHDAY=23,24,25,26,27,28,29",
    durationMinutes: 4 * 1440,
  },
  {
    name: "Friday-evening freeze",
    description: "No production changes late on Fridays, when few people are around to watch them.",
    rrule: "DTSTART:20260102T160000Z\nRRULE:FREQ=WEEKLY;BYDAY=FR",
    durationMinutes: 360,
  },
];

const MAINTENANCE = [
  {
    system: "SAP S/4HANA",
    name: "SAP S/4HANA Sunday maintenance",
    rrule: "DTSTART:20260104T020000Z\nRRULE:FREQ=WEEKLY;BYDAY=SU",
    durationMinutes: 240,
  },
  {
    system: "Salesforce Sales Cloud",
    name: "Salesforce Saturday-night maintenance",
    rrule: "DTSTART:20260103T220000Z\nRRULE:FREQ=WEEKLY;BYDAY=SA",
    durationMinutes: 240,
  },
];

async function actorFor(email: string): Promise<Actor> {
  return db().user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, role: true } });
}

async function seedPeopleAndData(actor: Actor): Promise<void> {
  if (!(await db().user.findUnique({ where: { email: SECOND_CAB_MEMBER.email } })))
    await createUser(actor, { ...SECOND_CAB_MEMBER, password: DEMO_PASSWORD });
  for (const [key, classification] of Object.entries(CLASSIFICATIONS)) {
    const domain = await db().dataDomain.findUnique({ where: { key }, select: { id: true, classification: true } });
    // Only the schema's default is replaced: a classification someone set stays.
    if (domain && domain.classification === "internal" && classification !== "internal")
      await setDataDomainClassification(actor, { dataDomainId: domain.id, classification });
  }
  for (const [flowName, keys] of Object.entries(FLOW_DOMAINS)) {
    const flow = await db().flow.findUnique({
      where: { name: flowName },
      select: { id: true, _count: { select: { dataDomains: true } } },
    });
    if (!flow || flow._count.dataDomains > 0) continue;
    const domains = await db().dataDomain.findMany({ where: { key: { in: keys } }, select: { id: true } });
    await setFlowDataDomains(actor, { flowId: flow.id, dataDomainIds: domains.map((d) => d.id) });
  }
}

async function seedModelsAndWindows(actor: Actor): Promise<void> {
  for (const m of MODELS)
    if (!(await db().changeModel.findUnique({ where: { key: m.key } }))) await createChangeModel(actor, m);
  for (const b of BLACKOUTS)
    if (!(await db().changeWindow.findFirst({ where: { kind: "blackout", name: b.name } })))
      await createChangeWindow(actor, { kind: "blackout", ...b });
  const prod = await db().environment.findUnique({ where: { key: "prod" }, select: { id: true } });
  for (const m of MAINTENANCE) {
    if (await db().changeWindow.findFirst({ where: { kind: "maintenance", name: m.name } })) continue;
    const system = await db().system.findFirst({ where: { name: m.system }, select: { id: true } });
    if (!system) continue;
    await createChangeWindow(actor, {
      kind: "maintenance",
      name: m.name,
      description: `Changes to ${m.system} in production go in this window.`,
      rrule: m.rrule,
      durationMinutes: m.durationMinutes,
      systemId: system.id,
      environmentId: prod?.id ?? null,
    });
  }
}

/** The flow's seeded version, deployed to test (promotion goes dev → test → prod) so prod can take it. */
async function stagedVersion(actor: Actor, flowName: string): Promise<{ id: string; version: number } | null> {
  const flow = await db().flow.findUnique({
    where: { name: flowName },
    select: { id: true, versions: { orderBy: { version: "desc" }, take: 1, select: { id: true, version: true } } },
  });
  const version = flow?.versions[0];
  if (!flow || !version) return null;
  const test = await db().environment.findUniqueOrThrow({ where: { key: "test" }, select: { id: true } });
  const inTest = await db().deployment.findFirst({ where: { flowVersionId: version.id, environmentId: test.id } });
  if (!inTest) await deployFlowVersion(actor, { flowVersionId: version.id, environmentId: test.id });
  return version;
}

const HOUR = 3_600_000;

/**
 * Three changes to production: implemented (approved by the CAB and the data owner, deployed by the
 * engineer), rejected, and one waiting for the CAB. Each is made once, recognised by its title.
 */
async function seedChanges(): Promise<void> {
  const engineer = await actorFor("engineer@switchboard.local");
  const cab = await actorFor("cab@switchboard.local");
  const cab2 = await actorFor(SECOND_CAB_MEMBER.email);
  const owner = await actorFor("owner@switchboard.local");
  const now = Date.now();
  const plans = (flow: string, v: number) => ({
    rolloutPlan: `Implement inside the window: the engine activates ${flow} v${v} in production. Watch the error rate and dead letters for 15 minutes.`,
    rollbackPlan: `Roll back from the change page to the version production ran before; replay what the restoration plan lists.`,
  });
  const exists = (title: string) => db().changeRequest.findFirst({ where: { title }, select: { id: true } });

  const implemented = `Go live: ${DEMO_FLOW_NAMES.customersToErp} in production`;
  if (!(await exists(implemented))) {
    const v = await stagedVersion(engineer, DEMO_FLOW_NAMES.customersToErp);
    if (v) {
      const opened = await openChangeRequest(engineer, {
        title: implemented,
        description: "CRM customer master into the ERP: tested in test for two weeks with no dead letters.",
        type: "normal",
        environmentKey: "prod",
        // Open for days, so the engine's first activation falls inside it whenever the demo starts.
        windowStart: new Date(now - 10 * 60_000),
        windowEnd: new Date(now + 6 * 24 * HOUR),
        ...plans(DEMO_FLOW_NAMES.customersToErp, v.version),
        items: [{ kind: "flow", versionId: v.id }],
      });
      for (const voter of [cab, owner, cab2]) {
        const change = await db().changeRequest.findUniqueOrThrow({ where: { id: opened.id } });
        if (change.status !== "submitted") break;
        await decideChange(voter, {
          changeId: opened.id,
          decision: "approve",
          comment:
            voter.id === owner.id
              ? "Customer data: mapping reviewed against the data contract; approved as the data owner."
              : "Tested in test; rollback plan is sound.",
        });
      }
      await implementChange(engineer, { changeId: opened.id });
    }
  }

  const rejected = `Route purchase orders to the new EDI partner`;
  if (!(await exists(rejected))) {
    const v = await stagedVersion(engineer, DEMO_FLOW_NAMES.poToEdi);
    if (v) {
      const opened = await openChangeRequest(engineer, {
        title: rejected,
        description: "Switch the 850 output to the new partner endpoint.",
        type: "normal",
        environmentKey: "prod",
        windowStart: new Date(now + 2 * 24 * HOUR),
        windowEnd: new Date(now + 2 * 24 * HOUR + 2 * HOUR),
        ...plans(DEMO_FLOW_NAMES.poToEdi, v.version),
        items: [{ kind: "flow", versionId: v.id }],
      });
      await decideChange(cab, {
        changeId: opened.id,
        decision: "reject",
        comment: "The partner has not confirmed their AS2 certificate yet; resubmit after their go-ahead.",
      });
    }
  }

  const waiting = `Go live: ${DEMO_FLOW_NAMES.ordersToCrm} in production`;
  if (!(await exists(waiting))) {
    const v = await stagedVersion(engineer, DEMO_FLOW_NAMES.ordersToCrm);
    if (v) {
      const tomorrow = new Date(now + 24 * HOUR);
      const start = new Date(Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate(), 9));
      await openChangeRequest(engineer, {
        title: waiting,
        description: "ERP order status into the CRM. Carries customer data: the data owner's approval is needed.",
        type: "normal",
        environmentKey: "prod",
        windowStart: start,
        windowEnd: new Date(start.getTime() + 2 * HOUR),
        ...plans(DEMO_FLOW_NAMES.ordersToCrm, v.version),
        items: [{ kind: "flow", versionId: v.id }],
      });
    }
  }
}

export async function seedChangeManagement(actor: Actor): Promise<void> {
  await seedPeopleAndData(actor);
  await seedModelsAndWindows(actor);
  await seedChanges();
}
