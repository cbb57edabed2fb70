import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { assertCan } from "@/lib/auth/assert";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import {
  buildRunEvent,
  eventTypeOf,
  systemNamespace,
  uuidFrom,
  type TRunEvent,
} from "@/lib/quality/lineage/openlineage";
import { fieldLineageOf, type TSpecLike } from "./flow-spec";

// OpenLineage export for a flow in an environment over a time range, as JSON lines. One RunEvent per
// message run while the range holds at most PER_RUN_LIMIT of them; beyond that one event per minute
// from the engine's minute rollups (a run per message would be millions of lines no lineage tool wants,
// and runs kept only at the sampled lineage level would undercount anyway), with the minute's counts in
// the run facet. Runs are read in keyset pages, so memory stays flat.

export const PER_RUN_LIMIT = 10_000;
const PAGE = 500;

export const ZLineageExport = z
  .object({
    flowId: z.string().trim().min(1, "Choose a flow.").max(64),
    environment: z.string().trim().min(1, "Choose an environment.").max(64),
    from: z.coerce.date({ error: "A start time such as 2026-11-30T00:00:00Z." }),
    to: z.coerce.date({ error: "An end time such as 2026-12-01T00:00:00Z." }),
    mode: z.enum(["auto", "runs", "minutes"]).default("auto"),
  })
  .refine((v) => v.to > v.from, { message: "The end must be after the start.", path: ["to"] })
  .refine((v) => v.to.getTime() - v.from.getTime() <= 31 * 24 * 3_600_000, {
    message: "Export at most 31 days at a time.",
    path: ["to"],
  });

type TRunPick = {
  id: string;
  messageId: string;
  correlationId: string;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  flowVersionId: string;
  attempt: number;
};

export type TLineageExportPlan = {
  filename: string;
  mode: "runs" | "minutes";
  count: number;
  events: () => AsyncGenerator<TRunEvent>;
};

/** Checks access and input, counts, and returns the generator of events (authorized before streaming). */
export async function planLineageExport(actor: Actor, raw: unknown): Promise<TLineageExportPlan> {
  assertCan(actor, "quality:read");
  const input = ZLineageExport.parse(raw);
  const [flow, env] = await Promise.all([
    db().flow.findUnique({
      where: { id: input.flowId },
      select: {
        id: true,
        name: true,
        description: true,
        interface: { select: { name: true, sourceSystem: true, targetSystem: true } },
      },
    }),
    db().environment.findUnique({ where: { key: input.environment }, select: { id: true, key: true } }),
  ]);
  if (!flow) throw new AppError("NOT_FOUND", "That flow does not exist.");
  if (!env) throw new AppError("NOT_FOUND", `There is no environment "${input.environment}".`);
  const where = { flowId: flow.id, environmentId: env.id, startedAt: { gte: input.from, lt: input.to } };
  const runs = await db().messageRun.count({ where });
  const mode = input.mode === "auto" ? (runs <= PER_RUN_LIMIT ? "runs" : "minutes") : input.mode;
  const iface = flow.interface;
  const datasetName = iface?.name ?? flow.name;
  const inputDs = { namespace: systemNamespace(iface?.sourceSystem ?? null), name: datasetName };
  const outputDs = { namespace: systemNamespace(iface?.targetSystem ?? null), name: datasetName };
  const job = { namespace: `switchboard.${env.key}`, name: flow.name, description: flow.description || undefined };
  const specCache = new Map<string, ReturnType<typeof fieldLineageOf>>();
  const fieldsOf = async (flowVersionId: string) => {
    let f = specCache.get(flowVersionId);
    if (!f) {
      const v = await db().flowVersion.findUnique({ where: { id: flowVersionId }, select: { spec: true } });
      f = v ? fieldLineageOf(v.spec as TSpecLike) : [];
      specCache.set(flowVersionId, f);
    }
    return f;
  };

  async function* perRun(): AsyncGenerator<TRunEvent> {
    let cursor: { startedAt: Date; id: string } | null = null;
    for (;;) {
      const rows: TRunPick[] = await db().messageRun.findMany({
        where: cursor
          ? {
              ...where,
              OR: [{ startedAt: { gt: cursor.startedAt } }, { startedAt: cursor.startedAt, id: { gt: cursor.id } }],
            }
          : where,
        orderBy: [{ startedAt: "asc" }, { id: "asc" }],
        take: PAGE,
        select: {
          id: true,
          messageId: true,
          correlationId: true,
          status: true,
          startedAt: true,
          finishedAt: true,
          flowVersionId: true,
          attempt: true,
        },
      });
      for (const r of rows)
        yield buildRunEvent({
          runId: r.id,
          eventType: eventTypeOf(r.status),
          eventTime: r.finishedAt ?? r.startedAt,
          job,
          input: inputDs,
          outputs: r.status === "succeeded" ? [outputDs] : [],
          fields: await fieldsOf(r.flowVersionId),
          run: { messageId: r.messageId, correlationId: r.correlationId, status: r.status, attempt: r.attempt },
        });
      if (rows.length < PAGE) return;
      const last: TRunPick = rows[rows.length - 1];
      cursor = { startedAt: last.startedAt, id: last.id };
    }
  }

  async function* perMinute(): AsyncGenerator<TRunEvent> {
    const version = await db().deployment.findFirst({
      where: { flowId: flow!.id, environmentId: env!.id },
      orderBy: { deployedAt: "desc" },
      select: { flowVersionId: true },
    });
    const fields = version ? await fieldsOf(version.flowVersionId) : [];
    let after = new Date(input.from.getTime() - 1);
    for (;;) {
      const rows = await db().metricMinute.findMany({
        where: { flowId: flow!.id, environmentId: env!.id, step: "", minute: { gt: after, lt: input.to } },
        orderBy: { minute: "asc" },
        take: PAGE,
        select: { minute: true, countOk: true, countFailed: true, countFiltered: true, countDeadLettered: true },
      });
      for (const m of rows) {
        const failed = m.countFailed + m.countDeadLettered;
        yield buildRunEvent({
          runId: uuidFrom(`${flow!.id}|${env!.id}|${m.minute.toISOString()}`),
          eventType: failed && !m.countOk ? "FAIL" : "COMPLETE",
          eventTime: new Date(m.minute.getTime() + 60_000),
          job,
          input: inputDs,
          outputs: m.countOk ? [outputDs] : [],
          fields,
          run: {
            aggregate: "minute",
            minute: m.minute.toISOString(),
            delivered: m.countOk,
            failed: m.countFailed,
            deadLettered: m.countDeadLettered,
            filtered: m.countFiltered,
          },
        });
      }
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1].minute;
    }
  }

  const slug = flow.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return {
    filename: `openlineage-${slug || "flow"}-${env.key}-${input.from.toISOString().slice(0, 10)}.jsonl`,
    mode,
    count:
      mode === "runs"
        ? runs
        : await db().metricMinute.count({
            where: { flowId: flow.id, environmentId: env.id, step: "", minute: { gte: input.from, lt: input.to } },
          }),
    events: mode === "runs" ? perRun : perMinute,
  };
}
