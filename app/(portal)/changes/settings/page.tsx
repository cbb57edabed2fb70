import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { getRiskPolicy, listChangeModels, listChangeWindows } from "@/lib/services/changes";
import { listEnvironments } from "@/lib/services/flows";
import { systemOptions } from "@/lib/services/inventory/systems";
import { requirePageAccess } from "@/lib/session";
import { ChangesNav } from "../_components/changes-nav";
import { ModelsSection, PolicyForm, WindowsSection } from "../_components/settings";

export const metadata: Metadata = { title: "Change settings" };

export default async function ChangeSettingsPage() {
  const actor = await requirePageAccess("change:manage");
  const [models, windows, policy, systems, environments] = await Promise.all([
    listChangeModels(actor),
    listChangeWindows(actor),
    getRiskPolicy(actor),
    systemOptions(actor),
    listEnvironments(actor),
  ]);
  return (
    <>
      <PageHeader
        title="Change settings"
        description="Pre-approved change models, blackout and maintenance windows, and the risk policy the CAB works by."
      />
      <ChangesNav current="/changes/settings" canManage />
      <div className="space-y-6">
        <Card
          title="Change models"
          description="A standard change from an active model is approved at once while its risk stays within the model's."
        >
          <ModelsSection
            models={models.map((m) => ({
              id: m.id,
              key: m.key,
              name: m.name,
              description: m.description,
              maxRisk: m.maxRisk,
              isActive: m.isActive,
              changeCount: m.changeCount,
            }))}
          />
        </Card>
        <Card
          title="Blackout and maintenance windows"
          description="Blackouts flag every change in them; a system's maintenance window flags changes to it outside the window."
        >
          <WindowsSection
            windows={windows.map((w) => ({
              id: w.id,
              environmentId: w.environmentId,
              kind: w.kind,
              name: w.name,
              description: w.description,
              rrule: w.rrule,
              durationMinutes: w.durationMinutes,
              systemName: w.systemName,
              environmentKey: w.environmentKey,
              isActive: w.isActive,
              nextStart: w.nextStart,
            }))}
            systems={systems}
            environments={environments.map((e) => ({ id: e.id, name: e.name }))}
          />
        </Card>
        <Card
          title="Risk policy"
          description="How the score maps to a level, the quorum per level and the factor weights."
        >
          <PolicyForm
            policy={{
              mediumFrom: policy.mediumFrom,
              highFrom: policy.highFrom,
              lowApprovals: policy.lowApprovals,
              mediumApprovals: policy.mediumApprovals,
              highApprovals: policy.highApprovals,
              dataOwnerFrom: policy.dataOwnerFrom,
              weights: policy.weights,
              remindAfterHours: policy.remindAfterHours,
              escalateAfterReminders: policy.escalateAfterReminders,
              rollbackErrorRate: policy.rollbackErrorRate,
              rollbackMinutes: policy.rollbackMinutes,
              rollbackMinMessages: policy.rollbackMinMessages,
            }}
          />
        </Card>
      </div>
    </>
  );
}
