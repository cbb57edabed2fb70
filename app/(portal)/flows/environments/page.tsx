import type { Metadata } from "next";
import { Badge, Card, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { listEnvironmentConfigs } from "@/lib/services/flows/environments";
import { requirePageAccess } from "@/lib/session";
import { SecretsSection, VariablesSection } from "./_components/environment-settings";

export const metadata: Metadata = { title: "Environments" };

export default async function EnvironmentsPage() {
  const actor = await requirePageAccess("flow:read");
  const environments = await listEnvironmentConfigs(actor);
  const canManage = can(actor.role, "environment:manage");
  return (
    <>
      <PageHeader
        title="Environments"
        description="Each environment's variables (read by config items as ${vars.NAME}) and secret references (${secrets.NAME}). A secret reference names where the engine finds the value; Switchboard never stores, exports or shows a secret's value. Promotion goes in this order."
      />
      <div className="space-y-6">
        {environments.map((env) => (
          <section key={env.id} aria-label={env.name} className="space-y-3" data-testid={`environment-${env.key}`}>
            <h2 className="flex items-center gap-2 text-lg font-semibold text-slate-900">
              {env.name} <code className="text-sm font-normal text-slate-500">{env.key}</code>
              {env.isProduction && <Badge tone="warning">production</Badge>}
            </h2>
            <div className="grid gap-4 lg:grid-cols-2">
              <Card title="Variables">
                <VariablesSection
                  environmentKey={env.key}
                  environmentName={env.name}
                  canManage={canManage}
                  rows={env.variables}
                />
              </Card>
              <Card title="Secret references">
                <SecretsSection
                  environmentKey={env.key}
                  environmentName={env.name}
                  canManage={canManage}
                  rows={env.secrets}
                />
              </Card>
            </div>
          </section>
        ))}
      </div>
    </>
  );
}
