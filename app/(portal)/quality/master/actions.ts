"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/http/action-client";
import {
  ZCreateMasterEntity,
  ZReviewItemId,
  ZSaveMasterConfig,
  ZUndoHistory,
  ZUnmerge,
} from "@/lib/quality/master/inputs";
import {
  createMasterEntity,
  mergeReviewItem,
  rejectReviewItem,
  saveMasterConfig,
  undoMasterHistory,
  unmergeSourceRecords,
} from "@/lib/services/quality/master";

const refresh = () => revalidatePath("/quality/master", "layout");

export const createMasterEntityAction = action(
  { permission: "quality:manage", input: ZCreateMasterEntity },
  async ({ input, actor }) => {
    const entity = await createMasterEntity(actor, input);
    refresh();
    return entity;
  },
);

export const saveMasterConfigAction = action(
  { permission: "quality:manage", input: ZSaveMasterConfig },
  async ({ input, actor }) => {
    const saved = await saveMasterConfig(actor, input);
    refresh();
    return saved;
  },
);

export const mergeReviewItemAction = action(
  { permission: "quality:steward", input: ZReviewItemId },
  async ({ input, actor }) => {
    const merged = await mergeReviewItem(actor, input);
    refresh();
    return merged;
  },
);

export const rejectReviewItemAction = action(
  { permission: "quality:steward", input: ZReviewItemId },
  async ({ input, actor }) => {
    const rejected = await rejectReviewItem(actor, input);
    refresh();
    return rejected;
  },
);

export const unmergeSourceRecordsAction = action(
  { permission: "quality:steward", input: ZUnmerge },
  async ({ input, actor }) => {
    const result = await unmergeSourceRecords(actor, input);
    refresh();
    return result;
  },
);

export const undoMasterHistoryAction = action(
  { permission: "quality:steward", input: ZUndoHistory },
  async ({ input, actor }) => {
    const result = await undoMasterHistory(actor, input);
    refresh();
    return result;
  },
);
