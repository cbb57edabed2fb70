import { LinkButton } from "@/components/ui";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { findOpenRetirement } from "@/lib/services/retirements";

/** The flow's way into retirement: its open retirement if it has one, else "Deprecate" for those who may. */
export async function DeprecateLink({ actor, flowId }: { actor: Actor; flowId: string }) {
  if (!can(actor.role, "catalog:read")) return null;
  const open = await findOpenRetirement(actor, { kind: "flow", id: flowId });
  if (open)
    return (
      <LinkButton href={`/catalog/retirements/${open.id}`}>
        Deprecated · sunset {open.sunsetAt.toISOString().slice(0, 10)}
      </LinkButton>
    );
  if (!can(actor.role, "catalog:retire")) return null;
  return (
    <LinkButton href={`/catalog/retirements/new?${new URLSearchParams({ kind: "flow", id: flowId })}`}>
      Deprecate
    </LinkButton>
  );
}
