import type { Metadata } from "next";
import Link from "next/link";
import { Card, Notice, PageHeader } from "@/components/ui";
import { orNotFound } from "@/lib/http/not-found";
import { getRevisionFormDefaults } from "@/lib/services/apis";
import { requirePageAccess } from "@/lib/session";
import { RevisionForm } from "../../_components/revision-form";

export const metadata: Metadata = { title: "New API revision" };

export default async function NewRevisionPage({
  params,
  searchParams,
}: {
  params: Promise<{ product: string }>;
  searchParams: Promise<{ major?: string }>;
}) {
  const actor = await requirePageAccess("api:edit");
  const { product: key } = await params;
  const raw = Number((await searchParams).major ?? "1");
  const major = Number.isInteger(raw) && raw >= 0 && raw <= 9999 ? raw : 1;
  const defaults = await orNotFound(getRevisionFormDefaults(actor, key, major));
  const isNewMajor = defaults.lifecycle === null;
  return (
    <>
      <PageHeader
        title={`New revision of ${defaults.product.name} v${major}`}
        description={
          isNewMajor
            ? `The first revision creates v${major}${defaults.from ? `; it is compared with v${defaults.from.major} for information (a new major may break).` : "."}`
            : `Compared with the latest revision of v${major}: a breaking change is blocked from publishing once v${major} is published.`
        }
      />
      {defaults.product.archivedAt ? (
        <Notice tone="warning">This API is archived; it takes no new revisions.</Notice>
      ) : defaults.lifecycle === "retired" ? (
        <Notice tone="warning">v{major} is retired; add a new major version instead.</Notice>
      ) : (
        <Card>
          <p className="mb-4 text-sm text-slate-600">
            <Link href={`/apis/${key}`} className="text-indigo-700 hover:underline">
              {defaults.product.name}
            </Link>
            {defaults.from
              ? ` · starts from v${defaults.from.major} revision ${defaults.from.number}`
              : " · first document of this API"}
          </p>
          <RevisionForm
            productKey={key}
            major={major}
            flowNames={defaults.flowNames}
            initial={{
              source: defaults.from?.source ?? "",
              backend: defaults.from?.document.backend ?? null,
              jwksUrl: defaults.from?.document.auth.jwt?.jwksUrl ?? "",
              syncTimeoutMs: defaults.from?.document.syncTimeoutMs ?? 10_000,
            }}
          />
        </Card>
      )}
    </>
  );
}
