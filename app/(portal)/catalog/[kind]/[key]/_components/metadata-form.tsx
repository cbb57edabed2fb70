"use client";

import { Button, FormField, Input, Notice, Select, Textarea, useFormAction } from "@/components/ui";
import type { TNodeKind } from "@/lib/catalog/graph-types";
import type { TEntryMetadata, TOwnerOption } from "@/lib/services/catalog";
import { CATALOG_LIFECYCLES, TIER_LABELS } from "@/lib/validation/catalog";
import { updateCatalogEntryAction } from "../../../actions";

/** Owner, lifecycle, tier, links, description and the health assessment interval of one entry. */
export function MetadataForm({
  kind,
  entryKey,
  metadata,
  owners,
}: {
  kind: TNodeKind;
  entryKey: string;
  metadata: TEntryMetadata;
  owners: TOwnerOption[];
}) {
  const { state, pending, errors, formProps } = useFormAction(updateCatalogEntryAction);
  return (
    <form {...formProps} className="space-y-4" noValidate aria-label="Catalog metadata">
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      {state?.ok && <Notice tone="success">Catalog metadata saved.</Notice>}
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="key" value={entryKey} />
      <div className="grid gap-4 md:grid-cols-2">
        <FormField
          id="ownerId"
          label="Owner"
          errors={errors?.ownerId}
          hint="Told about deprecations and health assessments."
        >
          {(a) => (
            <Select {...a} name="ownerId" defaultValue={metadata.ownerId ?? ""}>
              <option value="">No account (name below)</option>
              {owners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name ? `${o.name} (${o.email})` : o.email}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField
          id="ownerName"
          label="Owner without an account"
          errors={errors?.ownerName}
          hint="A team or person, when the owner has no account."
        >
          {(a) => <Input {...a} name="ownerName" defaultValue={metadata.ownerId ? "" : metadata.ownerName} />}
        </FormField>
        <FormField id="lifecycle" label="Lifecycle" errors={errors?.lifecycle}>
          {(a) => (
            <Select {...a} name="lifecycle" defaultValue={metadata.lifecycle}>
              {CATALOG_LIFECYCLES.map((l) => (
                <option key={l} value={l}>
                  {l[0]!.toUpperCase() + l.slice(1)}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField id="tier" label="Tier" errors={errors?.tier}>
          {(a) => (
            <Select {...a} name="tier" defaultValue={String(metadata.tier)}>
              {Object.entries(TIER_LABELS).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </Select>
          )}
        </FormField>
        <FormField id="docsUrl" label="Documentation" errors={errors?.docsUrl}>
          {(a) => <Input {...a} name="docsUrl" type="url" placeholder="https://" defaultValue={metadata.docsUrl} />}
        </FormField>
        <FormField id="runbookUrl" label="Runbook" errors={errors?.runbookUrl}>
          {(a) => (
            <Input {...a} name="runbookUrl" type="url" placeholder="https://" defaultValue={metadata.runbookUrl} />
          )}
        </FormField>
        <FormField
          id="assessmentIntervalDays"
          label="Health assessment every (days)"
          errors={errors?.assessmentIntervalDays}
          hint="91 is quarterly."
        >
          {(a) => (
            <Input
              {...a}
              name="assessmentIntervalDays"
              type="number"
              min={7}
              max={730}
              defaultValue={metadata.assessmentIntervalDays}
            />
          )}
        </FormField>
      </div>
      <FormField id="description" label="Description" errors={errors?.description}>
        {(a) => <Textarea {...a} name="description" defaultValue={metadata.description} />}
      </FormField>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : "Save metadata"}
      </Button>
    </form>
  );
}
