"use client";

import { useState } from "react";
import { Button, FormField, Input, Notice, useFormAction } from "@/components/ui";
import { rotateTokenKeyAction } from "../../actions";

/** Rotation asks for the word "rotate" typed out: it changes every token made from now on. */
export function RotateKeyForm({ nextVersion }: { nextVersion: number }) {
  const { state, pending, errors, formProps } = useFormAction(rotateTokenKeyAction);
  const [typed, setTyped] = useState("");
  return (
    <form {...formProps} className="space-y-3" aria-label="Rotate the token key" noValidate>
      <FormField
        id="rotate-confirm"
        label='Type "rotate" to confirm'
        hint={`Makes key version ${nextVersion} the active one.`}
        errors={errors?.confirm}
      >
        {(a) => (
          <Input {...a} name="confirm" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} />
        )}
      </FormField>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="danger" disabled={pending || typed !== "rotate"} aria-busy={pending}>
          {pending ? "Rotating…" : "Rotate key"}
        </Button>
        {state?.ok && (
          <Notice tone="success">
            Key version {state.data.version} is active
            {state.data.previous ? `; v${state.data.previous} still detokenizes its tokens` : ""}.
          </Notice>
        )}
        {state && !state.ok && <Notice tone="danger">{state.error}</Notice>}
      </div>
    </form>
  );
}
