import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card, LinkButton, Notice, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { getDecisionOrThrow } from "@/lib/services/advisor";
import { label } from "@/lib/validation/advisor";
import { orNotFound } from "@/lib/http/not-found";
import { AdviceView } from "../_components/advice-view";

export const metadata: Metadata = { title: "Architecture decision" };

const INPUT_LABELS: Record<string, string> = {
  volatility: "System volatility",
  messagesPerDay: "Messages per day",
  endpointCount: "Endpoints",
  latency: "Latency need",
  scalability: "Scalability need",
  sourceCapabilities: "Source capabilities",
  sourceFormat: "Source format",
  targetFormats: "Recipient accepts",
  sourceHosting: "Source hosting",
  targetHosting: "Target hosting",
  sourceRegion: "Source region",
  targetRegion: "Target region",
  containsPersonalData: "Personal data",
  mustStayOnPrem: "Must stay on-premises",
  legalBasis: "Legal basis",
};

export default async function DecisionPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ recorded?: string }>;
}) {
  const actor = await requirePageAccess("advisor:read");
  const { id } = await params;
  const { recorded } = await searchParams;
  const d = await orNotFound(getDecisionOrThrow(actor, id));
  const inputs = Object.entries(d.inputs).map(([k, v]) => [
    k,
    Array.isArray(v)
      ? v.map((x) => label(String(x))).join(", ")
      : typeof v === "boolean"
        ? v
          ? "yes"
          : "no"
        : typeof v === "number"
          ? v.toLocaleString("en")
          : label(String(v)),
  ]);
  return (
    <>
      <PageHeader
        title={`ADR-${d.number}: ${d.title}`}
        description={`Interface ${d.interfaceName} · decided by ${d.decidedByEmail} on ${new Date(d.createdAt).toLocaleString()}`}
        actions={<LinkButton href={`/advisor/new?interface=${d.interfaceId}`}>Revisit</LinkButton>}
      />
      <div className="space-y-6">
        {recorded && <Notice tone="success">Decision recorded.</Notice>}
        <Card
          title="Decision"
          actions={<Badge tone={d.status === "accepted" ? "success" : "neutral"}>{d.status}</Badge>}
        >
          <dl className="grid gap-3 text-sm sm:grid-cols-4">
            {(["architecture", "pattern", "deploymentModel", "payloadFormat"] as const).map((k) => (
              <div key={k}>
                <dt className="text-xs uppercase text-slate-500">
                  {k === "deploymentModel" ? "deployment model" : k === "payloadFormat" ? "payload format" : k}
                </dt>
                <dd className="font-medium">{label(d[k])}</dd>
              </div>
            ))}
          </dl>
          {d.context && <p className="mt-3 whitespace-pre-wrap text-sm text-slate-700">{d.context}</p>}
          {d.overrideReason && (
            <p className="mt-3 text-sm">
              <strong>Override reason:</strong> {d.overrideReason}
            </p>
          )}
          <p className="mt-3 text-sm text-slate-600">Legal basis recorded: {d.legalBasis}</p>
        </Card>
        <Card title="Advisor's recommendation at the time">
          <AdviceView advice={d.recommendation} chosen={d} />
        </Card>
        <Card title="Inputs">
          <dl className="grid gap-2 text-sm sm:grid-cols-3">
            {inputs.map(([k, v]) => (
              <div key={k}>
                <dt className="text-xs uppercase text-slate-500">{INPUT_LABELS[k] ?? k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <p className="text-sm">
          <Link href={`/advisor?f.interface=${d.interfaceId}`} className="text-indigo-700 hover:underline">
            All decisions for this interface
          </Link>
        </p>
      </div>
    </>
  );
}
