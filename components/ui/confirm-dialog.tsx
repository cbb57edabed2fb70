"use client";

import { useEffect, useId, useRef, useState, useTransition, type ReactNode } from "react";
import { Button } from "./button";

/**
 * Asks before a destructive or irreversible action. Uses the native <dialog> (focus trap, Escape to
 * cancel). `onConfirm` may return an error message to keep the dialog open and show it.
 */
export function ConfirmDialog({
  trigger,
  title,
  description,
  confirmLabel = "Confirm",
  tone = "danger",
  onConfirm,
}: {
  trigger: (open: () => void) => ReactNode;
  title: string;
  description: ReactNode;
  confirmLabel?: string;
  tone?: "danger" | "primary";
  onConfirm: () => Promise<string | void> | string | void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // Unique per dialog: a page can hold several, and each must be named by its own title.
  const titleId = useId();
  const [isOpen, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  useEffect(() => {
    const dialog = ref.current;
    if (isOpen && !dialog?.open) dialog?.showModal();
    if (!isOpen && dialog?.open) dialog.close();
  }, [isOpen]);
  const open = () => {
    setError(null);
    setOpen(true);
  };
  const close = () => setOpen(false);
  const confirm = () =>
    startTransition(async () => {
      const problem = await onConfirm();
      if (problem) setError(problem);
      else close();
    });
  return (
    <>
      {trigger(open)}
      <dialog
        ref={ref}
        onClose={close}
        aria-labelledby={titleId}
        className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="p-6">
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          <div className="mt-2 text-sm text-slate-600">{description}</div>
          {error && <p className="mt-3 text-sm font-medium text-red-600">{error}</p>}
          <div className="mt-6 flex justify-end gap-2">
            <Button variant="secondary" onClick={close} disabled={pending}>
              Cancel
            </Button>
            <Button variant={tone} onClick={confirm} disabled={pending} aria-busy={pending}>
              {pending ? "Working…" : confirmLabel}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
