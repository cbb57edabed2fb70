"use client";

import { useRouter } from "next/navigation";
import { Button, ConfirmDialog } from "@/components/ui";
import { archiveApiProductAction } from "../../actions";

export function ArchiveProductButton({ productId, name }: { productId: string; name: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      title={`Archive ${name}?`}
      description="An archived API leaves the list and takes no new revisions. Versions still served must be deprecated and retired first."
      confirmLabel="Archive"
      onConfirm={async () => {
        const result = await archiveApiProductAction({ productId });
        if (!result.ok) return result.error;
        router.push("/apis");
      }}
      trigger={(open) => (
        <Button variant="secondary" onClick={open}>
          Archive API
        </Button>
      )}
    />
  );
}
