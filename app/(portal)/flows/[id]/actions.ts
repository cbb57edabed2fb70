"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/http/action-client";
import { setFlowDataDomains } from "@/lib/services/flows/data-domains";
import { ZSetFlowDataDomains } from "@/lib/validation/data-domains";

/** The data domains a flow carries: the CAB risk score's classification and the attestation gate. */
export const setFlowDataDomainsAction = formAction(
  { permission: "flow:edit", input: ZSetFlowDataDomains },
  async ({ input, actor }) => {
    const result = await setFlowDataDomains(actor, input);
    revalidatePath(`/flows/${result.flowId}`);
    return result;
  },
);
