import { Badge, Card } from "@/components/ui";
import type { Actor } from "@/lib/auth/actor";
import { propagateClasses, type TStepLike } from "@/lib/quality/privacy/propagate";
import { getFlowOrThrow, getFlowVersionSpec } from "@/lib/services/flows";
import { flowInputClasses } from "@/lib/services/quality/privacy/flow-context";
import { LEVEL_LABELS, LEVEL_TONES } from "./vocabulary";

/**
 * Where a flow's classified input fields end up: the confirmed classifications of the flow, its
 * interface and that interface's systems, carried through the latest version's steps (mappings move
 * them, a mask step stops them). The page checked quality:read; this reads flows with flow:read.
 */
export async function FlowPropagation({ actor, flowId }: { actor: Actor; flowId: string }) {
  const [flow, input] = await Promise.all([getFlowOrThrow(actor, flowId), flowInputClasses(flowId)]);
  const latest = flow.versions[0];
  if (!input || !latest) return null;
  const { spec } = await getFlowVersionSpec(actor, latest.id);
  const steps = spec.steps as TStepLike[];
  const output = propagateClasses(input.classes, steps);
  const maskSteps = steps.filter((s) => s.use === "mask").length;
  return (
    <Card
      title={`Where the tags go in ${flow.name}`}
      description={`Version ${latest.version}: ${steps.length} step${steps.length === 1 ? "" : "s"}${maskSteps ? `, of which ${maskSteps} mask` : ""}. Confirmed classifications of the flow, its interface and that interface's systems, followed through the mappings to what the outputs receive.`}
    >
      {input.classes.length === 0 ? (
        <p className="text-sm text-slate-500">No confirmed classification applies to this flow&apos;s input yet.</p>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          <ClassTable caption="Classified input fields" rows={input.classes} />
          {output.length ? (
            <ClassTable caption="Classified output fields" rows={output} />
          ) : (
            <p className="text-sm text-slate-600">
              No classified field reaches the outputs: the steps drop or mask all of them.
            </p>
          )}
        </div>
      )}
    </Card>
  );
}

function ClassTable({
  caption,
  rows,
}: {
  caption: string;
  rows: { path: string; level: keyof typeof LEVEL_LABELS; tags: string[] }[];
}) {
  return (
    <table className="w-full text-left text-sm" aria-label={caption}>
      <caption className="mb-1 text-left text-xs font-medium uppercase text-slate-500">{caption}</caption>
      <thead className="text-xs text-slate-500">
        <tr>
          <th className="py-1 pr-3">Field</th>
          <th className="py-1 pr-3">Level</th>
          <th className="py-1">Tags</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r) => (
          <tr key={r.path}>
            <td className="py-1.5 pr-3 font-mono text-xs">{r.path}</td>
            <td className="py-1.5 pr-3">
              <Badge tone={LEVEL_TONES[r.level]}>{LEVEL_LABELS[r.level]}</Badge>
            </td>
            <td className="py-1.5">{r.tags.join(", ") || <span className="text-slate-400">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
