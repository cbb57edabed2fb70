"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useTransition } from "react";
import { controlClass, buttonClass } from "@/components/data-table/styles";
import {
  API_ANALYTICS_RANGE_LABELS,
  API_ANALYTICS_RANGES,
  DEFAULT_IDLE_DAYS,
  MAX_IDLE_DAYS,
  type TApiAnalyticsFilters,
} from "@/lib/validation/api-analytics";

type TOption = { value: string; label: string };

type Props = {
  filters: TApiAnalyticsFilters;
  products: TOption[];
  /** Each version with the product key it belongs to, so the list narrows with the product. */
  versions: (TOption & { productKey: string })[];
  environments: TOption[];
  consumers: TOption[];
};

type TFilterKey = "product" | "version" | "env" | "consumer" | "range" | "idle";
/** The operation table's paging restarts when the scope changes. */
const RESET_ON_CHANGE = ["page"];

/**
 * The analytics page's scope, kept in the URL (product, version, env, consumer, range, idle), so a
 * view can be linked and the back button works. The server renders every section from these params.
 */
export function AnalyticsFilters({ filters, products, versions, environments, consumers }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [isPending, startTransition] = useTransition();

  const navigate = (patch: Partial<Record<TFilterKey, string>>) => {
    const next = new URLSearchParams(searchParams.toString());
    for (const [key, value] of Object.entries(patch)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    for (const key of RESET_ON_CHANGE) next.delete(key);
    const search = next.toString();
    startTransition(() => router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false }));
  };

  const shownVersions = filters.product ? versions.filter((v) => v.productKey === filters.product) : versions;
  const isFiltered = Boolean(
    filters.product || filters.version || filters.env || filters.consumer || filters.range !== "7d",
  );

  return (
    <form
      role="search"
      aria-label="Analytics filters"
      aria-busy={isPending}
      className="mb-6 flex flex-wrap items-end gap-3"
      onSubmit={(e) => e.preventDefault()}
    >
      <Field id="analytics-product" label="API">
        <select
          id="analytics-product"
          className={controlClass}
          value={filters.product ?? ""}
          onChange={(e) => {
            const product = e.target.value;
            const keepVersion = versions.some((v) => v.value === filters.version && v.productKey === product);
            navigate({ product, version: keepVersion ? filters.version : "" });
          }}
        >
          <option value="">All APIs</option>
          {products.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="analytics-version" label="Version">
        <select
          id="analytics-version"
          className={controlClass}
          value={filters.version ?? ""}
          onChange={(e) => navigate({ version: e.target.value })}
        >
          <option value="">All versions</option>
          {shownVersions.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="analytics-env" label="Environment">
        <select
          id="analytics-env"
          className={controlClass}
          value={filters.env ?? ""}
          onChange={(e) => navigate({ env: e.target.value })}
        >
          <option value="">All environments</option>
          {environments.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="analytics-consumer" label="Consumer">
        <select
          id="analytics-consumer"
          className={controlClass}
          value={filters.consumer ?? ""}
          onChange={(e) => navigate({ consumer: e.target.value })}
        >
          <option value="">All consumers</option>
          {consumers.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="analytics-range" label="Range">
        <select
          id="analytics-range"
          className={controlClass}
          value={filters.range}
          onChange={(e) => navigate({ range: e.target.value === "7d" ? "" : e.target.value })}
        >
          {API_ANALYTICS_RANGES.map((r) => (
            <option key={r} value={r}>
              {API_ANALYTICS_RANGE_LABELS[r]}
            </option>
          ))}
        </select>
      </Field>
      <Field id="analytics-idle" label="Underused after (days)">
        <input
          id="analytics-idle"
          type="number"
          min={1}
          max={MAX_IDLE_DAYS}
          step={1}
          // Remounts when the URL changes the value, so the field shows what the page used.
          key={filters.idle}
          defaultValue={filters.idle}
          className={`${controlClass} w-24`}
          onBlur={(e) => commitIdle(e.currentTarget.value, filters.idle, navigate)}
          onKeyDown={(e) => {
            if (e.key === "Enter") commitIdle(e.currentTarget.value, filters.idle, navigate);
          }}
        />
      </Field>
      {isFiltered && (
        <button
          type="button"
          className={buttonClass}
          onClick={() => navigate({ product: "", version: "", env: "", consumer: "", range: "" })}
        >
          Clear filters
        </button>
      )}
      <span role="status" aria-live="polite" className="text-sm text-slate-500">
        {isPending ? "Loading…" : ""}
      </span>
    </form>
  );
}

function commitIdle(raw: string, current: number, navigate: (patch: { idle: string }) => void) {
  const n = Math.round(Number(raw));
  if (!Number.isFinite(n) || n < 1 || n > MAX_IDLE_DAYS || n === current) return;
  navigate({ idle: n === DEFAULT_IDLE_DAYS ? "" : String(n) });
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      {children}
    </div>
  );
}
