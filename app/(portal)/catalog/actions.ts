"use server";

import { revalidatePath } from "next/cache";
import { action, formAction } from "@/lib/http/action-client";
import {
  assignCallerToSystem,
  documentObservedPath,
  updateCatalogEntry,
  updateSystemEndpoints,
} from "@/lib/services/catalog";
import {
  ZAssignCallerInput,
  ZDocumentPathInput,
  ZSystemEndpointsInput,
  ZUpdateCatalogEntryInput,
} from "@/lib/validation/catalog";

const refresh = () => {
  revalidatePath("/catalog", "layout");
  revalidatePath("/inventory", "layout");
};

export const updateCatalogEntryAction = formAction(
  { permission: "catalog:edit", input: ZUpdateCatalogEntryInput },
  async ({ input, actor }) => {
    await updateCatalogEntry(actor, input);
    revalidatePath("/catalog", "layout");
    return { kind: input.kind, key: input.key };
  },
);

export const updateSystemEndpointsAction = formAction(
  { permission: "catalog:edit", input: ZSystemEndpointsInput },
  async ({ input, actor }) => {
    await updateSystemEndpoints(actor, input);
    refresh();
    return { systemId: input.systemId };
  },
);

/** "Add to inventory" on an undocumented path: creates the interface (the service also needs inventory:edit). */
export const documentPathAction = action(
  { permission: "catalog:edit", input: ZDocumentPathInput },
  async ({ input, actor }) => {
    const documented = await documentObservedPath(actor, input, new Date());
    refresh();
    return documented;
  },
);

/** "Assign to system" on an unidentified caller (the service also needs inventory:edit). */
export const assignCallerAction = action(
  { permission: "catalog:edit", input: ZAssignCallerInput },
  async ({ input, actor }) => {
    const assigned = await assignCallerToSystem(actor, input);
    refresh();
    return assigned;
  },
);
