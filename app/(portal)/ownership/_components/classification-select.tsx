"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Badge, Select } from "@/components/ui";
import {
  CLASSIFICATION_LABELS,
  DATA_CLASSIFICATIONS,
  isPersonal,
  type TDataClassification,
} from "@/lib/validation/data-domains";
import { setClassificationAction } from "../actions";

/** The domain's classification: a badge for readers, a select that saves on change for managers. */
export function ClassificationSelect({
  dataDomainId,
  name,
  classification,
  canEdit,
}: {
  dataDomainId: string;
  name: string;
  classification: TDataClassification;
  canEdit: boolean;
}) {
  const [value, setValue] = useState(classification);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, start] = useTransition();
  const router = useRouter();
  const errorId = useId();
  if (!canEdit)
    return (
      <Badge tone={isPersonal(classification) ? "warning" : "neutral"}>{CLASSIFICATION_LABELS[classification]}</Badge>
    );
  return (
    <span className="inline-flex flex-col gap-1">
      <Select
        aria-label={`Classification of ${name}`}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? errorId : undefined}
        value={value}
        disabled={pending}
        className="w-52 py-1"
        onChange={(e) => {
          const next = e.target.value as TDataClassification;
          const previous = value;
          setValue(next);
          setSaved(false);
          start(async () => {
            const result = await setClassificationAction({ dataDomainId, classification: next });
            if (result.ok) {
              setError(null);
              setSaved(true);
              router.refresh();
            } else {
              setValue(previous);
              setError(result.error);
            }
          });
        }}
      >
        {DATA_CLASSIFICATIONS.map((c) => (
          <option key={c} value={c}>
            {CLASSIFICATION_LABELS[c]}
          </option>
        ))}
      </Select>
      {error && (
        <span id={errorId} className="text-xs font-medium text-red-600">
          {error}
        </span>
      )}
      {saved && !error && (
        <span className="text-xs text-emerald-700" role="status">
          Saved.
        </span>
      )}
    </span>
  );
}
