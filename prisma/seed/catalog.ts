// Demo catalog: owners, tiers, lifecycles and links for the demo flows and the systems they connect,
// and the demo systems' endpoints and caller identities, so the engine's observed traffic lands on
// SAP S/4HANA (the demo ERP), Salesforce Sales Cloud (the demo CRM) and Coupa (the demo EDI partner).
// The stock-availability flow polls the ERP and writes to the CRM, and the only ERP → CRM interfaces
// belong to other flows: the reconciliation shows it as undocumented once the demo traffic runs.
// Through the catalog services (audited). Idempotent: an entry or a system's endpoints already set are
// left as they are, so edits made in the portal survive a re-seed.
import type { Actor } from "../../lib/auth/actor";
import { db } from "../../lib/db";
import { DEMO_CALLER_IDS, DEMO_FLOW_NAMES } from "../../lib/engine/demo/traffic";
import { env } from "../../lib/env";
import { updateCatalogEntry, updateSystemEndpoints } from "../../lib/services/catalog";
import type { TUpdateCatalogEntryInput } from "../../lib/validation/catalog";

const OWNER = "owner@switchboard.local";
const ENGINEER = "engineer@switchboard.local";
const WIKI = "https://wiki.example.com/integrations";

type TEntry = Omit<TUpdateCatalogEntryInput, "kind" | "key" | "ownerId" | "ownerName" | "assessmentIntervalDays"> & {
  owner: string;
};

const FLOWS: Record<string, TEntry> = {
  [DEMO_FLOW_NAMES.ordersToCrm]: {
    owner: OWNER,
    lifecycle: "production",
    tier: 1,
    docsUrl: `${WIKI}/erp-orders-to-crm`,
    runbookUrl: `${WIKI}/erp-orders-to-crm/runbook`,
    description: "Sales orders from the ERP become CRM orders, so account managers see what was ordered.",
  },
  [DEMO_FLOW_NAMES.customersToErp]: {
    owner: OWNER,
    lifecycle: "production",
    tier: 2,
    docsUrl: `${WIKI}/crm-customers-to-erp`,
    runbookUrl: `${WIKI}/crm-customers-to-erp/runbook`,
    description: "Customer changes made in the CRM reach the ERP's customer master.",
  },
  [DEMO_FLOW_NAMES.poToEdi]: {
    owner: ENGINEER,
    lifecycle: "production",
    tier: 1,
    docsUrl: `${WIKI}/po-to-edi-850`,
    runbookUrl: `${WIKI}/po-to-edi-850/runbook`,
    description: "Purchase orders go to the EDI partner as X12 850s.",
  },
  [DEMO_FLOW_NAMES.invoicesToErp]: {
    owner: ENGINEER,
    lifecycle: "production",
    tier: 2,
    docsUrl: `${WIKI}/edi-810-invoices`,
    runbookUrl: `${WIKI}/edi-810-invoices/runbook`,
    description: "The EDI partner's X12 810 invoices become ERP invoices.",
  },
  [DEMO_FLOW_NAMES.shipmentsToErp]: {
    owner: ENGINEER,
    lifecycle: "experimental",
    tier: 3,
    docsUrl: `${WIKI}/edi-856-shipments`,
    runbookUrl: "",
    description: "Ship notices from the EDI partner, piloted against the ERP before the warehouse takes them.",
  },
  [DEMO_FLOW_NAMES.stockToCrm]: {
    owner: ENGINEER,
    lifecycle: "experimental",
    tier: 3,
    docsUrl: "",
    runbookUrl: "",
    description: "Stock changes polled from the ERP's feed update availability in the CRM.",
  },
};

/** Inventory system → the demo system it plays, its path under the demo server and its caller id. */
const SYSTEMS: { name: string; path: string; callerId: string; entry: TEntry }[] = [
  {
    name: "SAP S/4HANA",
    path: "/erp",
    callerId: DEMO_CALLER_IDS.erp,
    entry: {
      owner: ENGINEER,
      lifecycle: "production",
      tier: 1,
      docsUrl: `${WIKI}/systems/sap`,
      runbookUrl: `${WIKI}/systems/sap/runbook`,
      description: "",
    },
  },
  {
    name: "Salesforce Sales Cloud",
    path: "/crm",
    callerId: DEMO_CALLER_IDS.crm,
    entry: {
      owner: ENGINEER,
      lifecycle: "production",
      tier: 1,
      docsUrl: `${WIKI}/systems/salesforce`,
      runbookUrl: "",
      description: "",
    },
  },
  {
    name: "Coupa",
    path: "/edi",
    callerId: DEMO_CALLER_IDS.edi,
    entry: {
      owner: ENGINEER,
      lifecycle: "production",
      tier: 2,
      docsUrl: `${WIKI}/systems/coupa`,
      runbookUrl: "",
      description: "",
    },
  },
];

async function seedEntry(
  actor: Actor,
  kind: "system" | "flow",
  key: string,
  entry: TEntry,
  users: Map<string, string>,
) {
  if (await db().catalogEntry.findUnique({ where: { kind_key: { kind, key } }, select: { id: true } })) return false;
  const { owner, ...rest } = entry;
  await updateCatalogEntry(actor, {
    kind,
    key,
    ownerId: users.get(owner) ?? null,
    ownerName: users.has(owner) ? "" : owner,
    assessmentIntervalDays: 91,
    ...rest,
  });
  return true;
}

export async function seedCatalog(actor: Actor): Promise<void> {
  const users = new Map(
    (await db().user.findMany({ where: { email: { in: [OWNER, ENGINEER] } }, select: { id: true, email: true } })).map(
      (u) => [u.email, u.id],
    ),
  );
  const demoBaseUrl = `http://127.0.0.1:${env().SWITCHBOARD_DEMO_PORT}`;
  let created = 0;
  let matched = 0;
  for (const s of SYSTEMS) {
    const system = await db().system.findUnique({
      where: { name: s.name },
      select: { id: true, endpoints: true, callerIds: true },
    });
    if (!system) continue;
    if (!system.endpoints.length && !system.callerIds.length) {
      await updateSystemEndpoints(actor, {
        systemId: system.id,
        endpoints: [`${demoBaseUrl}${s.path}`],
        callerIds: [s.callerId],
      });
      matched++;
    }
    if (await seedEntry(actor, "system", system.id, s.entry, users)) created++;
  }
  // Entries are created in FLOWS' order: the owner's first is the orders flow, which the health seed assesses.
  const flows = await db().flow.findMany({
    where: { name: { in: Object.keys(FLOWS) }, archivedAt: null },
    select: { id: true, name: true },
  });
  for (const name of Object.keys(FLOWS)) {
    const flow = flows.find((f) => f.name === name);
    if (flow && (await seedEntry(actor, "flow", flow.id, FLOWS[name]!, users))) created++;
  }
  console.log(`  catalog: ${created} entries created, ${matched} systems given endpoints and callers`);
}
