import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db, type Prisma } from "@/lib/db";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { pickSort, type ListResult, type TListQuery } from "@/lib/validation/list";
import { payloadForViewer } from "../quality/privacy/view-masking";

export type RunStatus = "running" | "succeeded" | "filtered" | "failed" | "dead_lettered";

export type RunRow = {
  id: string;
  messageId: string;
  correlationId: string;
  flowId: string;
  flowName: string;
  version: number;
  environmentKey: string;
  status: RunStatus;
  attempt: number;
  durationMs: number | null;
  error: string | null;
  startedAt: string;
};

export type StepRow = {
  seq: number;
  step: string;
  component: string;
  status: "ok" | "filtered" | "failed" | "skipped" | "dead_lettered" | "unrouted";
  attempts: number;
  durationMs: number;
  error: string | null;
  startedAt: string;
  /** Offset from the start of the run, for the timeline. */
  offsetMs: number;
};

export type MessageJourney = RunRow & {
  flowVersionId: string;
  contentHash: string;
  inputHash: string;
  outputHash: string | null;
  inputPayload: string | null;
  outputPayload: string | null;
  finishedAt: string | null;
  steps: StepRow[];
  /** Other runs of the same message or correlation id: retries, replays, split parts. */
  related: RunRow[];
  /** How many related runs there are in all; `related` holds the first MAX_RELATED_RUNS. */
  relatedTotal: number;
  deadLetterId: string | null;
  /** The payloads are masked: the viewer lacks quality:sensitive and the flow carries classified fields. */
  isPayloadMasked: boolean;
  /** The flow's lineage level when the run started (policy.lineage): below full, a kept run failed or was sampled in. */
  lineageLevel: "full" | "sampled" | "errors";
};

type RunRecord = Prisma.MessageRunGetPayload<object>;

/** What a page of runs points at (MessageRun has no foreign keys, so no relations to include). */
type TNames = {
  flows: Map<string, string>;
  versions: Map<string, { version: number; contentHash: string }>;
  environments: Map<string, string>;
};

async function namesFor(runs: RunRecord[]): Promise<TNames> {
  const ids = (pick: (r: RunRecord) => string) => [...new Set(runs.map(pick))];
  const [flows, versions, environments] = await Promise.all([
    db().flow.findMany({ where: { id: { in: ids((r) => r.flowId) } }, select: { id: true, name: true } }),
    db().flowVersion.findMany({
      where: { id: { in: ids((r) => r.flowVersionId) } },
      select: { id: true, version: true, contentHash: true },
    }),
    db().environment.findMany({ where: { id: { in: ids((r) => r.environmentId) } }, select: { id: true, key: true } }),
  ]);
  return {
    flows: new Map(flows.map((f) => [f.id, f.name])),
    versions: new Map(versions.map((v) => [v.id, v])),
    environments: new Map(environments.map((e) => [e.id, e.key])),
  };
}

async function toRows(runs: RunRecord[]): Promise<RunRow[]> {
  const names = await namesFor(runs);
  return runs.map((r) => toRow(r, names));
}

function toRow(r: RunRecord, names: TNames): RunRow {
  return {
    id: r.id,
    messageId: r.messageId,
    correlationId: r.correlationId,
    flowId: r.flowId,
    flowName: names.flows.get(r.flowId) ?? r.flowId,
    version: names.versions.get(r.flowVersionId)?.version ?? 0,
    environmentKey: names.environments.get(r.environmentId) ?? r.environmentId,
    status: r.status,
    attempt: r.attempt,
    durationMs: r.durationMs,
    error: r.error,
    startedAt: r.startedAt.toISOString(),
  };
}

/** MessageRun.steps as the engine writes it (lib/engine/runtime/lineage.ts). */
const ZStoredSteps = z.array(
  z.object({
    step: z.string(),
    component: z.string().optional(),
    status: z.enum(["ok", "filtered", "failed", "skipped", "dead_lettered", "unrouted"]),
    attempts: z.number().optional(),
    durationMs: z.number().optional(),
    offsetMs: z.number().optional(),
    error: z.string().optional(),
  }),
);

function storedSteps(raw: Prisma.JsonValue): z.infer<typeof ZStoredSteps> {
  const parsed = ZStoredSteps.safeParse(raw);
  return parsed.success ? parsed.data : [];
}

const SORTABLE = ["startedAt", "durationMs", "status"] as const;
const STATUSES: readonly RunStatus[] = ["running", "succeeded", "filtered", "failed", "dead_lettered"];

export const COUNT_AHEAD = 10_000;

/** Message runs, newest first; `q` matches a message or correlation id exactly. */
export async function listRuns(actor: Actor, query: TListQuery): Promise<ListResult<RunRow>> {
  assertCan(actor, "flow:read");
  const and: Prisma.MessageRunWhereInput[] = [];
  const f = query.filters;
  if (f.flow) and.push({ flowId: f.flow });
  if (f.environment) {
    const env = await db().environment.findUnique({ where: { key: f.environment }, select: { id: true } });
    and.push({ environmentId: env?.id ?? "" });
  }
  if (f.status && STATUSES.includes(f.status as RunStatus)) and.push({ status: f.status as RunStatus });
  if (query.q) and.push({ OR: [{ messageId: query.q }, { correlationId: query.q }, { id: query.q }] });
  const where = { AND: and };
  const sort = pickSort(query, SORTABLE, "startedAt");
  const dir = sort.field === "startedAt" && !query.sort ? "desc" : sort.dir;
  // Counting millions of runs is slow and the exact number adds little: count at most COUNT_AHEAD
  // rows past this page's start, and say so. The window moves with the page, so paging (and "last
  // page") always reaches further and no run is out of reach.
  const skip = (query.page - 1) * query.pageSize;
  const cap = skip + COUNT_AHEAD;
  const [rows, counted] = await Promise.all([
    db().messageRun.findMany({ where, orderBy: [{ [sort.field]: dir }, { id: "asc" }], skip, take: query.pageSize }),
    db().messageRun.count({ where, take: cap + 1 }),
  ]);
  return {
    rows: await toRows(rows),
    total: Math.min(counted, cap),
    isTotalLowerBound: counted > cap,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function recentRuns(actor: Actor, flowId: string, take = 10): Promise<RunRow[]> {
  assertCan(actor, "flow:read");
  return toRows(await db().messageRun.findMany({ where: { flowId }, orderBy: { startedAt: "desc" }, take }));
}

/** Related runs shown on a journey; the page links to the runs list for the rest. */
export const MAX_RELATED_RUNS = 50;

/** A message's journey through one run: each step's outcome, duration and error, plus hashes. */
export async function getMessageJourney(actor: Actor, runId: string): Promise<MessageJourney> {
  assertCan(actor, "flow:read");
  const run = await db().messageRun.findUnique({ where: { id: runId } });
  if (!run)
    throw new AppError("NOT_FOUND", "That message run does not exist (it may have passed the retention period).");
  const relatedWhere = {
    id: { not: run.id },
    OR: [{ messageId: run.messageId }, { correlationId: run.correlationId }],
  };
  const [related, relatedTotal, deadLetter] = await Promise.all([
    db().messageRun.findMany({ where: relatedWhere, orderBy: { startedAt: "asc" }, take: MAX_RELATED_RUNS }),
    db().messageRun.count({ where: relatedWhere }),
    db().deadLetter.findFirst({
      where: { OR: [{ runId: run.id }, { messageId: run.messageId, flowId: run.flowId }] },
      orderBy: { createdAt: "desc" },
      select: { id: true },
    }),
  ]);
  const at = { flowId: run.flowId, environmentId: run.environmentId, flowVersionId: run.flowVersionId };
  const [input, output] = await Promise.all([
    payloadForViewer(actor, { ...at, side: "input" }, run.inputPayload),
    payloadForViewer(actor, { ...at, side: "output" }, run.outputPayload),
  ]);
  const t0 = run.startedAt.getTime();
  const names = await namesFor([run, ...related]);
  return {
    ...toRow(run, names),
    flowVersionId: run.flowVersionId,
    contentHash: names.versions.get(run.flowVersionId)?.contentHash ?? "",
    inputHash: run.inputHash,
    outputHash: run.outputHash,
    inputPayload: input.text,
    outputPayload: output.text,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    steps: storedSteps(run.steps).map((s, seq) => ({
      seq,
      step: s.step,
      component: s.component ?? "",
      status: s.status,
      attempts: s.attempts ?? 1,
      durationMs: s.durationMs ?? 0,
      error: s.error ?? null,
      startedAt: new Date(t0 + (s.offsetMs ?? 0)).toISOString(),
      offsetMs: s.offsetMs ?? 0,
    })),
    related: related.map((r) => toRow(r, names)),
    relatedTotal,
    deadLetterId: deadLetter?.id ?? null,
    isPayloadMasked: input.isMasked || output.isMasked,
    lineageLevel: run.lineageLevel,
  };
}
