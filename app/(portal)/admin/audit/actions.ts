"use server";

import { assertPermission, requireSession } from "@/lib/session";
import type { ActionResult } from "@/lib/errors";
import { actionError } from "@/lib/http/action-error";
import { verifyAuditChain, type ChainReport } from "@/lib/services/audit";

// Read-only: verification changes nothing, so there is no input to parse and nothing to revalidate.
export async function verifyAuditChainAction(): Promise<ActionResult<ChainReport>> {
  try {
    const user = await requireSession();
    await assertPermission(user, "audit:verify");
    return { ok: true, data: await verifyAuditChain() };
  } catch (error) {
    return actionError(error);
  }
}
