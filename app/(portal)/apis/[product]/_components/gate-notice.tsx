import Link from "next/link";
import { Notice } from "@/components/ui";
import type { TGateState } from "@/lib/services/apis";

/** The breaking-change gate's verdict on a revision, in words; the reasons are listed beside it. */
export function GateNotice({ gate, revisionHref }: { gate: TGateState; revisionHref?: string }) {
  if (gate.isBlocked)
    return (
      <Notice tone="danger" title="Publishing is blocked">
        This revision has {gate.reasons.length} breaking change{gate.reasons.length === 1 ? "" : "s"} against the
        published contract of its major version. Publish the change as a new major version, or record a waiver bound to
        an approved change request that deploys this revision.
        {revisionHref && (
          <>
            {" "}
            <Link href={revisionHref} className="font-medium underline">
              See the reasons
            </Link>
            .
          </>
        )}
      </Notice>
    );
  if (gate.isGated && gate.waiver)
    return (
      <Notice tone="warning" title="Breaking changes waived">
        Waived until {gate.waiver.expiresAt.slice(0, 10)} under{" "}
        <Link href={`/changes/${gate.waiver.change.id}`} className="font-medium underline">
          CHG-{gate.waiver.change.number}
        </Link>
        : {gate.waiver.reason}
      </Notice>
    );
  return null;
}
