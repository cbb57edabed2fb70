import type { Metadata } from "next";
import Link from "next/link";
import { Badge, PageHeader } from "@/components/ui";
import { ERROR_CATALOGUE, ERROR_CODES, ERROR_SURFACES, errorSlug, type TErrorSurface } from "@/lib/errors";
import { RETRY_LABEL, SURFACE_LABEL } from "./retry-label";

export const metadata: Metadata = { title: "Error codes" };

const SURFACE_INTRO: Record<TErrorSurface, string> = {
  gateway:
    "Answered by the engine's gateways: the API gateway (/<api>/v<major>/…, API keys, rate limits, quotas, contract validation) and the flow gateway.",
  portal: "Answered by the portal's forms (server actions) and its API routes (/api/…).",
};

function isSurface(v: string | string[] | undefined): v is TErrorSurface {
  return typeof v === "string" && (ERROR_SURFACES as readonly string[]).includes(v);
}

export default async function ErrorIndexPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const raw = (await searchParams).surface;
  const only = isSurface(raw) ? raw : null;
  // The gateway first: its callers (partners without a portal account) are who most often land here.
  const surfaces: TErrorSurface[] = only ? [only] : ["gateway", "portal"];
  const filterLink = (surface: TErrorSurface | null, text: string) => {
    const isCurrent = surface === only;
    return (
      <Link
        href={surface ? `/errors?surface=${surface}` : "/errors"}
        aria-current={isCurrent ? "page" : undefined}
        className={`rounded-full border px-3 py-1 text-sm ${
          isCurrent
            ? "border-indigo-600 bg-indigo-600 text-white"
            : "border-slate-300 bg-white text-slate-700 hover:border-indigo-400"
        }`}
      >
        {text}
      </Link>
    );
  };
  return (
    <>
      <PageHeader
        title="Error codes"
        description="Every error from the portal's API and the engine's gateways is an RFC 9457 problem+json body whose `code` is one of these, and whose `type` links to its page here."
      />
      <div className="mb-6 flex flex-wrap items-center gap-2">
        <span className="text-sm font-medium text-slate-600" id="surface-filter">
          Show
        </span>
        <nav aria-labelledby="surface-filter" className="flex flex-wrap gap-2">
          {filterLink(null, "All")}
          {filterLink("gateway", SURFACE_LABEL.gateway)}
          {filterLink("portal", SURFACE_LABEL.portal)}
        </nav>
        <a
          href="/errors/catalog.json"
          className="ml-auto text-sm text-indigo-700 underline-offset-2 hover:underline"
          type="application/json"
        >
          The catalog as JSON
        </a>
      </div>
      <div className="space-y-8">
        {surfaces.map((surface) => {
          const codes = ERROR_CODES.filter((c) => (ERROR_CATALOGUE[c].surfaces as readonly string[]).includes(surface));
          const headingId = `surface-${surface}`;
          return (
            <section key={surface} aria-labelledby={headingId}>
              <h2 id={headingId} className="text-lg font-semibold text-slate-900">
                {SURFACE_LABEL[surface]} <span className="font-normal text-slate-500">({codes.length})</span>
              </h2>
              <p className="mb-3 text-sm text-slate-600">{SURFACE_INTRO[surface]}</p>
              <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
                <table className="min-w-full divide-y divide-slate-200 text-sm">
                  <caption className="sr-only">{SURFACE_LABEL[surface]} error codes</caption>
                  <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
                    <tr>
                      <th scope="col" className="px-4 py-2">
                        Code
                      </th>
                      <th scope="col" className="px-4 py-2">
                        Status
                      </th>
                      <th scope="col" className="px-4 py-2">
                        Title
                      </th>
                      <th scope="col" className="px-4 py-2">
                        Retry
                      </th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {codes.map((code) => {
                      const entry = ERROR_CATALOGUE[code];
                      const retry = RETRY_LABEL[entry.retry];
                      return (
                        <tr key={code}>
                          <td className="px-4 py-2 font-mono">
                            <Link
                              href={`/errors/${errorSlug(code)}`}
                              className="text-indigo-700 underline-offset-2 hover:underline"
                            >
                              {code}
                            </Link>
                          </td>
                          <td className="px-4 py-2 tabular-nums">{entry.status}</td>
                          <td className="px-4 py-2">{entry.title}</td>
                          <td className="px-4 py-2">
                            <Badge tone={retry.tone}>{retry.label}</Badge>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </section>
          );
        })}
      </div>
    </>
  );
}
