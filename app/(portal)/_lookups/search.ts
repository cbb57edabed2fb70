import type { ActionResult } from "@/lib/errors";
import type { TLookupResult } from "@/lib/validation/lookup";
import {
  searchCandidatesAction,
  searchDeadLetterStepsAction,
  searchFlowInterfacesAction,
  searchFlowsAction,
  searchInterfacesAction,
  searchProcessesAction,
} from "./actions";

// The `search` functions client pickers hand to components/ui/combobox.tsx: each calls its lookup
// action and turns a refused or failed call into an error, which the combobox shows as such.

async function unwrap(call: Promise<ActionResult<TLookupResult>>): Promise<TLookupResult> {
  const result = await call;
  if (!result.ok) throw new Error(result.error);
  return result.data;
}

export const searchProcesses =
  (filter: { departmentId?: string; withSystems?: boolean } = {}) =>
  (q: string) =>
    unwrap(searchProcessesAction({ q, ...filter }));

export const searchInterfaces = (q: string) => unwrap(searchInterfacesAction({ q }));

export const searchCandidates = (excludeId?: string) => (q: string) => unwrap(searchCandidatesAction({ q, excludeId }));

export const searchFlows = (q: string) => unwrap(searchFlowsAction({ q }));

export const searchFlowInterfaces = (q: string) => unwrap(searchFlowInterfacesAction({ q }));

export const searchDeadLetterSteps = (flowId?: string) => (q: string) =>
  unwrap(searchDeadLetterStepsAction({ q, flowId }));
