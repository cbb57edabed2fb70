"use client";

import { Combobox } from "@/components/ui";
import type { TLookupOption } from "@/lib/validation/lookup";
import { searchInterfaces } from "../../_lookups/search";

/** The interface to advise on, searched on the server (the select listed only the first 500). */
export function InterfaceChooser({ value }: { value: TLookupOption | null }) {
  return (
    <Combobox
      id="interface"
      name="interface"
      search={searchInterfaces}
      defaultValue={value}
      noun="interface"
      placeholder="Type part of an interface or system name"
      className="mt-1"
    />
  );
}
