// Demo engine data: the six demo flows between the demo ERP, CRM and EDI partner (lib/engine/demo),
// deployed and running in dev so `npm start` shows live traffic; plus one architecture decision record.
import type { Actor } from "../../lib/auth/actor";
import { db } from "../../lib/db";
import { demoFlowSpecs } from "../../lib/engine/demo/flows";
import { DEMO_FLOW_NAMES } from "../../lib/engine/demo/traffic";
import { env } from "../../lib/env";
import { getInterfaceContext, recordDecision } from "../../lib/services/advisor";
import { deployFlowVersion, saveFlowVersion } from "../../lib/services/flows";
import { ZAdvisorInput } from "../../lib/validation/advisor";

const DEMO_OWNER = "Integration team (demo)";

/**
 * The inventory interface (source system, target system, name: its natural key) each demo flow
 * implements, where the demo inventory has an obvious one. The ship-notice flow has none: the
 * inventory's ASNs go to the warehouse system, not to the ERP.
 */
const DEMO_FLOW_INTERFACES: Partial<Record<string, [string, string, string]>> = {
  [DEMO_FLOW_NAMES.ordersToCrm]: ["SAP S/4HANA", "Salesforce Sales Cloud", "Order status to CRM"],
  [DEMO_FLOW_NAMES.customersToErp]: ["SAP S/4HANA", "Salesforce Sales Cloud", "Customer master sync"],
  [DEMO_FLOW_NAMES.poToEdi]: ["SAP S/4HANA", "Coupa", "Purchase orders to Coupa"],
  [DEMO_FLOW_NAMES.invoicesToErp]: ["Coupa", "SAP S/4HANA", "Supplier invoices to ERP"],
};

async function demoInterfaceId(flowName: string): Promise<string | undefined> {
  const key = DEMO_FLOW_INTERFACES[flowName];
  if (!key) return undefined;
  const [source, target, name] = key;
  const iface = await db().interface.findFirst({
    where: { name, sourceSystem: { name: source }, targetSystem: { name: target } },
    select: { id: true },
  });
  return iface?.id;
}

export async function seedEngine(actor: Actor): Promise<void> {
  const demoBaseUrl = `http://127.0.0.1:${env().SWITCHBOARD_DEMO_PORT}`;
  const dev = await db().environment.findUniqueOrThrow({ where: { key: "dev" } });
  for (const spec of demoFlowSpecs(demoBaseUrl)) {
    // Same content → same version (content hash), so a re-run creates nothing new.
    // Links the flow to its interface (unchanged on a re-run); undefined leaves the link as it is.
    const interfaceId = await demoInterfaceId(spec.name);
    const saved = await saveFlowVersion(
      actor,
      { spec, owner: DEMO_OWNER, note: "Seeded demo flow", interfaceId },
      "import",
    );
    const active = await db().deployment.findFirst({
      where: { flowId: saved.flowId, environmentId: dev.id, activeSlot: { not: null } },
      select: { flowVersionId: true },
    });
    if (active?.flowVersionId !== saved.version.id)
      await deployFlowVersion(actor, { flowVersionId: saved.version.id, environmentId: dev.id });
  }
  await seedDecision(actor);
}

/** One ADR on the first inventory interface, so the advisor's record list is not empty. */
async function seedDecision(actor: Actor): Promise<void> {
  if ((await db().architectureDecision.count()) > 0) return;
  const iface = await db().interface.findFirst({ orderBy: { name: "asc" }, select: { id: true, name: true } });
  if (!iface) return;
  const context = await getInterfaceContext(actor, iface.id);
  const inputs = ZAdvisorInput.safeParse({
    volatility: "medium",
    endpointCount: 2,
    latency: "minutes",
    scalability: "growing",
    sourceCapabilities: ["sync_api"],
    sourceFormat: "json",
    targetFormats: ["json"],
    sourceHosting: "cloud",
    targetHosting: "cloud",
    sourceRegion: "eu",
    targetRegion: "eu",
    containsPersonalData: true,
    mustStayOnPrem: false,
    legalBasis: "none",
    ...Object.fromEntries(Object.entries(context.defaults).filter(([, v]) => v !== undefined)),
    messagesPerDay: context.defaults.messagesPerDay ?? 1000,
  });
  if (!inputs.success) return;
  await recordDecision(actor, {
    interfaceId: iface.id,
    title: `Integration architecture for ${iface.name}`,
    context: "Seeded example decision.",
    inputs: inputs.data,
  });
}
