"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useTransition } from "react";
import { applyListPatch, buildListHref, type ListParamPatch } from "./list-params";

/**
 * Writes list state to the URL. `replace` keeps every keystroke and page flip out of the back
 * history; the transition keeps the current rows on screen (marked busy) while the server renders
 * the next page.
 */
export function useListNavigation(): { isPending: boolean; navigate: (patch: ListParamPatch) => void } {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const [isPending, startTransition] = useTransition();

  const navigate = useCallback(
    (patch: ListParamPatch) => {
      const next = applyListPatch(searchParams.toString(), patch);
      const href = buildListHref(pathname, next);
      startTransition(() => router.replace(href, { scroll: false }));
    },
    [pathname, router, searchParams],
  );

  return { isPending, navigate };
}
