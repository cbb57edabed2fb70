"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui";
import { attestAction } from "../actions";

export function SignOffButton({
  ownershipId,
  name,
  isRenewal,
}: {
  ownershipId: string;
  name: string;
  isRenewal: boolean;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  return (
    <span className="inline-flex flex-col gap-1">
      <Button
        size="sm"
        variant={isRenewal ? "secondary" : "primary"}
        disabled={pending}
        aria-busy={pending}
        aria-label={`${isRenewal ? "Renew sign-off" : "Sign off"} ${name}`}
        onClick={() =>
          start(async () => {
            const result = await attestAction({ ownershipId });
            if (result.ok) {
              setError(null);
              router.refresh();
            } else setError(result.error);
          })
        }
      >
        {pending ? "Signing…" : isRenewal ? "Renew" : "Sign off"}
      </Button>
      {error && <span className="text-xs font-medium text-red-600">{error}</span>}
    </span>
  );
}
