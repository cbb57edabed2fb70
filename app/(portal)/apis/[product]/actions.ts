"use server";

import { revalidatePath } from "next/cache";
import { action, formAction } from "@/lib/http/action-client";
import {
  addApiRevision,
  createApiBreakingWaiver,
  deprecateApiVersion,
  publishApiRevision,
  retireApiVersion,
} from "@/lib/services/apis";
import {
  ZAddApiRevision,
  ZApiVersionId,
  ZCreateApiWaiver,
  ZDeprecateApiVersion,
  ZPublishApiRevision,
} from "@/lib/validation/apis";

/** Every page of the product (its versions and revisions) shows lifecycle and deployments. */
const refresh = (key: string) => {
  const product = key.split("/")[0];
  revalidatePath("/apis");
  revalidatePath(`/apis/${product}`, "layout");
};

export const addApiRevisionAction = formAction(
  { permission: "api:edit", input: ZAddApiRevision },
  async ({ input, actor }) => {
    const revision = await addApiRevision(actor, input);
    refresh(revision.key);
    return {
      key: revision.key,
      number: revision.number,
      created: revision.created,
      breakingCount: revision.breakingCount,
    };
  },
);

export const publishApiRevisionAction = action(
  { permission: "api:publish", input: ZPublishApiRevision },
  async ({ input, actor }) => {
    const deployed = await publishApiRevision(actor, input);
    refresh(deployed.key);
    return { environmentKey: deployed.environmentKey };
  },
);

export const createApiWaiverAction = formAction(
  { permission: "api:publish", input: ZCreateApiWaiver },
  async ({ input, actor }) => {
    const waiver = await createApiBreakingWaiver(actor, input);
    revalidatePath("/apis", "layout");
    return { id: waiver.id };
  },
);

export const deprecateApiVersionAction = formAction(
  { permission: "api:publish", input: ZDeprecateApiVersion },
  async ({ input, actor }) => {
    const result = await deprecateApiVersion(actor, input);
    refresh(result.key);
    return { consumers: result.consumers.length, notified: result.notified };
  },
);

export const retireApiVersionAction = action(
  { permission: "api:publish", input: ZApiVersionId },
  async ({ input, actor }) => {
    const result = await retireApiVersion(actor, input);
    refresh(result.key);
    return result;
  },
);
