import Link from "next/link";
import { Notice } from "@/components/ui";
import type { TUnsampledFlow } from "@/lib/services/runs/sampling";

const pct = (rate: number) => `${Number((rate * 100).toPrecision(3))}%`;

/** Shown when a search finds no run: which flows keep lineage below `full`, and whether this message was sampled. */
export function SamplingNotice({ messageId, flows }: { messageId: string; flows: TUnsampledFlow[] }) {
  const skipped = flows.filter((f) => !f.sampledIn);
  if (!skipped.length) return null;
  return (
    <Notice title="Not sampled: a successful run of this message leaves no journey in these flows">
      <ul className="mt-1 list-disc pl-5">
        {skipped.map((f) => (
          <li key={`${f.flowId}:${f.environmentKey}`}>
            <Link href={`/flows/${f.flowId}`} className="font-medium text-indigo-700 hover:underline">
              {f.flowName}
            </Link>{" "}
            · {f.environmentKey}: lineage level <code>{f.level}</code>
            {f.level === "sampled" ? ` keeps ${pct(f.sampleRate)} of successful runs` : " keeps failed runs only"}, and{" "}
            <span className="font-mono text-xs">{messageId}</span> is not in that sample.
          </li>
        ))}
      </ul>
      <p className="mt-2">
        Failed, dead-lettered, replayed and resubmitted runs are always kept, and the per-minute counts on the flow and
        catalog pages include every run.
      </p>
    </Notice>
  );
}
