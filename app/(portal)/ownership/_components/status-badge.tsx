import { Badge } from "@/components/ui";
import type { RegistryStatus } from "@/lib/services/ownership/registry";

const TONES = { signed: "success", expired: "danger", unsigned: "warning", unowned: "neutral" } as const;
const LABELS = { signed: "Signed", expired: "Expired", unsigned: "Unsigned", unowned: "Unowned" } as const;

export function StatusBadge({ status, expiresAt }: { status: RegistryStatus; expiresAt: string | null }) {
  return (
    <span className="inline-flex flex-col" data-testid="attestation-status">
      <Badge tone={TONES[status]}>{LABELS[status]}</Badge>
      {expiresAt && status !== "unowned" && (
        <span className="text-xs text-slate-500">
          {status === "signed" ? "until" : "expired"}{" "}
          {new Date(expiresAt).toLocaleDateString("en-GB", {
            year: "numeric",
            month: "short",
            day: "numeric",
            timeZone: "UTC",
          })}
        </span>
      )}
    </span>
  );
}
