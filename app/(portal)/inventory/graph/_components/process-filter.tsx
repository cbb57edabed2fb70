"use client";

import { Combobox } from "@/components/ui";
import type { TLookupOption } from "@/lib/validation/lookup";
import { searchProcesses } from "../../../_lookups/search";

/**
 * The graph's process filter: searched on the server among processes linked to a system (the graph
 * has nothing to draw for others), within the chosen department. Writes `processId` into the GET form.
 */
export function ProcessFilter({ departmentId, value }: { departmentId: string; value: TLookupOption | null }) {
  return (
    <Combobox
      id="graph-process"
      name="processId"
      search={searchProcesses({ departmentId: departmentId || undefined, withSystems: true })}
      defaultValue={value}
      noun="process"
      nounPlural="processes"
      placeholder="All processes (type to search)"
      clearLabel="Show all processes"
      className="w-80"
    />
  );
}
