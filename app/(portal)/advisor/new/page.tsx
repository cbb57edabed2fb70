import type { Metadata } from "next";
import { Button, Card, EmptyState, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { can } from "@/lib/auth/permissions";
import { getInterfaceContext } from "@/lib/services/advisor";
import { hasInterfaces } from "@/lib/services/inventory/lookups";
import { label } from "@/lib/validation/advisor";
import { orNotFound } from "@/lib/http/not-found";
import { AdvisorForm } from "../_components/advisor-form";
import { InterfaceChooser } from "../_components/interface-chooser";

export const metadata: Metadata = { title: "Advise an interface" };

export default async function AdviseInterfacePage({ searchParams }: { searchParams: Promise<{ interface?: string }> }) {
  const actor = await requirePageAccess("advisor:read");
  const { interface: interfaceId } = await searchParams;
  const isInventoryStocked = await hasInterfaces(actor);
  const context = interfaceId ? await orNotFound(getInterfaceContext(actor, interfaceId)) : null;
  return (
    <>
      <PageHeader
        title="Advise an interface"
        description="Describe the interface; the advisor recommends how to integrate it and explains why."
      />
      <div className="space-y-6">
        <Card>
          {isInventoryStocked ? (
            <form method="get" className="flex flex-wrap items-end gap-3">
              <div className="min-w-72 flex-1">
                <label htmlFor="interface" className="block text-sm font-medium text-slate-700">
                  Interface
                </label>
                <InterfaceChooser
                  key={context?.id ?? ""}
                  value={
                    context
                      ? { id: context.id, label: context.name, detail: `${context.source} → ${context.target}` }
                      : null
                  }
                />
              </div>
              <Button type="submit" variant="secondary">
                Open
              </Button>
            </form>
          ) : (
            <EmptyState
              title="No interfaces in the inventory"
              description="Add interfaces between systems in the inventory first; the advisor works on one interface at a time."
            />
          )}
        </Card>
        {context && (
          <>
            <p className="text-sm text-slate-600">
              {context.source} ({context.sourceRegion || "region unknown"}) → {context.target} (
              {context.targetRegion || "region unknown"}) · today: {context.mechanism.replace(/_/g, " ")},{" "}
              {label(context.payloadFormat)}, {context.frequency.replace(/_/g, " ")},{" "}
              {context.volumePerMonth.toLocaleString("en")} per month
            </p>
            <AdvisorForm
              key={context.id}
              interfaceId={context.id}
              interfaceName={context.name}
              defaults={context.defaults}
              canDecide={can(actor.role, "advisor:decide")}
            />
          </>
        )}
      </div>
    </>
  );
}
