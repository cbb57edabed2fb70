import Link from "next/link";
import { Card } from "@/components/ui";
import type { Actor } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { pendingSignOffs, syncSignOffNotifications, type PendingSignOff } from "@/lib/services/ownership/pending";
import { requestNow } from "../_lib/now";
import { SignOffButton } from "./sign-off-button";

/**
 * "Your pending sign-offs" for a data owner's home page: never-signed, expired and soon-expiring
 * scopes, each with a Sign off button. Renders nothing for people who own nothing pending.
 */
export async function PendingSignOffs({ actor, pending: given }: { actor: Actor; pending?: PendingSignOff[] }) {
  if (!can(actor.role, "ownership:read")) return null;
  // A page that already synced reminders and loaded the list passes it in, so the work is not repeated.
  let pending = given;
  if (!pending) {
    const now = await requestNow();
    await syncSignOffNotifications(actor, now);
    pending = await pendingSignOffs(actor, now);
  }
  if (pending.length === 0) return null;
  return (
    <Card
      title="Your pending sign-offs"
      description="Attest that ownership, responsibilities and exception handling are still right for these scopes."
    >
      <ul className="divide-y divide-slate-100" data-testid="pending-sign-offs">
        {pending.map((p) => (
          <li key={p.ownershipId} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
            <span>
              <span className="font-medium text-slate-900">{p.name}</span>{" "}
              <span className="text-slate-500">({p.scope === "process" ? "process" : "data domain"})</span>
              <span className="block text-xs text-slate-500">
                {p.status === "unsigned"
                  ? "Never signed"
                  : p.status === "expired"
                    ? `Expired ${-(p.daysLeft ?? 0)} day(s) ago`
                    : `Expires in ${p.daysLeft} day(s)`}
              </span>
            </span>
            {can(actor.role, "ownership:attest") && (
              <SignOffButton ownershipId={p.ownershipId} name={p.name} isRenewal={p.status === "expiring"} />
            )}
          </li>
        ))}
      </ul>
      <Link href="/ownership" className="mt-3 inline-block text-sm text-indigo-700 hover:underline">
        Open the ownership registry
      </Link>
    </Card>
  );
}
