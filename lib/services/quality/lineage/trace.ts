import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { traceFieldBack, type FieldHop, type FlowStepLike, type TraceKind } from "@/lib/quality/lineage/flow-fields";
import { parsePayload, valueAt } from "@/lib/quality/lineage/values";
import { isBounded, type TSpecLike } from "./flow-spec";

// "Where did this value come from": from a target record (a run id, a message id or a correlation id)
// and a field path, back through the flow's steps to the run's input, then to the run upstream that
// produced that input (same correlation id, its output hash equal to this run's input hash), and so on
// to the first run, whose input is what the source system sent. Values come from the runs' stored
// payloads; when a run's payloads were not retained (lineage level, or payload retention) it says so.

export const ZWhereFrom = z.object({
  ref: z.string().trim().min(1, "Give a run id, message id or correlation id.").max(200),
  field: z
    .string()
    .trim()
    .min(1, "Give the field path in the target record, e.g. buyer.name or lines[].sku.")
    .max(500)
    .regex(/^[^\s]+$/, "A field path has no spaces: use dots, e.g. buyer.name."),
});

export type WhereFromHop = {
  runId: string;
  messageId: string;
  flowId: string;
  flowName: string;
  version: number | null;
  environmentKey: string;
  status: string;
  startedAt: string;
  lineageLevel: string;
  payloadsRetained: boolean;
  /** The field in this run's output, and its value there. */
  outputPath: string;
  outputValue: unknown;
  /** The fields of this run's input it came from, with their values. */
  inputs: { path: string; value: unknown }[];
  kind: TraceKind;
  opaqueAt: string | null;
  steps: FieldHop[];
};

export type WhereFromResult = {
  hops: WhereFromHop[];
  source: {
    system: string | null;
    interfaceName: string | null;
    fields: { path: string; value: unknown }[];
    retained: boolean;
  } | null;
  notes: string[];
};

const MAX_HOPS = 20;

async function findTargetRun(ref: string) {
  const byId = await db()
    .messageRun.findUnique({ where: { id: ref } })
    .catch(() => null);
  if (byId) return byId;
  const byMessage = await db().messageRun.findFirst({ where: { messageId: ref }, orderBy: { startedAt: "desc" } });
  if (byMessage) return byMessage;
  // By correlation: the last run of the journey is the one that reached the final target.
  return db().messageRun.findFirst({
    where: { correlationId: ref },
    orderBy: [{ startedAt: "desc" }],
  });
}

type TRun = NonNullable<Awaited<ReturnType<typeof findTargetRun>>>;

/** The steps a run went through, in order: the spec's steps that appear in its step records. */
function executedSteps(spec: TSpecLike, records: unknown): FlowStepLike[] {
  const all = spec.steps ?? [];
  const ran = Array.isArray(records) ? new Set(records.map((r) => (r as { step?: string }).step)) : null;
  return ran && ran.size ? all.filter((s) => ran.has(s.id)) : all;
}

export async function whereFrom(actor: Actor, raw: unknown): Promise<WhereFromResult> {
  assertCan(actor, "quality:read");
  const { ref, field } = ZWhereFrom.parse(raw);
  let run: TRun | null = await findTargetRun(ref);
  if (!run)
    throw new AppError(
      "NOT_FOUND",
      "No message run has that id, message id or correlation id (runs may have been purged or not kept at this lineage level).",
    );
  const hops: WhereFromHop[] = [];
  const notes: string[] = [];
  let path = field;
  const seen = new Set<string>();
  const envs = new Map(
    (await db().environment.findMany({ select: { id: true, key: true } })).map((e) => [e.id, e.key]),
  );
  for (let i = 0; run && i < MAX_HOPS && !seen.has(run.id); i++) {
    seen.add(run.id);
    const [version, flow] = await Promise.all([
      db().flowVersion.findUnique({ where: { id: run.flowVersionId }, select: { version: true, spec: true } }),
      db().flow.findUnique({ where: { id: run.flowId }, select: { name: true } }),
    ]);
    const spec = (version?.spec ?? {}) as TSpecLike;
    const trace = traceFieldBack(executedSteps(spec, run.steps), path, isBounded);
    const input = parsePayload(run.inputPayload);
    const output = parsePayload(run.outputPayload);
    const retained = input.retained || output.retained;
    if (!retained)
      notes.push(
        `Run ${run.id} (${flow?.name ?? "?"}) did not retain its payloads (lineage level ${run.lineageLevel}), so its values cannot be shown; the field paths still can.`,
      );
    hops.push({
      runId: run.id,
      messageId: run.messageId,
      flowId: run.flowId,
      flowName: flow?.name ?? "(deleted flow)",
      version: version?.version ?? null,
      environmentKey: envs.get(run.environmentId) ?? "?",
      status: run.status,
      startedAt: run.startedAt.toISOString(),
      lineageLevel: run.lineageLevel,
      payloadsRetained: retained,
      outputPath: path,
      outputValue: output.retained ? valueAt(output.body, path) : undefined,
      inputs:
        trace.kind === "opaque"
          ? []
          : trace.sources.map((p) => ({ path: p, value: input.retained ? valueAt(input.body, p) : undefined })),
      kind: trace.kind,
      opaqueAt: trace.opaqueAt ?? null,
      steps: trace.hops,
    });
    if (trace.kind === "opaque") {
      notes.push(
        `The trace stops at step "${trace.opaqueAt}" of ${flow?.name ?? "?"}: its output is not derivable from its input (an external call or a component without field mappings).`,
      );
      return { hops, source: null, notes };
    }
    const bodySources = trace.sources.filter((s) => !s.startsWith("$"));
    if (!bodySources.length) {
      notes.push(
        trace.sources.length
          ? "The value comes from the message envelope (headers or ids), not from a field of the body."
          : "The mapping writes a constant here: no source field.",
      );
      return { hops, source: null, notes };
    }
    const upstream: TRun | null = await db().messageRun.findFirst({
      where: {
        correlationId: run.correlationId,
        outputHash: run.inputHash,
        startedAt: { lte: run.startedAt },
        id: { notIn: [...seen] },
      },
      orderBy: { startedAt: "desc" },
    });
    if (!upstream) break;
    if (bodySources.length > 1)
      notes.push(`"${path}" is computed from ${bodySources.length} fields; the trace follows ${bodySources[0]}.`);
    path = bodySources[0];
    run = upstream;
  }
  const first = hops[hops.length - 1];
  const flow = await db().flow.findUnique({
    where: { id: first.flowId },
    select: { interface: { select: { name: true, sourceSystem: { select: { name: true } } } } },
  });
  return {
    hops,
    source: {
      system: flow?.interface?.sourceSystem.name ?? null,
      interfaceName: flow?.interface?.name ?? null,
      fields: first.inputs,
      retained: first.payloadsRetained,
    },
    notes,
  };
}
