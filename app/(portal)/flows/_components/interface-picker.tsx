"use client";

import { useState } from "react";
import { Combobox, FormField, Notice } from "@/components/ui";
import type { TLookupOption } from "@/lib/validation/lookup";
import { searchFlowInterfaces } from "../../_lookups/search";

/**
 * Picks the inventory interface a flow implements, searched on the server by interface or system
 * name (the inventory can hold thousands). Flagged interfaces carry their residency warning.
 */
export function InterfacePicker({
  initial,
  onChange,
  errors,
}: {
  /** The flow's current interface, labelled by the server page. */
  initial: TLookupOption | null;
  onChange: (id: string) => void;
  errors?: string[];
}) {
  const [selected, setSelected] = useState<TLookupOption | null>(initial);
  return (
    <div className="space-y-3">
      <FormField
        id="f-interface"
        label="Inventory interface"
        errors={errors}
        hint="Type part of a system or interface name; leave empty for none. Residency follows the interface's current architecture decision."
      >
        {(a) => (
          <Combobox
            {...a}
            search={searchFlowInterfaces}
            value={selected}
            onChange={(option) => {
              setSelected(option);
              onChange(option?.id ?? "");
            }}
            noun="interface"
            clearLabel="No interface"
          />
        )}
      </FormField>
      {selected?.warning && (
        <Notice tone="warning" title="This interface is flagged for data residency">
          Its current architecture decision found EU personal data going to a non-EU target without a recorded legal
          basis. The flow will show the flag, and deploying it to production asks for an acknowledgement.
        </Notice>
      )}
    </div>
  );
}
