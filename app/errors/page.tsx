import type { Metadata } from "next";
import Link from "next/link";
import { Badge, PageHeader } from "@/components/ui";
import { ERROR_CATALOGUE, ERROR_CODES, errorSlug } from "@/lib/errors";
import { RETRY_LABEL } from "./retry-label";

export const metadata: Metadata = { title: "Error codes" };

export default function ErrorIndexPage() {
  return (
    <>
      <PageHeader
        title="Error codes"
        description="Every error from the portal's API and the engine gateway is an RFC 9457 problem+json body whose `code` is one of these, and whose `type` links to its page here."
      />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
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
            {ERROR_CODES.map((code) => {
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
    </>
  );
}
