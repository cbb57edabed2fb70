"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/http/action-client";
import {
  cancelQuarantineBulk,
  fixQuarantineEntry,
  getQuarantineBulkJob,
  rejectQuarantineEntries,
  resubmitQuarantineEntries,
  runQuarantineBulkChunk,
  startQuarantineBulk,
} from "@/lib/services/quality/quarantine";
import {
  ZFixQuarantineInput,
  ZQuarantineBulkJobInput,
  ZQuarantineIds,
  ZRejectQuarantineInput,
  ZStartQuarantineBulkInput,
} from "@/lib/services/quality/quarantine/schema";

const LIST = "/quality/quarantine";

export const resubmitQuarantineAction = action(
  { permission: "quality:review", input: ZQuarantineIds },
  async ({ input, actor }) => {
    const result = await resubmitQuarantineEntries(actor, input);
    revalidatePath(LIST, "layout");
    return result;
  },
);

export const rejectQuarantineAction = action(
  { permission: "quality:review", input: ZRejectQuarantineInput },
  async ({ input, actor }) => {
    const result = await rejectQuarantineEntries(actor, input);
    revalidatePath(LIST, "layout");
    return result;
  },
);

export const fixQuarantineAction = action(
  { permission: "quality:review", input: ZFixQuarantineInput },
  async ({ input, actor }) => {
    const result = await fixQuarantineEntry(actor, input);
    revalidatePath(`${LIST}/${input.id}`);
    if (result.resubmitted) revalidatePath(LIST);
    return result;
  },
);

/** Records a bulk job over everything matching the filter (counted now); the page then drives its chunks. */
export const startQuarantineBulkAction = action(
  { permission: "quality:review", input: ZStartQuarantineBulkInput },
  async ({ input, actor }) => startQuarantineBulk(actor, input),
);

/** One chunk of a running bulk job; the page calls it until the job is no longer running. */
export const runQuarantineBulkChunkAction = action(
  { permission: "quality:review", input: ZQuarantineBulkJobInput },
  async ({ input, actor }) => {
    const job = await runQuarantineBulkChunk(actor, input);
    if (job.status !== "running") revalidatePath(LIST);
    return job;
  },
);

export const cancelQuarantineBulkAction = action(
  { permission: "quality:review", input: ZQuarantineBulkJobInput },
  async ({ input, actor }) => {
    const job = await cancelQuarantineBulk(actor, input);
    revalidatePath(LIST);
    return job;
  },
);

/** A job's progress as stored (for a job another tab or person is driving). */
export const quarantineBulkJobAction = action(
  { permission: "quality:read", input: ZQuarantineBulkJobInput },
  async ({ input, actor }) => getQuarantineBulkJob(actor, input),
);
