"use server";

import { action } from "@/lib/http/action-client";
import { searchFlowInterfaces, searchFlows } from "@/lib/services/flows/lookups";
import { searchInterfaces, searchProcesses } from "@/lib/services/inventory/lookups";
import { searchCandidates } from "@/lib/services/prioritization/lookups";
import { searchDeadLetterSteps } from "@/lib/services/runs/lookups";
import { ZCandidateLookupQuery, ZLookupQuery, ZProcessLookupQuery, ZStepLookupQuery } from "@/lib/validation/lookup";

// The searches behind the portal's server-searched pickers (components/ui/combobox.tsx). Each reads
// only, so each asks for the read permission of the records it returns.

export const searchProcessesAction = action(
  { permission: "inventory:read", input: ZProcessLookupQuery },
  async ({ input, actor }) => searchProcesses(actor, input),
);

export const searchInterfacesAction = action(
  { permission: "inventory:read", input: ZLookupQuery },
  async ({ input, actor }) => searchInterfaces(actor, input),
);

export const searchCandidatesAction = action(
  { permission: "candidate:read", input: ZCandidateLookupQuery },
  async ({ input, actor }) => searchCandidates(actor, input),
);

export const searchFlowsAction = action({ permission: "flow:read", input: ZLookupQuery }, async ({ input, actor }) =>
  searchFlows(actor, input),
);

/** The flow form's interface picker: flow editors only, as the form itself. */
export const searchFlowInterfacesAction = action(
  { permission: "flow:edit", input: ZLookupQuery },
  async ({ input, actor }) => searchFlowInterfaces(actor, input),
);

export const searchDeadLetterStepsAction = action(
  { permission: "flow:read", input: ZStepLookupQuery },
  async ({ input, actor }) => searchDeadLetterSteps(actor, input),
);
