import type { Metadata } from "next";
import Link from "next/link";
import { Card, EmptyState, LinkButton, Notice, PageHeader } from "@/components/ui";
import { can } from "@/lib/auth/permissions";
import { orNotFound } from "@/lib/http/not-found";
import { getApiProductOrThrow, listApiFormOptions } from "@/lib/services/apis";
import { requirePageAccess } from "@/lib/session";
import { PlainTable } from "../_components/plain-table";
import { ApiLifecycleBadge } from "../_components/lifecycle-badge";
import { ProductForm } from "../_components/product-form";
import { ArchiveProductButton } from "./_components/archive-product-button";

type Params = { params: Promise<{ product: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `API ${(await params).product}` };
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "—");

export default async function ApiProductPage({ params }: Params) {
  const actor = await requirePageAccess("api:read");
  const { product: key } = await params;
  const [product, options] = await Promise.all([
    orNotFound(getApiProductOrThrow(actor, key)),
    listApiFormOptions(actor),
  ]);
  const canEdit = can(actor.role, "api:edit") && !product.archivedAt;
  const nextMajor = product.versions.length ? Math.max(...product.versions.map((v) => v.major)) + 1 : 1;
  return (
    <>
      <PageHeader
        title={product.name}
        description={product.description || `Served at /${product.key}/v<major>/ on the API gateway.`}
        actions={
          canEdit ? (
            <LinkButton href={`/apis/${product.key}/revisions/new?major=${nextMajor}`} variant="primary">
              New major version (v{nextMajor})
            </LinkButton>
          ) : undefined
        }
      />
      {product.archivedAt && (
        <div className="mb-4">
          <Notice tone="warning" title="Archived">
            This API was archived on {day(product.archivedAt)}; it takes no new revisions.
          </Notice>
        </div>
      )}
      <div className="space-y-6">
        <Card title="Versions" description="Each major version and the revision every environment serves.">
          {product.versions.length === 0 ? (
            <EmptyState
              title="No versions yet"
              description="Upload or paste the OpenAPI document of v1, then publish it to development."
              action={
                canEdit ? (
                  <LinkButton href={`/apis/${product.key}/revisions/new?major=1`} variant="primary">
                    Add v1
                  </LinkButton>
                ) : undefined
              }
            />
          ) : (
            <div className="overflow-x-auto">
              <PlainTable
                caption={`Versions of ${product.name}`}
                columns={[
                  { label: "Version" },
                  { label: "Lifecycle" },
                  ...product.environments.map((e) => ({ label: e.name })),
                  { label: "Sunset" },
                ]}
              >
                {product.versions.map((v) => (
                  <tr key={v.id}>
                    <td className="px-3 py-2">
                      <Link
                        href={`/apis/${product.key}/v${v.major}`}
                        className="font-mono font-medium text-indigo-700 hover:underline"
                      >
                        v{v.major}
                      </Link>
                      <span className="ml-2 text-xs text-slate-500">
                        {v.revisions} revision{v.revisions === 1 ? "" : "s"}
                      </span>
                    </td>
                    <td className="px-3 py-2">
                      <ApiLifecycleBadge lifecycle={v.lifecycle} />
                    </td>
                    {product.environments.map((e) => {
                      const d = v.deployed[e.id];
                      return (
                        <td key={e.id} className="px-3 py-2" data-testid={`served-v${v.major}-${e.key}`}>
                          {d ? (
                            <span>
                              rev {d.revisionNumber}
                              <span className="ml-1 text-xs text-slate-500">{d.semver}</span>
                            </span>
                          ) : (
                            <span className="text-slate-400">—</span>
                          )}
                        </td>
                      );
                    })}
                    <td className="px-3 py-2">
                      {day(v.sunsetAt)}
                      {v.successorMajor !== null && (
                        <span className="ml-1 text-xs text-slate-500">→ v{v.successorMajor}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </PlainTable>
            </div>
          )}
        </Card>
        <Card title="About this API">
          <dl className="mb-4 grid gap-3 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-slate-500">Gateway path</dt>
              <dd className="font-mono">/{product.key}/v&lt;major&gt;/…</dd>
            </div>
            <div>
              <dt className="text-slate-500">Owner</dt>
              <dd>{product.ownerName || "Nobody"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Provided by</dt>
              <dd>
                {product.systemId ? (
                  <Link href={`/catalog/system/${product.systemId}`} className="text-indigo-700 hover:underline">
                    {product.systemName}
                  </Link>
                ) : (
                  "No system"
                )}
              </dd>
            </div>
          </dl>
          {canEdit && (
            <>
              <ProductForm
                people={options.people}
                systems={options.systems}
                values={{
                  productId: product.id,
                  key: product.key,
                  name: product.name,
                  description: product.description,
                  ownerId: product.ownerId,
                  systemId: product.systemId,
                }}
              />
              <div className="mt-6 border-t border-slate-200 pt-4">
                <ArchiveProductButton productId={product.id} name={product.name} />
              </div>
            </>
          )}
        </Card>
      </div>
    </>
  );
}
