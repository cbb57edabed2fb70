import { Badge, Notice } from "@/components/ui";
import { label } from "@/lib/validation/advisor";

type Scored = { option: string; score: number; for: string[]; against: string[] };
type Rec = { choice: string; reasons: string[]; considered: Scored[] };
export type AdviceShape = {
  architecture: Rec;
  pattern: Rec;
  deploymentModel: Rec;
  payloadFormat: Rec;
  residency: { flagged: boolean; reasons: string[] };
};

const SECTIONS = [
  { key: "architecture", title: "Architecture" },
  { key: "pattern", title: "Pattern" },
  { key: "deploymentModel", title: "Deployment model" },
  { key: "payloadFormat", title: "Payload format" },
] as const;

/** The advisor's recommendation, each with its reasons and why the other options scored lower. */
export function AdviceView({
  advice,
  chosen,
}: {
  advice: AdviceShape;
  chosen?: Partial<Record<(typeof SECTIONS)[number]["key"], string>>;
}) {
  return (
    <div className="space-y-4" data-testid="advice">
      {advice.residency.flagged ? (
        <Notice tone="danger" title="Data residency: flagged">
          <ul className="list-disc pl-5">
            {advice.residency.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </Notice>
      ) : (
        <Notice tone="success" title="Data residency: no issue">
          {advice.residency.reasons.join(" ")}
        </Notice>
      )}
      <div className="grid gap-4 md:grid-cols-2">
        {SECTIONS.map(({ key, title }) => {
          const rec = advice[key];
          const decided = chosen?.[key];
          return (
            <div key={key} className="rounded-md border border-slate-200 p-4" data-testid={`advice-${key}`}>
              <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{title}</p>
              <p className="mt-1 text-lg font-semibold text-slate-900">
                {label(rec.choice)}{" "}
                {decided && decided !== rec.choice && <Badge tone="warning">decided: {label(decided)}</Badge>}
              </p>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
                {rec.reasons.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
              <details className="mt-2 text-xs text-slate-600">
                <summary className="cursor-pointer">How the options scored</summary>
                <ul className="mt-1 space-y-1">
                  {rec.considered.map((c) => (
                    <li key={c.option}>
                      <strong>{label(c.option)}</strong>: {c.score}
                      {c.against.length > 0 && (
                        <span className="text-slate-500"> (against: {c.against.join(" ")})</span>
                      )}
                    </li>
                  ))}
                </ul>
              </details>
            </div>
          );
        })}
      </div>
    </div>
  );
}
