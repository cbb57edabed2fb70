"use client";

import { PAGE_SIZES } from "@/lib/validation/list";
import { formatCount } from "./page-math";
import { buttonClass, controlClass } from "./styles";

type Props = {
  tableId: string;
  page: number;
  pageCount: number;
  /** More pages follow than counted ("Page 3 of 400+"). */
  isPageCountLowerBound?: boolean;
  pageSize: number;
  canPrevious: boolean;
  canNext: boolean;
  onFirst: () => void;
  onPrevious: () => void;
  onNext: () => void;
  onLast: () => void;
  onPageSize: (pageSize: number) => void;
};

export function DataTablePagination({
  tableId,
  page,
  pageCount,
  isPageCountLowerBound = false,
  pageSize,
  canPrevious,
  canNext,
  onFirst,
  onPrevious,
  onNext,
  onLast,
  onPageSize,
}: Props) {
  const sizes: readonly number[] = PAGE_SIZES.includes(pageSize as (typeof PAGE_SIZES)[number])
    ? PAGE_SIZES
    : [...PAGE_SIZES, pageSize].sort((a, b) => a - b);
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
      <div className="flex items-center gap-2">
        <label htmlFor={`${tableId}-page-size`} className="text-sm text-slate-600">
          Rows per page
        </label>
        <select
          id={`${tableId}-page-size`}
          value={pageSize}
          onChange={(event) => onPageSize(Number(event.target.value))}
          className={controlClass}
        >
          {sizes.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
      <p className="text-sm text-slate-600">
        Page <span className="font-medium text-slate-900">{formatCount(page)}</span> of{" "}
        <span className="font-medium text-slate-900">
          {formatCount(pageCount)}
          {isPageCountLowerBound ? "+" : ""}
        </span>
      </p>
      <nav aria-label="Pagination" className="flex items-center gap-1">
        <PageButton label="First page" onClick={onFirst} disabled={!canPrevious} glyph="«" />
        <PageButton label="Previous page" onClick={onPrevious} disabled={!canPrevious} glyph="‹" />
        <PageButton label="Next page" onClick={onNext} disabled={!canNext} glyph="›" />
        <PageButton label="Last page" onClick={onLast} disabled={!canNext} glyph="»" />
      </nav>
    </div>
  );
}

function PageButton({
  label,
  glyph,
  onClick,
  disabled,
}: {
  label: string;
  glyph: string;
  onClick: () => void;
  disabled: boolean;
}) {
  return (
    <button
      type="button"
      className={`${buttonClass} w-9 px-0`}
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      title={label}
    >
      <span aria-hidden="true" className="text-base leading-none">
        {glyph}
      </span>
    </button>
  );
}
