"use server";

import { action } from "@/lib/http/action-client";
import { whereFrom, ZWhereFrom } from "@/lib/services/quality/lineage";

/** Read-only: traces a target field back to its source; nothing to revalidate. */
export const whereFromAction = action({ permission: "quality:read", input: ZWhereFrom }, async ({ input, actor }) =>
  whereFrom(actor, input),
);
