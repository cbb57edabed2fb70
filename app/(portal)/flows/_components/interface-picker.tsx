"use client";

import { useMemo, useRef, useState, type KeyboardEvent } from "react";
import { FormField, Input, Notice, Select } from "@/components/ui";

export type InterfaceOption = { id: string; label: string; isResidencyFlagged: boolean };

/**
 * Picks the inventory interface a flow implements: a search box narrows a native select, so it works
 * with the keyboard and screen readers as any select does (type, then arrow down into the list).
 */
export function InterfacePicker({
  options,
  value,
  onChange,
  errors,
}: {
  options: InterfaceOption[];
  value: string;
  onChange: (id: string) => void;
  errors?: string[];
}) {
  const [query, setQuery] = useState("");
  const list = useRef<HTMLSelectElement>(null);
  const matches = useMemo(() => {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return words.length ? options.filter((o) => words.every((w) => o.label.toLowerCase().includes(w))) : options;
  }, [options, query]);
  const selected = options.find((o) => o.id === value);
  // The current choice stays listed even when the search hides it, so the select never shows a value it lacks.
  const shown = selected && !matches.includes(selected) ? [selected, ...matches] : matches;

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    // Enter would submit the whole flow form; here it means "go to the results".
    if (e.key === "Enter" || e.key === "ArrowDown") {
      e.preventDefault();
      list.current?.focus();
    }
  };

  return (
    <div className="space-y-3">
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          id="f-interface-search"
          label="Find an interface"
          hint="Type part of a system or interface name; Enter or ↓ moves to the list."
        >
          {(a) => (
            <Input
              {...a}
              type="search"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={onSearchKey}
              autoComplete="off"
            />
          )}
        </FormField>
        <FormField
          id="f-interface"
          label="Inventory interface"
          errors={errors}
          hint={`${matches.length} of ${options.length} interfaces match. Residency follows the interface's current architecture decision.`}
        >
          {(a) => (
            <Select {...a} ref={list} value={value} onChange={(e) => onChange(e.target.value)}>
              <option value="">No interface</option>
              {shown.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                  {o.isResidencyFlagged ? " (residency flagged)" : ""}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      </div>
      {selected?.isResidencyFlagged && (
        <Notice tone="warning" title="This interface is flagged for data residency">
          Its current architecture decision found EU personal data going to a non-EU target without a recorded legal
          basis. The flow will show the flag, and deploying it to production asks for an acknowledgement.
        </Notice>
      )}
    </div>
  );
}
