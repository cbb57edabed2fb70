// Demo strategy data on top of the inventory seed: 20 integration candidates with ROI inputs and
// dependencies, default criteria, one locked scoring workshop, governance rules and decisions,
// data domains with owners/stewards and attestations (signed, expired, missing), and readiness for
// the six departments. Idempotent: every block skips what already exists.
import type { Actor } from "../../lib/auth/actor";
import { db } from "../../lib/db";
import { attest, assignOwnership, createDataDomain } from "../../lib/services/ownership/registry";
import { createCandidate, setCandidateStatus } from "../../lib/services/prioritization/candidates";
import { ensureDefaultCriteria } from "../../lib/services/prioritization/criteria";
import {
  createGovernanceRule,
  recordArchitectureReview,
  saveProcessDecision,
} from "../../lib/services/prioritization/governance-records";
import { createWorkshop, lockWorkshop, submitScores } from "../../lib/services/prioritization/workshops";
import { saveReadiness } from "../../lib/services/readiness/assessments";

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);

type CandidateSeed = {
  name: string;
  department: string;
  description: string;
  processes: string[];
  interfaces: string[];
  dependsOn: string[];
  effortFte: number;
  buildCost: number;
  runCostPerYear: number;
  minutesPerTxnAfter: number;
  errorRateAfterPct: number;
  costPerError: number;
  /** impact, complexity, regulatory exposure, ROI, readiness (1–5) as the workshop saw them. */
  profile: [number, number, number, number, number];
  status?: "proposed" | "approved";
  manual?: { volumePerMonth: number; manualMinutesPerTxn: number; errorRatePct: number };
};

const FIN = "Finance";
const SAL = "Sales";
const HR = "Human Resources";
const OPS = "Operations & Supply Chain";
const CS = "Customer Service";
const IT = "IT";

// Ordered so that every dependency is created before the candidate that needs it.
const CANDIDATES: CandidateSeed[] = [
  {
    name: "Price list distribution",
    department: SAL,
    description: "Publish price lists once from the pricing engine to CRM, ERP and the AS/400.",
    processes: ["Price list maintenance"],
    interfaces: ["Price lists to CRM", "Price lists to ERP"],
    dependsOn: [],
    effortFte: 0.5,
    buildCost: 45_000,
    runCostPerYear: 6_000,
    minutesPerTxnAfter: 30,
    errorRateAfterPct: 1,
    costPerError: 400,
    profile: [3, 2, 2, 3, 4],
    status: "proposed",
  },
  {
    name: "Quote-to-order automation",
    department: SAL,
    description: "Create sales orders in S/4HANA from won Salesforce opportunities, with validated prices.",
    processes: ["Quote to order"],
    interfaces: ["Won opportunities to sales orders"],
    dependsOn: ["Price list distribution"],
    effortFte: 1,
    buildCost: 160_000,
    runCostPerYear: 22_000,
    minutesPerTxnAfter: 2,
    errorRateAfterPct: 1,
    costPerError: 180,
    profile: [5, 4, 2, 5, 3],
    status: "proposed",
  },
  {
    name: "Customer master synchronisation",
    department: CS,
    description: "One golden customer record flowing from ERP to CRM and Zendesk.",
    processes: ["Customer master change requests"],
    interfaces: ["Customer master sync", "Customer data to Zendesk"],
    dependsOn: [],
    effortFte: 0.5,
    buildCost: 90_000,
    runCostPerYear: 12_000,
    minutesPerTxnAfter: 2,
    errorRateAfterPct: 1,
    costPerError: 60,
    profile: [4, 3, 4, 3, 3],
  },
  {
    name: "Supplier invoice straight-through processing",
    department: FIN,
    description: "Post Coupa invoices to S/4HANA by API with automatic exception routing.",
    processes: ["Supplier invoice processing"],
    interfaces: ["Supplier invoices to ERP"],
    dependsOn: [],
    effortFte: 1,
    buildCost: 120_000,
    runCostPerYear: 15_000,
    minutesPerTxnAfter: 1,
    errorRateAfterPct: 1,
    costPerError: 45,
    profile: [5, 2, 3, 5, 4],
    status: "approved",
  },
  {
    name: "Vendor onboarding workflow",
    department: FIN,
    description: "Create vendors once, with bank detail verification, in Coupa and S/4HANA.",
    processes: ["Vendor onboarding"],
    interfaces: ["Supplier master to Coupa"],
    dependsOn: [],
    effortFte: 0.5,
    buildCost: 70_000,
    runCostPerYear: 8_000,
    minutesPerTxnAfter: 15,
    errorRateAfterPct: 2,
    costPerError: 2_500,
    profile: [3, 2, 5, 2, 4],
  },
  {
    name: "US ledger consolidation feed",
    department: FIN,
    description: "Automated NetSuite trial balance feed into group consolidation.",
    processes: ["Month-end close"],
    interfaces: ["US subsidiary ledger to group ERP"],
    dependsOn: [],
    effortFte: 1,
    buildCost: 85_000,
    runCostPerYear: 10_000,
    minutesPerTxnAfter: 600,
    errorRateAfterPct: 1,
    costPerError: 5_000,
    profile: [4, 3, 5, 3, 3],
    status: "proposed",
  },
  {
    name: "Intercompany invoice exchange",
    department: FIN,
    description: "Book intercompany invoices once, on both sides, from a shared feed.",
    processes: ["Intercompany reconciliation"],
    interfaces: ["Intercompany invoices US to EU"],
    dependsOn: ["US ledger consolidation feed"],
    effortFte: 0.5,
    buildCost: 60_000,
    runCostPerYear: 7_000,
    minutesPerTxnAfter: 5,
    errorRateAfterPct: 2,
    costPerError: 900,
    profile: [3, 3, 4, 3, 3],
  },
  {
    name: "Returns (RMA) digitisation",
    department: OPS,
    description: "Electronic RMAs from Zendesk to the WMS and receipts back to ERP.",
    processes: ["Customer returns (RMA)"],
    interfaces: ["Returns authorisations to WMS", "Returns receipts to ERP"],
    dependsOn: [],
    effortFte: 1,
    buildCost: 95_000,
    runCostPerYear: 11_000,
    minutesPerTxnAfter: 4,
    errorRateAfterPct: 2,
    costPerError: 70,
    profile: [3, 3, 2, 3, 3],
  },
  {
    name: "Refund automation",
    department: CS,
    description: "Trigger credit memos from approved Zendesk refunds once the return is received.",
    processes: ["Refund approval"],
    interfaces: ["Refund requests to ERP"],
    dependsOn: ["Returns (RMA) digitisation"],
    effortFte: 0.5,
    buildCost: 55_000,
    runCostPerYear: 6_000,
    minutesPerTxnAfter: 1,
    errorRateAfterPct: 1,
    costPerError: 35,
    profile: [4, 2, 3, 4, 3],
  },
  {
    name: "Order status self-service (WISMO)",
    department: CS,
    description: "Order and delivery status in the Zendesk sidebar and the webshop, no SAP GUI lookups.",
    processes: ["Order status enquiries"],
    interfaces: ["Order lookups from Zendesk", "Order status to CRM"],
    dependsOn: [],
    effortFte: 0.5,
    buildCost: 75_000,
    runCostPerYear: 9_000,
    minutesPerTxnAfter: 1,
    errorRateAfterPct: 1,
    costPerError: 20,
    profile: [5, 2, 1, 5, 4],
    status: "approved",
  },
  {
    name: "Leaver access revocation",
    department: IT,
    description: "Revoke access automatically from Workday leaver and mover events.",
    processes: ["Leaver offboarding", "Access provisioning"],
    interfaces: ["Leavers to ServiceNow", "Role changes to ServiceNow"],
    dependsOn: [],
    effortFte: 1,
    buildCost: 65_000,
    runCostPerYear: 8_000,
    minutesPerTxnAfter: 5,
    errorRateAfterPct: 1,
    costPerError: 3_000,
    profile: [4, 2, 5, 3, 4],
    status: "approved",
  },
  {
    name: "Onboarding orchestration",
    department: HR,
    description: "One hire event drives laptops, accounts, payroll and expense set-up.",
    processes: ["Employee onboarding"],
    interfaces: ["New hires to ServiceNow", "Employee master to Concur"],
    dependsOn: ["Leaver access revocation"],
    effortFte: 1,
    buildCost: 110_000,
    runCostPerYear: 14_000,
    minutesPerTxnAfter: 30,
    errorRateAfterPct: 2,
    costPerError: 600,
    profile: [3, 4, 3, 2, 2],
  },
  {
    name: "Payroll time feed automation",
    department: HR,
    description: "Validated time and absence feed to ADP with overtime rules applied.",
    processes: ["Payroll input preparation"],
    interfaces: ["Time and absence to payroll"],
    dependsOn: [],
    effortFte: 0.5,
    buildCost: 50_000,
    runCostPerYear: 6_000,
    minutesPerTxnAfter: 0.5,
    errorRateAfterPct: 1,
    costPerError: 120,
    profile: [4, 2, 4, 4, 2],
  },
  {
    name: "Payroll journal to GL",
    department: FIN,
    description: "Post the ADP payroll journal to S/4HANA without the Excel reformatting step.",
    processes: [],
    interfaces: ["Payroll results to GL"],
    dependsOn: ["Payroll time feed automation"],
    effortFte: 0.5,
    buildCost: 30_000,
    runCostPerYear: 4_000,
    minutesPerTxnAfter: 20,
    errorRateAfterPct: 1,
    costPerError: 1_500,
    profile: [2, 1, 4, 2, 4],
    manual: { volumePerMonth: 3, manualMinutesPerTxn: 240, errorRatePct: 8 },
  },
  {
    name: "Supplier ASN integration",
    department: OPS,
    description: "Electronic ASNs from the Coupa supplier portal into the WMS.",
    processes: ["Supplier ASN processing"],
    interfaces: ["Supplier ASNs"],
    dependsOn: [],
    effortFte: 1,
    buildCost: 80_000,
    runCostPerYear: 9_000,
    minutesPerTxnAfter: 1,
    errorRateAfterPct: 2,
    costPerError: 150,
    profile: [3, 3, 1, 3, 3],
  },
  {
    name: "Forecast to ERP integration",
    department: OPS,
    description: "Consensus forecast and webshop demand flow between Blue Yonder and S/4HANA.",
    processes: ["Demand planning"],
    interfaces: ["Forecast to ERP", "Webshop demand to planning"],
    dependsOn: [],
    effortFte: 1.5,
    buildCost: 140_000,
    runCostPerYear: 18_000,
    minutesPerTxnAfter: 120,
    errorRateAfterPct: 5,
    costPerError: 8_000,
    profile: [4, 4, 1, 3, 2],
  },
  {
    name: "Credit limit sync to AS/400",
    department: SAL,
    description: "Daily credit limits from S/4HANA to the wholesale desk.",
    processes: ["Customer credit check"],
    interfaces: ["Customer credit limits to AS/400"],
    dependsOn: [],
    effortFte: 0.5,
    buildCost: 40_000,
    runCostPerYear: 5_000,
    minutesPerTxnAfter: 2,
    errorRateAfterPct: 1,
    costPerError: 250,
    profile: [3, 3, 3, 3, 3],
  },
  {
    name: "AS/400 wholesale order migration",
    department: SAL,
    description: "Move wholesale order entry off the AS/400 into S/4HANA.",
    processes: ["Wholesale order entry"],
    interfaces: ["Wholesale orders to ERP"],
    dependsOn: ["Credit limit sync to AS/400"],
    effortFte: 2,
    buildCost: 420_000,
    runCostPerYear: 35_000,
    minutesPerTxnAfter: 3,
    errorRateAfterPct: 2,
    costPerError: 90,
    profile: [4, 5, 2, 3, 1],
  },
  {
    name: "Freight invoice matching",
    department: OPS,
    description: "Match carrier invoices to shipments automatically; route only exceptions.",
    processes: ["Freight invoice audit"],
    interfaces: [],
    dependsOn: [],
    effortFte: 0.5,
    buildCost: 45_000,
    runCostPerYear: 5_000,
    minutesPerTxnAfter: 2,
    errorRateAfterPct: 4,
    costPerError: 110,
    profile: [3, 2, 1, 4, 3],
  },
  {
    name: "Interface monitoring hub",
    department: IT,
    description: "One view of interface health with alerts before the business notices.",
    processes: ["Interface monitoring"],
    interfaces: [],
    dependsOn: [],
    effortFte: 0.5,
    buildCost: 60_000,
    runCostPerYear: 12_000,
    minutesPerTxnAfter: 3,
    errorRateAfterPct: 4,
    costPerError: 300,
    profile: [3, 2, 2, 2, 5],
  },
];

// Per-participant leanings (added to the profile, clamped to 1–5), so scores differ realistically.
const LEANINGS: Record<string, [number, number, number, number, number]> = {
  "owner@switchboard.local": [0, 0, 1, 0, 0],
  "cab@switchboard.local": [0, 1, 1, -1, 0],
  "exec@switchboard.local": [1, -1, 0, 1, 0],
  "engineer@switchboard.local": [-1, 1, 0, 0, -1],
};
// Where the room split: the executive wants the AS/400 migration now, engineering rates it low.
const DISAGREEMENTS: Record<string, Record<string, Partial<Record<number, number>>>> = {
  "AS/400 wholesale order migration": { "exec@switchboard.local": { 0: 5 }, "engineer@switchboard.local": { 0: 1 } },
  "Onboarding orchestration": { "owner@switchboard.local": { 4: 5 }, "cab@switchboard.local": { 4: 1 } },
};
const CRITERIA_ORDER = ["business_impact", "integration_complexity", "regulatory_exposure", "roi", "readiness"];
const WORKSHOP_TITLE = "Integration roadmap workshop, Q1";

const clamp = (n: number) => Math.max(1, Math.min(5, n));

async function actorFor(email: string): Promise<Actor> {
  const u = await db().user.findUniqueOrThrow({
    where: { email },
    select: { id: true, email: true, name: true, role: true },
  });
  return u;
}

async function seedCandidates(actor: Actor): Promise<Map<string, string>> {
  const [departments, processes, interfaces] = await Promise.all([
    db().department.findMany({ select: { id: true, name: true } }),
    db().businessProcess.findMany({ select: { id: true, name: true } }),
    db().interface.findMany({ select: { id: true, name: true } }),
  ]);
  const idOf = (rows: { id: string; name: string }[], name: string, kind: string) => {
    const row = rows.find((r) => r.name === name);
    if (!row) throw new Error(`strategy seed: ${kind} "${name}" is missing from the inventory seed`);
    return row.id;
  };
  const ids = new Map(
    (await db().integrationCandidate.findMany({ select: { id: true, name: true } })).map((c) => [c.name, c.id]),
  );
  for (const c of CANDIDATES) {
    if (ids.has(c.name)) continue;
    const { id } = await createCandidate(actor, {
      name: c.name,
      description: c.description,
      departmentId: idOf(departments, c.department, "department"),
      effortFte: c.effortFte,
      processIds: c.processes.map((p) => idOf(processes, p, "process")),
      interfaceIds: c.interfaces.map((i) => idOf(interfaces, i, "interface")),
      dependsOnIds: c.dependsOn.map((d) => ids.get(d)!),
      useInventoryInputs: !c.manual,
      volumePerMonth: c.manual?.volumePerMonth ?? 0,
      manualMinutesPerTxn: c.manual?.manualMinutesPerTxn ?? 0,
      errorRatePct: c.manual?.errorRatePct ?? 0,
      minutesPerTxnAfter: c.minutesPerTxnAfter,
      errorRateAfterPct: c.errorRateAfterPct,
      costPerError: c.costPerError,
      loadedCostPerHour: 58,
      buildCost: c.buildCost,
      runCostPerYear: c.runCostPerYear,
      discountRatePct: 8,
      years: 5,
    });
    ids.set(c.name, id);
    if (c.status) await setCandidateStatus(actor, { candidateId: id, status: "proposed" });
    if (c.status === "approved") await setCandidateStatus(actor, { candidateId: id, status: "approved" });
  }
  return ids;
}

async function seedWorkshop(candidateIds: Map<string, string>): Promise<void> {
  if (await db().workshopSession.findFirst({ where: { title: WORKSHOP_TITLE }, select: { id: true } })) return;
  const facilitator = await actorFor("facilitator@switchboard.local");
  const participants = await Promise.all(Object.keys(LEANINGS).map(actorFor));
  const scored = CANDIDATES.filter((c) => c.name !== "Interface monitoring hub");
  const { id: sessionId } = await createWorkshop(
    facilitator,
    {
      title: WORKSHOP_TITLE,
      candidateIds: scored.map((c) => candidateIds.get(c.name)!),
      participantIds: participants.map((p) => p.id!),
    },
    daysAgo(15),
  );
  for (const p of participants) {
    for (const c of scored) {
      const lean = LEANINGS[p.email];
      const override = DISAGREEMENTS[c.name]?.[p.email] ?? {};
      const scores = Object.fromEntries(
        CRITERIA_ORDER.map((key, i) => [key, override[i] ?? clamp(c.profile[i] + lean[i])]),
      );
      await submitScores(p, { sessionId, candidateId: candidateIds.get(c.name)!, scores }, daysAgo(14));
    }
  }
  await lockWorkshop(facilitator, { sessionId }, daysAgo(14));
}

async function seedGovernance(actor: Actor): Promise<void> {
  const rules = [
    {
      name: "Customization score of 4 or more",
      description: "Heavily customised processes need an architecture review before integration.",
      metric: "customization_score",
      operator: ">=",
      threshold: 4,
    },
    {
      name: "More than 3 deviations from the reference process",
      description: "Each deviation from the reference model adds integration and upgrade cost.",
      metric: "deviation_count",
      operator: ">",
      threshold: 3,
    },
  ];
  for (const r of rules) {
    if (!(await db().governanceRule.findUnique({ where: { name: r.name } }))) await createGovernanceRule(actor, r);
  }
  const decisions: [string, "standardize" | "customize", number, number, string][] = [
    [
      "Quote to order",
      "standardize",
      2,
      1,
      "Adopt the S/4HANA standard order types; the custom pricing check moves into the pricing engine.",
    ],
    [
      "Wholesale order entry",
      "customize",
      5,
      6,
      "Wholesale rush orders and consignment rules have no standard equivalent yet.",
    ],
    [
      "VAT and sales tax reporting",
      "customize",
      4,
      2,
      "US sales tax nexus rules require a custom extension until the tax engine is live.",
    ],
    [
      "Supplier invoice processing",
      "standardize",
      1,
      0,
      "Coupa and S/4HANA standard three-way match covers every invoice type.",
    ],
    [
      "Month-end close",
      "customize",
      3,
      4,
      "Group close keeps four local adjustments for the US entity during the NetSuite phase-out.",
    ],
    ["Employee onboarding", "standardize", 2, 1, "Use Workday business process templates as delivered."],
    ["Demand planning", "customize", 3, 2, "Promotions uplift model is specific to the webshop."],
    ["Access provisioning", "standardize", 1, 0, "Role-based access from the ServiceNow catalogue."],
    [
      "Leaver offboarding",
      "standardize",
      1,
      0,
      "Workday termination events drive the standard ServiceNow offboarding flow.",
    ],
    [
      "Order status enquiries",
      "standardize",
      1,
      0,
      "Agents read the standard S/4HANA order status; no custom status codes.",
    ],
  ];
  const processes = await db().businessProcess.findMany({
    where: { name: { in: decisions.map((d) => d[0]) } },
    select: { id: true, name: true },
  });
  for (const [name, decision, customizationScore, deviationCount, rationale] of decisions) {
    const processId = processes.find((p) => p.name === name)?.id;
    if (!processId || (await db().processDecision.findUnique({ where: { processId } }))) continue;
    await saveProcessDecision(
      actor,
      { processId, decision, customizationScore, deviationCount, rationale },
      daysAgo(30),
    );
  }
  // The VAT customisation was reviewed and accepted; the other breaches are still open.
  const vat = processes.find((p) => p.name === "VAT and sales tax reporting");
  if (vat && (await db().architectureReview.count({ where: { processId: vat.id } })) === 0) {
    const cab = await actorFor("cab@switchboard.local");
    await recordArchitectureReview(
      cab,
      {
        processId: vat.id,
        outcome: "approved",
        notes: "Extension isolated in a side-by-side app; removable when the tax engine lands.",
      },
      daysAgo(20),
    );
  }
}

async function seedOwnership(actor: Actor): Promise<void> {
  const owner = await actorFor("owner@switchboard.local");
  const stewards = await Promise.all(["engineer@switchboard.local", "cab@switchboard.local"].map(actorFor));
  const domains: [string, string, string, "signed" | "expired" | "unsigned" | "unowned"][] = [
    ["customer", "Customer", "Accounts, contacts, addresses and credit data across ERP, CRM and service.", "signed"],
    ["product", "Product", "Materials, product catalogue and attributes published to channels.", "expired"],
    ["employee", "Employee", "Worker master data, org assignments and cost centres.", "unsigned"],
    ["supplier", "Supplier", "Vendor master data including bank details.", "unowned"],
    ["financial", "Financial", "Chart of accounts, ledgers and intercompany data.", "signed"],
    ["pricing", "Pricing", "Price lists, conditions and customer-specific discounts.", "unowned"],
  ];
  for (const [key, name, description, state] of domains) {
    let domain = await db().dataDomain.findUnique({ where: { key }, select: { id: true } });
    domain ??= await createDataDomain(actor, { key, name, description });
    await ensureOwnership(
      actor,
      owner,
      { dataDomainId: domain.id },
      state,
      stewards[key.length % 2].id!,
      `Accountable for the accuracy of ${name.toLowerCase()} data in every integration; the steward works integration exceptions within two business days.`,
    );
  }
  // Processes whose inventory owner is the demo data owner: a mix of signed, expired and never signed.
  const owned = await db().businessProcess.findMany({
    where: { ownerId: owner.id },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const states: ("signed" | "expired" | "unsigned")[] = ["signed", "expired", "unsigned"];
  for (const [i, p] of owned.entries()) {
    // "Ticket triage" stays unsigned: the ownership e2e journey signs it off.
    const state = p.name === "Ticket triage" ? "unsigned" : states[i % states.length];
    await ensureOwnership(
      actor,
      owner,
      { processId: p.id },
      state,
      stewards[i % 2].id!,
      `Owns ${p.name.toLowerCase()} data end to end; resolves integration exceptions and signs off mappings.`,
    );
  }
}

async function ensureOwnership(
  actor: Actor,
  owner: Actor,
  scope: { processId?: string; dataDomainId?: string },
  state: "signed" | "expired" | "unsigned" | "unowned",
  stewardId: string,
  responsibilities: string,
): Promise<void> {
  const existing = await db().ownership.findUnique({
    where: scope.processId ? { processId: scope.processId } : { dataDomainId: scope.dataDomainId! },
    select: { id: true },
  });
  if (existing || state === "unowned") return;
  const { id } = await assignOwnership(actor, {
    processId: scope.processId ?? null,
    dataDomainId: scope.dataDomainId ?? null,
    ownerId: owner.id,
    stewardId,
    responsibilities,
    attestationPeriodDays: 180,
  });
  if (state === "signed")
    await attest(
      owner,
      { ownershipId: id, statement: "Reviewed owners, stewards and exception handling." },
      daysAgo(40),
    );
  if (state === "expired") await attest(owner, { ownershipId: id, statement: "Initial sign-off." }, daysAgo(200));
}

async function seedReadiness(actor: Actor): Promise<void> {
  const answers: Record<
    string,
    {
      bandwidthFte: number;
      technicalLiteracy: number;
      sponsorship: number;
      changeFatigue: number;
      priorFailures: number;
      jobSecurityConcern: number;
      processAttachment: number;
    }
  > = {
    [FIN]: {
      bandwidthFte: 2,
      technicalLiteracy: 4,
      sponsorship: 5,
      changeFatigue: 1,
      priorFailures: 0,
      jobSecurityConcern: 1,
      processAttachment: 1,
    },
    [SAL]: {
      bandwidthFte: 2.5,
      technicalLiteracy: 3,
      sponsorship: 4,
      changeFatigue: 2,
      priorFailures: 1,
      jobSecurityConcern: 0,
      processAttachment: 2,
    },
    [HR]: {
      bandwidthFte: 2,
      technicalLiteracy: 3,
      sponsorship: 3,
      changeFatigue: 2,
      priorFailures: 1,
      jobSecurityConcern: 1,
      processAttachment: 1,
    },
    [OPS]: {
      bandwidthFte: 2.5,
      technicalLiteracy: 3,
      sponsorship: 3,
      changeFatigue: 1,
      priorFailures: 2,
      jobSecurityConcern: 2,
      processAttachment: 2,
    },
    [CS]: {
      bandwidthFte: 2.5,
      technicalLiteracy: 3,
      sponsorship: 4,
      changeFatigue: 2,
      priorFailures: 0,
      jobSecurityConcern: 2,
      processAttachment: 1,
    },
    [IT]: {
      bandwidthFte: 3,
      technicalLiteracy: 5,
      sponsorship: 4,
      changeFatigue: 1,
      priorFailures: 0,
      jobSecurityConcern: 0,
      processAttachment: 0,
    },
  };
  const departments = await db().department.findMany({ select: { id: true, name: true } });
  for (const d of departments) {
    const a = answers[d.name];
    if (!a || (await db().readinessAssessment.findUnique({ where: { departmentId: d.id } }))) continue;
    await saveReadiness(actor, { departmentId: d.id, ...a }, daysAgo(21));
  }
}

export async function seedStrategy(actor: Actor): Promise<void> {
  await ensureDefaultCriteria(actor);
  await seedReadiness(actor);
  await seedGovernance(actor);
  const ids = await seedCandidates(actor);
  await seedWorkshop(ids);
  await seedOwnership(actor);
}
