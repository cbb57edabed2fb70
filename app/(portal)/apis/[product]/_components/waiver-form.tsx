"use client";

import { Button, FormField, Input, Notice, Select, Textarea, useFormAction } from "@/components/ui";
import { createApiWaiverAction } from "../actions";

/**
 * Records an approved exception for a breaking revision: why, until when, and the approved change
 * request that deploys it (the CAB's approval is what makes the waiver valid).
 */
export function WaiverForm({
  revisionId,
  changes,
  defaultExpiry,
  maxExpiry,
}: {
  revisionId: string;
  changes: { id: string; label: string }[];
  defaultExpiry: string;
  maxExpiry: string;
}) {
  const { state, pending, errors, formProps } = useFormAction(createApiWaiverAction);
  return (
    <form {...formProps} className="space-y-4" noValidate aria-label="Waive the breaking changes">
      <input type="hidden" name="revisionId" value={revisionId} />
      <FormField
        id="waiver-change"
        label="Approved change request"
        hint="The change that deploys this revision; it must be approved."
        errors={errors?.changeRequestId}
      >
        {(a) => (
          <Select {...a} name="changeRequestId" defaultValue={changes[0]?.id ?? ""}>
            {changes.length === 0 && <option value="">No change deploys this revision yet</option>}
            {changes.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </Select>
        )}
      </FormField>
      <FormField id="waiver-reason" label="Reason" errors={errors?.reason}>
        {(a) => <Textarea {...a} name="reason" rows={3} placeholder="Why consumers can take this break" />}
      </FormField>
      <FormField id="waiver-expires" label="Expires" hint="At most 90 days ahead." errors={errors?.expiresAt}>
        {(a) => <Input {...a} type="date" name="expiresAt" defaultValue={defaultExpiry} max={maxExpiry} />}
      </FormField>
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      {state?.ok && <Notice tone="success">Waiver recorded. The revision may be published until it expires.</Notice>}
      <Button type="submit" disabled={pending || changes.length === 0} aria-busy={pending}>
        {pending ? "Recording…" : "Record waiver"}
      </Button>
    </form>
  );
}
