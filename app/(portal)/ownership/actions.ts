"use server";

import { revalidatePath } from "next/cache";
import { action, formAction } from "@/lib/http/action-client";
import { setDataDomainClassification } from "@/lib/services/ownership/classification";
import { markNotificationRead } from "@/lib/services/ownership/notifications";
import { assignOwnership, attest, createDataDomain } from "@/lib/services/ownership/registry";
import {
  ZAssignOwnershipInput,
  ZAttestInput,
  ZDataDomainInput,
  ZNotificationIdInput,
} from "@/lib/validation/ownership";
import { ZSetClassification } from "@/lib/validation/data-domains";
import { requestNow } from "./_lib/now";

export const attestAction = action(
  { permission: "ownership:attest", input: ZAttestInput },
  async ({ input, actor }) => {
    const result = await attest(actor, input, await requestNow());
    revalidatePath("/ownership");
    revalidatePath("/");
    return result;
  },
);

export const assignOwnershipAction = formAction(
  { permission: "ownership:manage", input: ZAssignOwnershipInput },
  async ({ input, actor }) => {
    const result = await assignOwnership(actor, input);
    revalidatePath("/ownership");
    return result;
  },
);

export const createDataDomainAction = formAction(
  { permission: "ownership:manage", input: ZDataDomainInput },
  async ({ input, actor }) => {
    const result = await createDataDomain(actor, input);
    revalidatePath("/ownership");
    return result;
  },
);

// Notifications are per user; the service only touches the caller's own.
export const markNotificationReadAction = action(
  { permission: "ownership:read", input: ZNotificationIdInput },
  async ({ input, actor }) => {
    await markNotificationRead(actor, input);
    revalidatePath("/ownership");
    revalidatePath("/");
    return null;
  },
);

/** Classification feeds the CAB risk score and the engine's attestation gate for personal data. */
export const setClassificationAction = action(
  { permission: "ownership:manage", input: ZSetClassification },
  async ({ input, actor }) => {
    const result = await setDataDomainClassification(actor, input);
    revalidatePath("/ownership");
    return result;
  },
);
