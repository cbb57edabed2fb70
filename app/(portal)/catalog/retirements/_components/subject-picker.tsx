"use client";

import { useRouter } from "next/navigation";
import { Combobox } from "@/components/ui";
import { searchFlows, searchInterfaces } from "../../../_lookups/search";

/** Choose what to deprecate: a flow or an interface; the page then shows its consumers and the form. */
export function SubjectPicker() {
  const router = useRouter();
  const go = (kind: "flow" | "interface") => (option: { id: string } | null) => {
    if (option) router.push(`/catalog/retirements/new?${new URLSearchParams({ kind, id: option.id })}`);
  };
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div className="space-y-1">
        <label htmlFor="pick-flow" className="block text-sm font-medium text-slate-700">
          A flow
        </label>
        <Combobox id="pick-flow" search={searchFlows} noun="flow" placeholder="Search flows" onChange={go("flow")} />
      </div>
      <div className="space-y-1">
        <label htmlFor="pick-interface" className="block text-sm font-medium text-slate-700">
          An interface
        </label>
        <Combobox
          id="pick-interface"
          search={searchInterfaces}
          noun="interface"
          placeholder="Search interfaces"
          onChange={go("interface")}
        />
      </div>
    </div>
  );
}
