"use client";

import { useState } from "react";
import { FormField, Input, Select, Textarea } from "@/components/ui";
import {
  describeFields,
  formatFieldValue,
  getIn,
  parseFieldInput,
  type FieldDef,
  type JsonSchema,
} from "../_lib/schema-form";

type Errors = Record<string, string[]> | undefined;

/**
 * Form controls generated from a component's JSON Schema. `basePath` is the spec path of the config
 * ("steps.0.config"), so server errors keyed by spec path land under the right control.
 */
export function ConfigFields({
  schema,
  value,
  basePath,
  errors,
  onChange,
}: {
  schema: JsonSchema;
  value: unknown;
  basePath: string;
  errors: Errors;
  onChange: (path: string, value: unknown) => void;
}) {
  const fields = describeFields(schema);
  if (!fields.length) return <p className="text-sm text-slate-500">This component has no settings.</p>;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {fields.map((f) => (
        <Field key={f.path} field={f} value={value} basePath={basePath} errors={errors} onChange={onChange} />
      ))}
    </div>
  );
}

function hintOf(f: FieldDef): string | undefined {
  const parts = [
    f.description,
    f.default !== undefined ? `Default: ${JSON.stringify(f.default)}.` : undefined,
    f.constraints.length ? `(${f.constraints.join(", ")})` : undefined,
  ];
  if (f.kind === "list") parts.push("One per line.");
  if (f.kind === "json") parts.push("JSON.");
  return parts.filter(Boolean).join(" ") || undefined;
}

function Field({
  field,
  value,
  basePath,
  errors,
  onChange,
}: {
  field: FieldDef;
  value: unknown;
  basePath: string;
  errors: Errors;
  onChange: (path: string, value: unknown) => void;
}) {
  const current = getIn(value, field.path);
  const fullPath = `${basePath}.${field.path}`;
  const [text, setText] = useState(() => formatFieldValue(field, current));
  const [localError, setLocalError] = useState<string | null>(null);
  const id = `f-${fullPath.replace(/\./g, "-")}`;
  const label = `${field.name}${field.required ? " *" : ""}`;
  const fieldErrors = [...(errors?.[fullPath] ?? []), ...(localError ? [localError] : [])];

  if (field.kind === "object") {
    return (
      <fieldset className="rounded-md border border-slate-200 p-3 sm:col-span-2">
        <legend className="px-1 text-sm font-medium text-slate-700">{field.name}</legend>
        {field.description && <p className="mb-2 text-xs text-slate-500">{field.description}</p>}
        <div className="grid gap-4 sm:grid-cols-2">
          {field.fields?.map((f) => (
            <Field key={f.path} field={f} value={value} basePath={basePath} errors={errors} onChange={onChange} />
          ))}
        </div>
      </fieldset>
    );
  }

  const update = (raw: string) => {
    setText(raw);
    const parsed = parseFieldInput(field, raw);
    if (parsed.error !== undefined) {
      setLocalError(parsed.error);
      return;
    }
    setLocalError(null);
    onChange(field.path, parsed.value);
  };

  const wide = field.kind === "text" || field.kind === "json" || field.kind === "list";
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <FormField id={id} label={label} hint={hintOf(field)} errors={fieldErrors.length ? fieldErrors : undefined}>
        {(a) => {
          switch (field.kind) {
            case "boolean":
              return (
                <Select
                  {...a}
                  value={current === undefined ? "" : String(current)}
                  onChange={(e) => update(e.target.value)}
                >
                  <option value="">
                    {field.default !== undefined ? `Default (${String(field.default)})` : "Not set"}
                  </option>
                  <option value="true">true</option>
                  <option value="false">false</option>
                </Select>
              );
            case "enum":
              return (
                <Select
                  {...a}
                  value={typeof current === "string" ? current : ""}
                  onChange={(e) => update(e.target.value)}
                >
                  <option value="">
                    {field.default !== undefined ? `Default (${String(field.default)})` : "Choose…"}
                  </option>
                  {field.options?.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </Select>
              );
            case "text":
            case "json":
            case "list":
              return (
                <Textarea
                  {...a}
                  value={text}
                  rows={field.kind === "text" ? 4 : 3}
                  spellCheck={false}
                  className="font-mono text-xs"
                  onChange={(e) => update(e.target.value)}
                />
              );
            default:
              return (
                <Input
                  {...a}
                  value={text}
                  inputMode={field.kind === "integer" || field.kind === "number" ? "decimal" : undefined}
                  placeholder={field.default !== undefined ? String(field.default) : undefined}
                  onChange={(e) => update(e.target.value)}
                />
              );
          }
        }}
      </FormField>
    </div>
  );
}
