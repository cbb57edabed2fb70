"use server";

import { action } from "@/lib/http/action-client";
import { verifyAuditChain } from "@/lib/services/audit";

// Read-only: verification changes nothing, so there is no input to parse and nothing to revalidate.
export const verifyAuditChainAction = action({ permission: "audit:verify" }, async () => verifyAuditChain());
