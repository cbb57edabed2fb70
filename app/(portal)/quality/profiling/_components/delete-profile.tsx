"use client";

import { useRouter } from "next/navigation";
import { Button, ConfirmDialog } from "@/components/ui";
import { deleteProfileDefinitionAction } from "../actions";

/** Deleting drops the runs, their column results, the baseline and the anomalies; alerts already raised stay. */
export function DeleteProfile({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      title={`Delete the profile ${name}?`}
      confirmLabel="Delete profile"
      description="Its schedule stops, and its runs, column results, baseline and anomalies are deleted. Alerts it already raised stay in the inbox. This cannot be undone."
      onConfirm={async () => {
        const r = await deleteProfileDefinitionAction({ id }).catch(() => null);
        if (!r) return "The connection to the server was lost; nothing was deleted.";
        if (!r.ok) return r.error;
        router.push("/quality/profiling");
        router.refresh();
      }}
      trigger={(open) => (
        <Button variant="ghost" onClick={open} className="text-red-700 hover:bg-red-50">
          Delete…
        </Button>
      )}
    />
  );
}
