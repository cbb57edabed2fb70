import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { listEnvironments } from "@/lib/services/flows";
import { listMaskedDatasetJobs } from "@/lib/services/quality/privacy";
import { requirePageAccess } from "@/lib/session";
import { parseListQuery } from "@/lib/validation/list";
import { DatasetForm } from "./_components/dataset-form";
import { DatasetJobsTable } from "./_components/dataset-jobs-table";
import { RefreshWhileRunning } from "./_components/refresh-while-running";

export const metadata: Metadata = { title: "Masked datasets" };

export default async function MaskedDatasetsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requirePageAccess("quality:read");
  const query = parseListQuery(await searchParams);
  const canManage = can(actor.role, "quality:manage");
  const [result, environments] = await Promise.all([
    listMaskedDatasetJobs(actor, query),
    canManage ? listEnvironments(actor) : [],
  ]);
  const isRunning = result.rows.some((j) => j.status === "queued" || j.status === "running");
  return (
    <>
      <PageHeader
        title="Masked datasets"
        description="Realistic test data without personal data: a job reads recent production payloads of a flow (its runs or its dead letters), masks them with the target environment's policies and sends them through the flow's deployment there. The engine runs the job and reports its progress here."
      />
      <div className="space-y-6">
        {canManage && (
          <Card
            title="Copy production samples into a test environment"
            description="The flow must be deployed in the target environment. Payloads are those production kept (failed messages, or all with ENGINE_RETAIN_PAYLOADS=all)."
          >
            <DatasetForm
              environments={environments.filter((e) => !e.isProduction).map((e) => ({ value: e.id, label: e.name }))}
            />
          </Card>
        )}
        <RefreshWhileRunning isRunning={isRunning} />
        <DatasetJobsTable result={result} query={query} />
      </div>
    </>
  );
}
