"use client";

import { useState } from "react";
import { Badge, Button, Notice, useFormAction } from "@/components/ui";
import { CLASSIFICATION_LABELS, isPersonal, type TDataClassification } from "@/lib/validation/data-domains";
import { setFlowDataDomainsAction } from "../actions";

type Domain = { id: string; name: string; classification: TDataClassification };
type Linked = Domain & { owner: string | null };

/** The flow's data domains, and for engineers a checkbox list to change them. */
export function DataDomainsEditor({
  flowId,
  linked,
  options,
  canEdit,
}: {
  flowId: string;
  linked: Linked[];
  options: Domain[];
  canEdit: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const { state, pending, formProps, errors } = useFormAction(setFlowDataDomainsAction);
  const selected = new Set(linked.map((l) => l.id));
  return (
    <div className="space-y-3">
      {linked.length ? (
        <ul className="flex flex-wrap gap-2" data-testid="flow-data-domains">
          {linked.map((d) => (
            <li key={d.id} className="rounded-md border border-slate-200 px-3 py-1.5 text-sm">
              <span className="font-medium text-slate-900">{d.name}</span>{" "}
              <Badge tone={isPersonal(d.classification) ? "warning" : "neutral"}>
                {CLASSIFICATION_LABELS[d.classification]}
              </Badge>{" "}
              <span className="text-xs text-slate-500">owner: {d.owner ?? "none"}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600">
          No data domains linked: the CAB risk score cannot see what data this flow carries.
        </p>
      )}
      {canEdit && !editing && (
        <Button size="sm" variant="secondary" onClick={() => setEditing(true)}>
          Edit data domains
        </Button>
      )}
      {canEdit && editing && (
        <form {...formProps} className="space-y-3" aria-label="Data domains this flow carries" noValidate>
          <input type="hidden" name="flowId" value={flowId} />
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">Data domains this flow carries</legend>
            <div className="mt-2 grid gap-1 sm:grid-cols-2 lg:grid-cols-3">
              {options.map((o) => (
                <label key={o.id} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" name="dataDomainIds" value={o.id} defaultChecked={selected.has(o.id)} />
                  {o.name}
                  <span className="text-xs text-slate-500">({CLASSIFICATION_LABELS[o.classification]})</span>
                </label>
              ))}
            </div>
            {errors?.dataDomainIds && (
              <p className="mt-1 text-xs font-medium text-red-600">{errors.dataDomainIds.join(" ")}</p>
            )}
          </fieldset>
          <div className="flex gap-2">
            <Button type="submit" size="sm" disabled={pending} aria-busy={pending}>
              {pending ? "Saving…" : "Save data domains"}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
              Done
            </Button>
          </div>
          {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
          {state?.ok && <Notice tone="success">Saved {state.data.count} data domain link(s).</Notice>}
        </form>
      )}
    </div>
  );
}
