import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge, Card, PageHeader } from "@/components/ui";
import {
  ERROR_CATALOGUE,
  ERROR_CODES,
  codeFromSlug,
  errorSlug,
  errorTypeUri,
  isRetryable,
  type TRetryPolicy,
} from "@/lib/errors";
import { RETRY_LABEL, SURFACE_LABEL } from "../retry-label";

const RETRY_HINT: Record<TRetryPolicy, string> = {
  no: "Sending the same request again fails the same way.",
  "after-change": "Retry only after the change below (credentials, role, state) has been made.",
  "retry-after": "Wait the seconds in the Retry-After header (also `retryAfter` in the body) before retrying.",
  backoff:
    "Retry with exponential backoff and jitter, e.g. 1 s, 2 s, 4 s… capped at a minute, and honour Retry-After when present.",
};

// One static page per code; any other slug is a 404.
export const dynamicParams = false;

export function generateStaticParams() {
  return ERROR_CODES.map((code) => ({ code: errorSlug(code) }));
}

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }): Promise<Metadata> {
  const code = codeFromSlug((await params).code);
  return { title: code ? `${code} · ${ERROR_CATALOGUE[code].title}` : "Unknown error code" };
}

export default async function ErrorCodePage({ params }: { params: Promise<{ code: string }> }) {
  const code = codeFromSlug((await params).code);
  if (!code) notFound();
  const entry = ERROR_CATALOGUE[code];
  const retry = RETRY_LABEL[entry.retry];
  const example = {
    type: errorTypeUri(code),
    title: entry.title,
    status: entry.status,
    detail: "What went wrong with this request, in a sentence.",
    instance: "/the/request/path",
    code,
    requestId: "6f1c2e9a-…",
    ...(code === "VALIDATION" ? { errors: { email: ["Enter a valid email address."] } } : {}),
    ...(entry.retry === "retry-after" ? { retryAfter: 30 } : {}),
  };
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/errors" className="text-indigo-700 underline-offset-2 hover:underline">
          All error codes
        </Link>
      </p>
      <PageHeader title={`${code}: ${entry.title}`} description={entry.description} />
      <div className="space-y-4">
        <Card title="At a glance">
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
            <dt className="font-medium text-slate-600">HTTP status</dt>
            <dd className="tabular-nums">{entry.status}</dd>
            <dt className="font-medium text-slate-600">Code</dt>
            <dd className="font-mono">{code}</dd>
            <dt className="font-medium text-slate-600">Retryable</dt>
            <dd>
              {isRetryable(entry.retry) ? "Yes" : "No"} <Badge tone={retry.tone}>{retry.label}</Badge>
            </dd>
            <dt className="font-medium text-slate-600">Answered by</dt>
            <dd>{entry.surfaces.map((s) => SURFACE_LABEL[s]).join(", ")}</dd>
          </dl>
        </Card>
        <Card title="How to fix it" description="What to change so the request succeeds.">
          <p className="text-sm text-slate-700">{entry.remedy}</p>
        </Card>
        <Card title="When to retry" description={RETRY_HINT[entry.retry]}>
          <p className="text-sm text-slate-700">{entry.retryGuidance}</p>
        </Card>
        <Card
          title="Example response"
          description="Content-Type: application/problem+json. When the portal has a public URL, type is absolute under it."
        >
          <pre className="overflow-x-auto rounded bg-slate-900 p-4 text-xs text-slate-100">
            {JSON.stringify(example, null, 2)}
          </pre>
        </Card>
      </div>
    </>
  );
}
