"use client";

import type { ReactNode } from "react";
import { cn } from "@/lib/utils/cn";

type Props = {
  title: string;
  description?: string;
  isEmpty: boolean;
  emptyMessage?: string;
  /** Pixel height of the plot area; the empty state keeps it so layouts do not jump. */
  height?: number;
  /** A text equivalent of the chart for screen readers (usually a `ChartDataTable`). */
  summary?: ReactNode;
  /** False when the body is itself accessible markup (e.g. the heatmap's table), not an SVG. */
  isGraphic?: boolean;
  /** Controls such as a legend that sit under the plot and stay visible to everyone. */
  footer?: ReactNode;
  className?: string;
  children: ReactNode;
};

/**
 * The card every chart sits in. The SVG is hidden from assistive technology; the same numbers are
 * exposed as a visually hidden table, which screen readers navigate far better than SVG shapes.
 */
export function ChartFrame({
  title,
  description,
  isEmpty,
  emptyMessage = "No data to show yet.",
  height,
  summary,
  isGraphic = true,
  footer,
  className,
  children,
}: Props) {
  return (
    <figure
      className={cn("flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm", className)}
    >
      <figcaption>
        <span className="block text-sm font-semibold text-slate-900">{title}</span>
        {description ? <span className="mt-0.5 block text-xs text-slate-500">{description}</span> : null}
      </figcaption>
      {isEmpty ? (
        <div
          className="flex min-h-24 items-center justify-center rounded-md border border-dashed border-slate-200 text-sm text-slate-500"
          style={{ height }}
        >
          {emptyMessage}
        </div>
      ) : (
        <>
          <div aria-hidden={isGraphic ? true : undefined} className="relative min-w-0" style={{ height }}>
            {children}
          </div>
          {summary}
          {footer}
        </>
      )}
    </figure>
  );
}

type TableProps = { caption: string; headers: string[]; rows: ReactNode[][] };

/** Visually hidden data table that carries a chart's numbers for screen readers. */
export function ChartDataTable({ caption, headers, rows }: TableProps) {
  return (
    <table className="sr-only">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {headers.map((header, index) => (
            <th key={index} scope="col">
              {header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, rowIndex) => (
          <tr key={rowIndex}>
            {row.map((cell, cellIndex) =>
              cellIndex === 0 ? (
                <th key={cellIndex} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={cellIndex}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
