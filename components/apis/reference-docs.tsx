import type { TOperation } from "@/lib/apis/openapi/operations";
import { MethodBadge } from "./method-badge";
import { ParametersTable } from "./parameters-table";
import { MediaContent, Responses } from "./responses";

export type TReferenceInfo = { title: string; version: string; description?: string };
type TDocOperation = Pick<
  TOperation,
  | "method"
  | "path"
  | "operationId"
  | "summary"
  | "description"
  | "tags"
  | "deprecated"
  | "parameters"
  | "requestBody"
  | "responses"
>;

const UNTAGGED = "Other operations";

/** A stable, unique anchor per operation: its operationId, else method and path. */
export function operationAnchor(op: Pick<TOperation, "method" | "path" | "operationId">): string {
  const base = op.operationId ? `op-${op.operationId}` : `op-${op.method}-${op.path}`;
  return base
    .replace(/[^A-Za-z0-9_-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/-$/, "")
    .toLowerCase();
}

const tagAnchor = (tag: string) => `tag-${tag.replace(/[^A-Za-z0-9_-]+/g, "-").toLowerCase()}`;

/**
 * Groups operations under their first tag (tags in first-seen order, untagged last), so each
 * operation, and its anchor, appears once.
 */
export function groupByTag<T extends Pick<TOperation, "tags">>(
  operations: readonly T[],
): { tag: string; operations: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const op of operations) {
    const tag = op.tags[0] ?? UNTAGGED;
    groups.set(tag, [...(groups.get(tag) ?? []), op]);
  }
  const untagged = groups.get(UNTAGGED);
  groups.delete(UNTAGGED);
  const out = [...groups].map(([tag, ops]) => ({ tag, operations: ops }));
  if (untagged) out.push({ tag: UNTAGGED, operations: untagged });
  return out;
}

function Operation({ op }: { op: TDocOperation }) {
  const anchor = operationAnchor(op);
  const headingId = `${anchor}-title`;
  return (
    <article
      id={anchor}
      aria-labelledby={headingId}
      className="scroll-mt-20 rounded-lg border border-slate-200 bg-white p-4"
    >
      <header className="mb-3">
        <h4 id={headingId} className="flex flex-wrap items-center gap-2">
          <MethodBadge method={op.method} />
          <code className={`font-mono text-sm font-semibold text-slate-900 ${op.deprecated ? "line-through" : ""}`}>
            {op.path}
          </code>
          {op.deprecated && (
            <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-800">Deprecated</span>
          )}
          <a
            href={`#${anchor}`}
            className="text-xs text-slate-400 hover:text-indigo-700"
            aria-label={`Link to ${op.method} ${op.path}`}
          >
            #
          </a>
        </h4>
        {op.summary && <p className="mt-1 text-sm font-medium text-slate-800">{op.summary}</p>}
        {op.description && <p className="mt-1 whitespace-pre-line text-sm text-slate-600">{op.description}</p>}
        {op.operationId && <p className="mt-1 font-mono text-xs text-slate-500">operationId: {op.operationId}</p>}
        {op.tags.length > 1 && (
          <p className="mt-1 text-xs text-slate-500">Also tagged: {op.tags.slice(1).join(", ")}</p>
        )}
      </header>
      <div className="space-y-4">
        {op.parameters.length > 0 && (
          <section>
            <h5 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Parameters</h5>
            <ParametersTable parameters={op.parameters} />
          </section>
        )}
        {op.requestBody && (
          <section>
            <h5 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
              Request body{" "}
              {op.requestBody.required ? <span className="text-red-700 normal-case">(required)</span> : "(optional)"}
            </h5>
            <MediaContent content={op.requestBody.content} label="body" />
          </section>
        )}
        <section>
          <h5 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">Responses</h5>
          <Responses responses={op.responses} />
        </section>
      </div>
    </article>
  );
}

/**
 * Rendered reference docs of one API version: a contents list linking to every operation, then the
 * operations grouped by tag. Presentational only (no data access, no script needed: trees are
 * native <details>), so it renders on the server page that embeds it.
 */
export function ReferenceDocs({ info, operations }: { info: TReferenceInfo; operations: readonly TDocOperation[] }) {
  const groups = groupByTag(operations);
  return (
    <div className="space-y-6">
      <header>
        <h2 className="text-xl font-semibold text-slate-900">
          {info.title} <span className="font-mono text-sm font-normal text-slate-500">{info.version}</span>
        </h2>
        {info.description && <p className="mt-1 whitespace-pre-line text-sm text-slate-600">{info.description}</p>}
      </header>
      {operations.length === 0 ? (
        <p className="text-sm text-slate-500">This document defines no operations.</p>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[14rem_1fr]">
          <nav aria-label="Operations" className="lg:sticky lg:top-4 lg:self-start">
            <ul className="space-y-3 text-sm">
              {groups.map((g) => (
                <li key={g.tag}>
                  <a href={`#${tagAnchor(g.tag)}`} className="font-semibold text-slate-800 hover:text-indigo-700">
                    {g.tag}
                  </a>
                  <ul className="mt-1 space-y-0.5">
                    {g.operations.map((op) => (
                      <li key={operationAnchor(op)}>
                        <a
                          href={`#${operationAnchor(op)}`}
                          className={`flex items-center gap-1 rounded px-1 text-slate-700 hover:bg-slate-100 ${op.deprecated ? "line-through" : ""}`}
                        >
                          <span className="w-12 shrink-0 font-mono text-[10px] font-bold text-slate-500">
                            {op.method}
                          </span>
                          <span className="truncate font-mono text-xs">{op.path}</span>
                        </a>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </nav>
          <div className="min-w-0 space-y-8">
            {groups.map((g) => (
              <section
                key={g.tag}
                id={tagAnchor(g.tag)}
                aria-labelledby={`${tagAnchor(g.tag)}-title`}
                className="scroll-mt-20"
              >
                <h3 id={`${tagAnchor(g.tag)}-title`} className="mb-3 text-lg font-semibold text-slate-900">
                  {g.tag}
                </h3>
                <div className="space-y-4">
                  {g.operations.map((op) => (
                    <Operation key={operationAnchor(op)} op={op} />
                  ))}
                </div>
              </section>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
