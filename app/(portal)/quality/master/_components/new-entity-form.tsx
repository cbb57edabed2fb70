"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { Button, Card, FormField, Input, Notice } from "@/components/ui";
import { createMasterEntityAction } from "../actions";

/** A new entity starts with its attributes compared as text, each kept by source priority; refine it in the editor. */
export function NewEntityForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});
  const [pending, start] = useTransition();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fd = new FormData(event.currentTarget);
    const attributes = String(fd.get("attributes") ?? "")
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean);
    start(async () => {
      const result = await createMasterEntityAction({
        key: String(fd.get("key") ?? ""),
        name: String(fd.get("name") ?? ""),
        description: String(fd.get("description") ?? ""),
        config: {
          attributes: attributes.map((name) => ({ name })),
          fuzzy: attributes.map((attribute) => ({ attribute, comparator: "jaro_winkler", weight: 1 })),
          blocking: attributes.slice(0, 1).map((attribute) => ({ attribute, method: "prefix", length: 3 })),
        },
      });
      if (result.ok) router.push(`/quality/master/${result.data.key}`);
      else {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
      }
    });
  };
  return (
    <Card
      title="New master entity"
      className="mt-6"
      description="Attributes can be refined (types, match rules, precedence) once it exists."
    >
      <form onSubmit={submit} className="grid gap-4 sm:grid-cols-2">
        <FormField id="me-key" label="Key" hint="Used in flows: golden_record.entity" errors={fieldErrors.key}>
          {(a) => <Input name="key" required placeholder="product" {...a} />}
        </FormField>
        <FormField id="me-name" label="Name" errors={fieldErrors.name}>
          {(a) => <Input name="name" required placeholder="Product" {...a} />}
        </FormField>
        <FormField
          id="me-attributes"
          label="Attributes"
          hint="Comma-separated, e.g. name, sku, brand"
          errors={fieldErrors["config.attributes"]}
        >
          {(a) => <Input name="attributes" required {...a} />}
        </FormField>
        <FormField id="me-description" label="Description" errors={fieldErrors.description}>
          {(a) => <Input name="description" {...a} />}
        </FormField>
        <div className="sm:col-span-2 flex items-center gap-3">
          <Button type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create entity"}
          </Button>
          {error && <Notice tone="danger">{error}</Notice>}
        </div>
      </form>
    </Card>
  );
}
