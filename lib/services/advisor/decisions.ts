import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction, type Prisma } from "@/lib/db";
import { AppError, type FieldErrors } from "@/lib/errors";
import { label, ZAdvisorInput, ZRecordDecisionInput, type TAdvisorInput } from "@/lib/validation/advisor";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import { appendAudit } from "../audit";
import { recommendArchitecture, type TAdvice } from "./recommend";
import { advisorDefaults } from "./defaults";

export type InterfaceOption = { id: string; name: string; source: string; target: string };

export type InterfaceContext = InterfaceOption & {
  direction: string;
  mechanism: string;
  payloadFormat: string;
  frequency: string;
  volumePerMonth: number;
  sourceRegion: string;
  targetRegion: string;
  /** Form values prefilled from the inventory (hosting, region, format, volume); the engineer adjusts them. */
  defaults: Partial<TAdvisorInput>;
};

export type DecisionRow = {
  id: string;
  number: number;
  title: string;
  interfaceId: string;
  interfaceName: string;
  status: "accepted" | "superseded";
  architecture: string;
  pattern: string;
  deploymentModel: string;
  payloadFormat: string;
  residencyFlagged: boolean;
  isOverride: boolean;
  decidedByEmail: string;
  createdAt: string;
};

export type DecisionDetail = DecisionRow & {
  context: string;
  overrideReason: string;
  legalBasis: string;
  inputs: TAdvisorInput;
  recommendation: TAdvice;
};

const ifaceInclude = {
  sourceSystem: { select: { name: true, hosting: true, region: true } },
  targetSystem: { select: { name: true, hosting: true, region: true } },
} as const;

export async function getInterfaceContext(actor: Actor, interfaceId: string): Promise<InterfaceContext> {
  assertCan(actor, "advisor:read");
  const r = await db().interface.findUnique({ where: { id: interfaceId }, include: ifaceInclude });
  if (!r) throw new AppError("NOT_FOUND", "That interface does not exist in the inventory.");
  return {
    id: r.id,
    name: r.name,
    source: r.sourceSystem.name,
    target: r.targetSystem.name,
    direction: r.direction,
    mechanism: r.mechanism,
    payloadFormat: r.payloadFormat,
    frequency: r.frequency,
    volumePerMonth: r.volumePerMonth,
    sourceRegion: r.sourceSystem.region,
    targetRegion: r.targetSystem.region,
    defaults: advisorDefaults(r),
  };
}

/** The advice for a set of inputs, without recording anything (the form's live preview). */
export function previewAdvice(actor: Actor, raw: unknown): TAdvice {
  assertCan(actor, "advisor:read");
  return recommendArchitecture(ZAdvisorInput.parse(raw));
}

/**
 * Records an architecture decision for an interface. It supersedes the interface's earlier decision.
 * Choosing something other than the recommendation needs a reason, so the record explains itself.
 */
export async function recordDecision(actor: Actor, raw: unknown): Promise<DecisionRow> {
  assertCan(actor, "advisor:decide");
  const input = ZRecordDecisionInput.parse(raw);
  const advice = recommendArchitecture(input.inputs);
  const chosen = {
    architecture: input.architecture ?? advice.architecture.choice,
    pattern: input.pattern ?? advice.pattern.choice,
    deploymentModel: input.deploymentModel ?? advice.deploymentModel.choice,
    payloadFormat: input.payloadFormat ?? advice.payloadFormat.choice,
  };
  const overridden = (Object.keys(chosen) as (keyof typeof chosen)[]).filter((k) => chosen[k] !== advice[k].choice);
  if (overridden.length && !input.overrideReason) {
    const fieldErrors: FieldErrors = {
      overrideReason: [`Say why you chose differently from the advisor for: ${overridden.join(", ")}.`],
    };
    throw new AppError("VALIDATION", "An override of the recommendation needs a reason.", { fieldErrors });
  }
  return transaction(async (tx) => {
    const iface = await tx.interface.findUnique({ where: { id: input.interfaceId }, select: { id: true, name: true } });
    if (!iface)
      throw new AppError("NOT_FOUND", "That interface does not exist in the inventory.", {
        fieldErrors: { interfaceId: ["Choose an interface."] },
      });
    const previous = await tx.architectureDecision.findMany({
      where: { interfaceId: iface.id, status: "accepted" },
      select: { id: true, number: true },
    });
    if (previous.length) {
      await tx.architectureDecision.updateMany({
        where: { id: { in: previous.map((p) => p.id) } },
        data: { status: "superseded", supersededAt: new Date() },
      });
    }
    const created = await tx.architectureDecision.create({
      data: {
        interfaceId: iface.id,
        title: input.title,
        context: input.context,
        inputs: JSON.parse(JSON.stringify(input.inputs)),
        recommendation: JSON.parse(JSON.stringify(advice)),
        ...chosen,
        overrideReason: overridden.length ? input.overrideReason : "",
        residencyFlagged: advice.residency.flagged,
        legalBasis: input.inputs.legalBasis,
        decidedById: actor.id,
        decidedByEmail: actor.email,
      },
      include: { interface: { select: { name: true } } },
    });
    await appendAudit(tx, {
      actor,
      action: "advisor.decision.record",
      entityType: "ArchitectureDecision",
      entityId: created.id,
      after: {
        number: created.number,
        interface: iface.name,
        ...chosen,
        residencyFlagged: created.residencyFlagged,
        supersedes: previous.map((p) => `ADR-${p.number}`),
      },
    });
    return toRow(created, advice);
  });
}

type DecisionRecord = Prisma.ArchitectureDecisionGetPayload<{ include: { interface: { select: { name: true } } } }>;

function toRow(d: DecisionRecord, advice: TAdvice): DecisionRow {
  return {
    id: d.id,
    number: d.number,
    title: d.title,
    interfaceId: d.interfaceId,
    interfaceName: d.interface.name,
    status: d.status,
    architecture: d.architecture,
    pattern: d.pattern,
    deploymentModel: d.deploymentModel,
    payloadFormat: d.payloadFormat,
    residencyFlagged: d.residencyFlagged,
    isOverride:
      d.architecture !== advice.architecture.choice ||
      d.pattern !== advice.pattern.choice ||
      d.deploymentModel !== advice.deploymentModel.choice ||
      d.payloadFormat !== advice.payloadFormat.choice,
    decidedByEmail: d.decidedByEmail,
    createdAt: d.createdAt.toISOString(),
  };
}

const SORTABLE = ["number", "createdAt", "title"] as const;

export async function listDecisions(actor: Actor, query: TListQuery): Promise<ListResult<DecisionRow>> {
  assertCan(actor, "advisor:read");
  const and: Prisma.ArchitectureDecisionWhereInput[] = [];
  if (query.filters.interface) and.push({ interfaceId: query.filters.interface });
  if (query.filters.status === "accepted" || query.filters.status === "superseded")
    and.push({ status: query.filters.status });
  if (query.filters.residency === "flagged") and.push({ residencyFlagged: true });
  if (query.q)
    and.push({
      OR: [
        { title: { contains: query.q, mode: "insensitive" } },
        { interface: { name: { contains: query.q, mode: "insensitive" } } },
      ],
    });
  const where = { AND: and };
  const sort = pickSort(query, SORTABLE, "number");
  const dir = sort.field === "number" && !query.sort ? "desc" : sort.dir;
  const [rows, total] = await Promise.all([
    db().architectureDecision.findMany({
      where,
      include: { interface: { select: { name: true } } },
      orderBy: { [sort.field]: dir },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db().architectureDecision.count({ where }),
  ]);
  return {
    rows: rows.map((d) => toRow(d, d.recommendation as unknown as TAdvice)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getDecisionOrThrow(actor: Actor, id: string): Promise<DecisionDetail> {
  assertCan(actor, "advisor:read");
  const d = await db().architectureDecision.findUnique({
    where: { id },
    include: { interface: { select: { name: true } } },
  });
  if (!d) throw new AppError("NOT_FOUND", "That architecture decision does not exist.");
  const recommendation = d.recommendation as unknown as TAdvice;
  return {
    ...toRow(d, recommendation),
    context: d.context,
    overrideReason: d.overrideReason,
    legalBasis: label(d.legalBasis),
    inputs: d.inputs as unknown as TAdvisorInput,
    recommendation,
  };
}
