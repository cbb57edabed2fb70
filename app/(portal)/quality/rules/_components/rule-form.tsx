"use client";

import { useState } from "react";
import { Button, FormField, Input, Select, Textarea } from "@/components/ui";
import { FORMAT_LABELS, RULE_CHECKS, RULE_FORMATS, RULE_TYPES } from "@/lib/quality/rules/constants";
import { EMPTY_DRAFT, type TRuleDraft } from "./rule-fields";

const CHECK_LABELS: Record<(typeof RULE_CHECKS)[number], string> = {
  required: "Required",
  type: "Type",
  format: "Format",
  pattern: "Pattern (regular expression)",
  range: "Number range",
  length: "Length",
  date_range: "Date range",
  enum: "One of a list",
  expression: "Cross-field expression (JSONata)",
  lookup: "Known in master data",
};

/** Adds a rule to the draft or changes one; plain inputs, so it works from the keyboard. */
export function RuleForm({
  initial,
  onSubmit,
  onCancel,
}: {
  initial: TRuleDraft | null;
  onSubmit: (draft: TRuleDraft) => void;
  onCancel: () => void;
}) {
  const [d, setD] = useState<TRuleDraft>(initial ?? EMPTY_DRAFT);
  const set = <K extends keyof TRuleDraft>(k: K, v: TRuleDraft[K]) => setD((x) => ({ ...x, [k]: v }));
  const text = (k: keyof TRuleDraft, label: string, hint?: string, placeholder?: string) => (
    <FormField id={`rule-${k}`} label={label} hint={hint}>
      {(a) => (
        <Input
          {...a}
          value={String(d[k])}
          placeholder={placeholder}
          onChange={(e) => set(k, e.target.value as never)}
        />
      )}
    </FormField>
  );
  const isDate = d.check === "date_range";
  return (
    <form
      aria-label={initial ? `Edit rule ${initial.id}` : "Add a rule"}
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(d);
        if (!initial) setD(EMPTY_DRAFT);
      }}
    >
      <div className="grid gap-3 md:grid-cols-3">
        {text("id", "Rule id", "Stable: quarantine entries name it.", "order-email-format")}
        {text("field", "Field", "Dotted path; [] for each element: lines[].sku", "customer.email")}
        <FormField id="rule-check" label="Check">
          {(a) => (
            <Select {...a} value={d.check} onChange={(e) => set("check", e.target.value as TRuleDraft["check"])}>
              {RULE_CHECKS.map((c) => (
                <option key={c} value={c}>
                  {CHECK_LABELS[c]}
                </option>
              ))}
            </Select>
          )}
        </FormField>
      </div>
      <div className="grid gap-3 md:grid-cols-3">
        {d.check === "type" && (
          <FormField id="rule-type" label="Type">
            {(a) => (
              <Select {...a} value={d.type} onChange={(e) => set("type", e.target.value)}>
                {RULE_TYPES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </Select>
            )}
          </FormField>
        )}
        {d.check === "format" && (
          <FormField id="rule-format" label="Format">
            {(a) => (
              <Select {...a} value={d.format} onChange={(e) => set("format", e.target.value)}>
                {RULE_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {f}: {FORMAT_LABELS[f]}
                  </option>
                ))}
              </Select>
            )}
          </FormField>
        )}
        {d.check === "pattern" && text("pattern", "Pattern", "RE2 syntax: no lookarounds.", "^SKU-[0-9]{4}$")}
        {(d.check === "range" || d.check === "length" || isDate) && (
          <>
            {text("min", "Minimum", isDate ? 'ISO date or "today-30d"' : undefined)}
            {text("max", "Maximum", isDate ? 'ISO date or "today+7d"' : undefined)}
          </>
        )}
        {d.check === "lookup" && (
          <>
            {text("entity", "Master entity", undefined, "customer")}
            {text("attribute", "Attribute", undefined, "id")}
          </>
        )}
      </div>
      {d.check === "enum" && (
        <FormField
          id="rule-values"
          label="Allowed values"
          hint='One per line; 1 and true are a number and a boolean, "1" is text.'
        >
          {(a) => <Textarea {...a} rows={3} value={d.values} onChange={(e) => set("values", e.target.value)} />}
        </FormField>
      )}
      {d.check === "expression" && (
        <FormField
          id="rule-expression"
          label="Expression"
          hint="JSONata over the record that must be true; $value is the field's value."
        >
          {(a) => (
            <Textarea
              {...a}
              rows={2}
              value={d.expression}
              placeholder="$value >= orderDate"
              onChange={(e) => set("expression", e.target.value)}
            />
          )}
        </FormField>
      )}
      <fieldset className="grid gap-3 rounded-md border border-slate-200 p-3 md:grid-cols-3">
        <legend className="px-1 text-xs font-medium text-slate-600">Only when (optional cross-field condition)</legend>
        {text("whenField", "Other field", "Same [] element as the rule's field.", "country")}
        <FormField id="rule-whenOp" label="Condition">
          {(a) => (
            <Select {...a} value={d.whenOp} onChange={(e) => set("whenOp", e.target.value as TRuleDraft["whenOp"])}>
              <option value="">Always apply</option>
              <option value="equals">equals</option>
              <option value="in">is one of (comma-separated)</option>
              <option value="present">is present</option>
              <option value="absent">is absent</option>
            </Select>
          )}
        </FormField>
        {(d.whenOp === "equals" || d.whenOp === "in") && text("whenValue", "Value", undefined, "DE")}
      </fieldset>
      <div className="grid gap-3 md:grid-cols-3">
        <FormField id="rule-severity" label="Severity" hint="Only errors quarantine a record.">
          {(a) => (
            <Select
              {...a}
              value={d.severity}
              onChange={(e) => set("severity", e.target.value as TRuleDraft["severity"])}
            >
              <option value="error">error</option>
              <option value="warning">warning</option>
            </Select>
          )}
        </FormField>
        <div className="md:col-span-2">
          {text("message", "Message", "What the data owner reads; a default is built from the check.")}
        </div>
      </div>
      <div className="flex gap-2">
        <Button type="submit" size="sm">
          {initial ? "Update rule" : "Add rule"}
        </Button>
        {initial && (
          <Button type="button" size="sm" variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
