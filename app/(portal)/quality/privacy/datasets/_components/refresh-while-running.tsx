"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** While a job is queued or running, re-renders the page every two seconds so its progress moves. */
export function RefreshWhileRunning({ isRunning }: { isRunning: boolean }) {
  const router = useRouter();
  useEffect(() => {
    if (!isRunning) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, 2_000);
    return () => clearInterval(timer);
  }, [isRunning, router]);
  return isRunning ? (
    <p className="text-xs text-slate-500" role="status" aria-live="polite">
      A job is running; this page refreshes itself.
    </p>
  ) : null;
}
