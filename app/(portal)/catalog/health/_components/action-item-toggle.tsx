"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui";
import { closeActionItemAction, reopenActionItemAction } from "../actions";

/** Marks an action item done, or reopens it; the error (e.g. not its owner) shows beside the button. */
export function ActionItemToggle({ id, title, status }: { id: string; title: string; status: "open" | "done" }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const isOpen = status === "open";
  const run = () =>
    startTransition(async () => {
      const r = await (isOpen ? closeActionItemAction : reopenActionItemAction)({ id });
      if (!r.ok) setError(r.error);
      else {
        setError(null);
        router.refresh();
      }
    });
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        size="sm"
        variant={isOpen ? "primary" : "secondary"}
        onClick={run}
        disabled={pending}
        aria-busy={pending}
        aria-label={`${isOpen ? "Mark done" : "Reopen"}: ${title}`}
      >
        {pending ? "Saving…" : isOpen ? "Mark done" : "Reopen"}
      </Button>
      {error && (
        <span role="status" className="text-xs font-medium text-red-600">
          {error}
        </span>
      )}
    </span>
  );
}
