"use client";

import { Button, FormField, Notice, Textarea, useFormAction } from "@/components/ui";
import { updateSystemEndpointsAction } from "../../../actions";

/** The URL prefixes a system serves and the identities it calls with, one a line. */
export function EndpointsForm({
  systemId,
  endpoints,
  callerIds,
}: {
  systemId: string;
  endpoints: string[];
  callerIds: string[];
}) {
  const { state, pending, errors, formProps } = useFormAction(updateSystemEndpointsAction);
  return (
    <form {...formProps} className="space-y-4" noValidate aria-label="Endpoints and callers">
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      {state?.ok && <Notice tone="success">Endpoints and callers saved.</Notice>}
      <input type="hidden" name="systemId" value={systemId} />
      <FormField
        id="endpoints"
        label="Endpoints (URL prefixes, one a line)"
        errors={errors?.endpoints}
        hint="What flows write to or poll at these URLs is this system's dependency (longest prefix wins)."
      >
        {(a) => <Textarea {...a} name="endpoints" defaultValue={endpoints.join("\n")} className="font-mono text-xs" />}
      </FormField>
      <FormField
        id="callerIds"
        label="Caller identities (one a line)"
        errors={errors?.callerIds}
        hint="The CloudEvents ce-source, user-agent product or ip:address it calls flows with."
      >
        {(a) => <Textarea {...a} name="callerIds" defaultValue={callerIds.join("\n")} className="font-mono text-xs" />}
      </FormField>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : "Save endpoints and callers"}
      </Button>
    </form>
  );
}
