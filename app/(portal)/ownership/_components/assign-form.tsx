"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Button, FormField, Input, Notice, Select, Textarea, useFormAction } from "@/components/ui";
import { assignOwnershipAction } from "../actions";

type Person = { id: string; name: string; role: string };

export function AssignForm({
  scope,
  people,
  initial,
}: {
  scope: { processId?: string; dataDomainId?: string };
  people: Person[];
  initial: {
    ownerId: string | null;
    stewardId: string | null;
    responsibilities: string;
    attestationPeriodDays: number;
  };
}) {
  const { state, pending, formProps } = useFormAction(assignOwnershipAction);
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.push("/ownership");
  }, [state, router]);
  const errors = state && !state.ok ? state.fieldErrors : undefined;
  const options = (
    <>
      <option value="">Nobody</option>
      {people.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name} ({p.role})
        </option>
      ))}
    </>
  );
  return (
    <form {...formProps} className="max-w-xl space-y-4" noValidate>
      {scope.processId && <input type="hidden" name="processId" value={scope.processId} />}
      {scope.dataDomainId && <input type="hidden" name="dataDomainId" value={scope.dataDomainId} />}
      {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      <FormField
        id="ownerId"
        label="Accountable owner"
        errors={errors?.ownerId}
        hint="Signs off the scope and answers for integration accuracy."
      >
        {(a) => (
          <Select {...a} name="ownerId" defaultValue={initial.ownerId ?? ""}>
            {options}
          </Select>
        )}
      </FormField>
      <FormField
        id="stewardId"
        label="Steward"
        errors={errors?.stewardId}
        hint="Handles data quality issues and exceptions day to day."
      >
        {(a) => (
          <Select {...a} name="stewardId" defaultValue={initial.stewardId ?? ""}>
            {options}
          </Select>
        )}
      </FormField>
      <FormField
        id="responsibilities"
        label="Responsibilities"
        errors={errors?.responsibilities}
        hint="For integration accuracy and exception handling."
      >
        {(a) => <Textarea {...a} name="responsibilities" defaultValue={initial.responsibilities} />}
      </FormField>
      <FormField id="attestationPeriodDays" label="Sign-off valid for (days)" errors={errors?.attestationPeriodDays}>
        {(a) => (
          <Input
            {...a}
            name="attestationPeriodDays"
            type="number"
            min="1"
            max="1095"
            defaultValue={initial.attestationPeriodDays}
          />
        )}
      </FormField>
      <Button type="submit" disabled={pending} aria-busy={pending}>
        {pending ? "Saving…" : "Save ownership"}
      </Button>
    </form>
  );
}
