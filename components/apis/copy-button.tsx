"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui";

/**
 * Copies a value to the clipboard and says so in a live region. Where the Clipboard API is missing
 * (plain http other than localhost), it says to select the text instead of failing silently.
 */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 2500);
    return () => clearTimeout(t);
  }, [state]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <span className="inline-flex items-center gap-2">
      <Button type="button" variant="secondary" size="sm" onClick={copy}>
        {label}
      </Button>
      <span role="status" aria-live="polite" className="text-xs text-slate-600">
        {state === "copied"
          ? "Copied."
          : state === "failed"
            ? "Copying is blocked here; select the text and copy it."
            : ""}
      </span>
    </span>
  );
}
