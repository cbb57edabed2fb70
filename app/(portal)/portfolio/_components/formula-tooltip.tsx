"use client";

import { useId, useState, type KeyboardEvent } from "react";

export type TFormula = { label: string; formula: string; steps: string[] };

/**
 * A figure whose formula, with the actual numbers plugged in, shows on hover and on keyboard focus
 * (a real tooltip: the button is described by it, and Escape dismisses it).
 */
export function FormulaTooltip({
  value,
  formula,
  className,
  testId,
  align = "end",
}: {
  value: string;
  formula: TFormula;
  className?: string;
  testId?: string;
  /** Which edge of the figure the tooltip lines up with: "start" near a left edge, "end" near a right one. */
  align?: "start" | "end";
}) {
  const id = useId();
  const [isOpen, setOpen] = useState(false);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Escape") setOpen(false);
  };
  return (
    <span className="relative inline-block" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <button
        type="button"
        aria-describedby={id}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className={
          className ??
          "cursor-help whitespace-nowrap rounded-sm underline decoration-slate-400 decoration-dotted underline-offset-4 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500"
        }
        data-testid={testId}
      >
        {value}
      </button>
      <span
        id={id}
        role="tooltip"
        hidden={!isOpen}
        className={`absolute ${align === "start" ? "left-0" : "right-0"} top-full z-20 mt-2 w-80 rounded-md bg-slate-900 p-3 text-left text-xs font-normal normal-case tracking-normal text-slate-100 shadow-lg`}
      >
        <span className="block font-semibold text-white">{formula.label}</span>
        <span className="mt-1 block font-mono text-[11px] text-slate-300">{formula.formula}</span>
        {formula.steps.map((s, i) => (
          <span key={i} className="mt-1 block font-mono text-[11px]">
            {s}
          </span>
        ))}
      </span>
    </span>
  );
}
