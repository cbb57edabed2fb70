"use server";

import { revalidatePath } from "next/cache";
import { action, formAction } from "@/lib/http/action-client";
import {
  discardDeadLetters,
  editAndReplay,
  planDeadLetterBulk,
  requestReplay,
  runDeadLetterBulkBatch,
} from "@/lib/services/runs";
import { ZDeadLetterBulkBatchInput, ZDeadLetterBulkPlanInput } from "@/lib/validation/dead-letters";
import { ZDiscardInput, ZEditAndReplayInput, ZReplayInput } from "@/lib/validation/flows";

export const replayDeadLettersAction = action(
  { permission: "dlq:replay", input: ZReplayInput },
  async ({ input, actor }) => {
    const result = await requestReplay(actor, input);
    revalidatePath("/flows/dlq");
    return result;
  },
);

export const discardDeadLettersAction = action(
  { permission: "dlq:replay", input: ZDiscardInput },
  async ({ input, actor }) => {
    const result = await discardDeadLetters(actor, input);
    revalidatePath("/flows/dlq");
    return result;
  },
);

export const editAndReplayAction = formAction(
  { permission: "dlq:replay", input: ZEditAndReplayInput },
  async ({ input, actor }) => {
    await editAndReplay(actor, input);
    revalidatePath("/flows/dlq");
    revalidatePath(`/flows/dlq/${input.id}`);
    return { id: input.id };
  },
);

/** Counts what a bulk replay or discard of everything matching the filter would touch; changes nothing. */
export const planDeadLetterBulkAction = action(
  { permission: "dlq:replay", input: ZDeadLetterBulkPlanInput },
  async ({ input, actor }) => planDeadLetterBulk(actor, input),
);

/** One batch of a confirmed bulk run; the page calls it until `next` is null. */
export const runDeadLetterBulkBatchAction = action(
  { permission: "dlq:replay", input: ZDeadLetterBulkBatchInput },
  async ({ input, actor }) => {
    const result = await runDeadLetterBulkBatch(actor, input);
    // The list refreshes once the run ends, not after every batch.
    if (result.next === null) revalidatePath("/flows/dlq");
    return result;
  },
);
