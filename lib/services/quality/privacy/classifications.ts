import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, transaction, type Prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { LEVELS, TAGS, type TLevel, type TScopeKind, type TTag } from "@/lib/quality/privacy/classification";
import { suggestPii } from "@/lib/quality/privacy/suggest";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import { appendAudit } from "../../audit";
import { notifyMaskingChanged } from "./notify";
import { ZClassifyField, ZDecideSuggestion, ZSuggestForFlow } from "./schema";

export type TClassificationRow = {
  id: string;
  scopeKind: TScopeKind;
  scopeId: string;
  scopeName: string;
  fieldPath: string;
  level: TLevel;
  tags: TTag[];
  status: "suggested" | "confirmed" | "dismissed";
  confidence: number | null;
  reason: string;
  decidedBy: string | null;
  decidedAt: string | null;
  updatedAt: string;
};

type TRecord = Prisma.FieldClassificationGetPayload<object>;

const toRow = (c: TRecord): TClassificationRow => ({
  id: c.id,
  scopeKind: c.scopeKind,
  scopeId: c.scopeId,
  scopeName: c.scopeName,
  fieldPath: c.fieldPath,
  level: c.level,
  tags: c.tags as TTag[],
  status: c.status,
  confidence: c.confidence,
  reason: c.reason,
  decidedBy: c.decidedBy,
  decidedAt: c.decidedAt?.toISOString() ?? null,
  updatedAt: c.updatedAt.toISOString(),
});

const SORTABLE = ["updatedAt", "fieldPath", "scopeName", "level", "confidence"] as const;
const STATUSES = ["suggested", "confirmed", "dismissed"] as const;

/** Classifications, filterable by status (default: suggested and confirmed), scope kind, flow (id), level, tag; `q` searches path and scope. */
export async function listClassifications(actor: Actor, query: TListQuery): Promise<ListResult<TClassificationRow>> {
  assertCan(actor, "quality:read");
  const f = query.filters;
  const and: Prisma.FieldClassificationWhereInput[] = [];
  if ((STATUSES as readonly string[]).includes(f.status ?? ""))
    and.push({ status: f.status as (typeof STATUSES)[number] });
  else if (f.status !== "all") and.push({ status: { in: ["suggested", "confirmed"] } });
  if (f.scope === "system" || f.scope === "interface" || f.scope === "flow") and.push({ scopeKind: f.scope });
  if (f.flow) and.push({ scopeKind: "flow", scopeId: f.flow });
  if ((LEVELS as readonly string[]).includes(f.level ?? "")) and.push({ level: f.level as TLevel });
  if ((TAGS as readonly string[]).includes(f.tag ?? "")) and.push({ tags: { has: f.tag } });
  if (query.q)
    and.push({
      OR: [
        { fieldPath: { contains: query.q, mode: "insensitive" } },
        { scopeName: { contains: query.q, mode: "insensitive" } },
      ],
    });
  const where = { AND: and };
  const sort = pickSort(query, SORTABLE, "updatedAt");
  const [rows, total] = await Promise.all([
    db().fieldClassification.findMany({
      where,
      orderBy: [{ [sort.field]: sort.field === "updatedAt" && !query.sort ? "desc" : sort.dir }, { id: "asc" }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db().fieldClassification.count({ where }),
  ]);
  return { rows: rows.map(toRow), total, page: query.page, pageSize: query.pageSize };
}

async function scopeName(kind: TScopeKind, id: string): Promise<string> {
  const found =
    kind === "flow"
      ? await db().flow.findUnique({ where: { id }, select: { name: true } })
      : kind === "interface"
        ? await db().interface.findUnique({ where: { id }, select: { name: true } })
        : await db().system.findUnique({ where: { id }, select: { name: true } });
  if (!found)
    throw new AppError("NOT_FOUND", `That ${kind} does not exist.`, {
      fieldErrors: { scopeId: [`Choose a ${kind}.`] },
    });
  return found.name;
}

/** A person's classification of a field: confirmed at once (replacing a suggestion for the same field). */
export async function classifyField(actor: Actor, raw: unknown): Promise<TClassificationRow> {
  assertCan(actor, "quality:classify");
  const input = ZClassifyField.parse(raw);
  const name = await scopeName(input.scopeKind, input.scopeId);
  return transaction(async (tx) => {
    const key = { scopeKind: input.scopeKind, scopeId: input.scopeId, fieldPath: input.fieldPath };
    const before = await tx.fieldClassification.findUnique({ where: { scopeKind_scopeId_fieldPath: key } });
    const data = {
      level: input.level,
      tags: [...new Set(input.tags)].sort(),
      status: "confirmed" as const,
      confidence: null,
      reason: "classified by hand",
      decidedBy: actor.email,
      decidedAt: new Date(),
      scopeName: name,
    };
    const row = await tx.fieldClassification.upsert({
      where: { scopeKind_scopeId_fieldPath: key },
      create: { ...key, ...data, createdBy: actor.email },
      update: data,
    });
    await appendAudit(tx, {
      actor,
      action: "quality.classification.set",
      entityType: "FieldClassification",
      entityId: row.id,
      before: before ? { level: before.level, tags: before.tags, status: before.status } : null,
      after: {
        scope: `${input.scopeKind}:${name}`,
        fieldPath: input.fieldPath,
        level: row.level,
        tags: row.tags,
        status: row.status,
      },
    });
    await notifyMaskingChanged(tx);
    return toRow(row);
  });
}

/** Confirms or dismisses a suggestion; a dismissed field is not suggested again. */
export async function decideSuggestion(actor: Actor, raw: unknown): Promise<TClassificationRow> {
  assertCan(actor, "quality:classify");
  const input = ZDecideSuggestion.parse(raw);
  return transaction(async (tx) => {
    const row = await tx.fieldClassification.findUnique({ where: { id: input.id } });
    if (!row) throw new AppError("NOT_FOUND", "That classification does not exist.");
    if (row.status !== "suggested") throw new AppError("CONFLICT", `That field is already ${row.status}.`);
    const next = await tx.fieldClassification.update({
      where: { id: row.id },
      data: {
        status: input.decision === "confirm" ? "confirmed" : "dismissed",
        decidedBy: actor.email,
        decidedAt: new Date(),
      },
    });
    await appendAudit(tx, {
      actor,
      action: `quality.classification.${input.decision}`,
      entityType: "FieldClassification",
      entityId: row.id,
      before: { status: row.status },
      after: {
        status: next.status,
        fieldPath: row.fieldPath,
        scope: `${row.scopeKind}:${row.scopeName}`,
        level: row.level,
        tags: row.tags,
      },
    });
    if (input.decision === "confirm") await notifyMaskingChanged(tx);
    return toRow(next);
  });
}

/**
 * Scans a flow's recent input payloads for likely personal data and records suggestions for fields not
 * yet classified or dismissed. Bounded by sampleSize (at most 500 runs), so it is a short request.
 */
export async function suggestForFlow(actor: Actor, raw: unknown): Promise<{ scanned: number; suggested: number }> {
  assertCan(actor, "quality:classify");
  const input = ZSuggestForFlow.parse(raw);
  const flow = await db().flow.findUnique({ where: { id: input.flowId }, select: { id: true, name: true } });
  if (!flow) throw new AppError("NOT_FOUND", "That flow does not exist.");
  const runs = await db().messageRun.findMany({
    where: { flowId: flow.id, inputPayload: { not: null } },
    orderBy: { startedAt: "desc" },
    take: input.sampleSize,
    select: { inputPayload: true },
  });
  const samples = runs.flatMap((r) => {
    try {
      return [JSON.parse(r.inputPayload ?? "")];
    } catch {
      return [];
    }
  });
  const suggestions = suggestPii(samples);
  if (!suggestions.length) return { scanned: samples.length, suggested: 0 };
  return transaction(async (tx) => {
    const existing = await tx.fieldClassification.findMany({
      where: { scopeKind: "flow", scopeId: flow.id, fieldPath: { in: suggestions.map((s) => s.path) } },
      select: { fieldPath: true },
    });
    const known = new Set(existing.map((e) => e.fieldPath));
    const fresh = suggestions.filter((s) => !known.has(s.path));
    if (fresh.length)
      await tx.fieldClassification.createMany({
        data: fresh.map((s) => ({
          scopeKind: "flow" as const,
          scopeId: flow.id,
          scopeName: flow.name,
          fieldPath: s.path,
          level: s.level,
          tags: s.tags,
          status: "suggested" as const,
          confidence: s.confidence,
          reason: s.reason,
          suggestedAt: new Date(),
          createdBy: actor.email,
        })),
        skipDuplicates: true,
      });
    await appendAudit(tx, {
      actor,
      action: "quality.classification.suggest",
      entityType: "Flow",
      entityId: flow.id,
      after: { flow: flow.name, scanned: samples.length, suggested: fresh.map((s) => s.path) },
    });
    return { scanned: samples.length, suggested: fresh.length };
  });
}
