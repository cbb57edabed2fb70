"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/errors";

/**
 * Runs one action from a button or a confirm dialog: refreshes the page on success, keeps the error
 * to show in place. `run` resolves to the error text (a ConfirmDialog keeps itself open with it).
 */
export function useRunAction() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const run = <T>(call: () => Promise<ActionResult<T>>) =>
    new Promise<string | void>((resolve) =>
      start(async () => {
        const result = await call();
        if (result.ok) {
          setError(null);
          router.refresh();
          resolve();
        } else {
          setError(result.error);
          resolve(result.error);
        }
      }),
    );
  return { run, error, pending };
}
