import type { TFieldChange } from "@/lib/config-items/diff";

const show = (v: unknown) => {
  if (v === undefined) return "";
  const text = typeof v === "string" ? v : JSON.stringify(v, null, 1);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
};

const KIND_STYLES = {
  added: "bg-emerald-50 text-emerald-800",
  removed: "bg-red-50 text-red-800",
  changed: "bg-amber-50 text-amber-900",
} as const;

/** Field by field: what the environment runs now against the version this change deploys. */
export function FieldDiff({
  changes,
  beforeLabel,
  afterLabel,
}: {
  changes: TFieldChange[];
  beforeLabel: string;
  afterLabel: string;
}) {
  if (!changes.length) return <p className="text-sm text-slate-600">No field differs.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-xs" data-testid="field-diff">
        <caption className="sr-only">
          Fields changed from {beforeLabel} to {afterLabel}
        </caption>
        <thead className="uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-2">
              Field
            </th>
            <th scope="col" className="py-1 pr-2">
              Change
            </th>
            <th scope="col" className="py-1 pr-2">
              {beforeLabel}
            </th>
            <th scope="col" className="py-1">
              {afterLabel}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {changes.map((c) => (
            <tr key={`${c.kind}:${c.path}`}>
              <th scope="row" className="py-1 pr-2 font-mono font-normal text-slate-800">
                {c.path || "(document)"}
              </th>
              <td className="py-1 pr-2">
                <span className={`rounded px-1.5 py-0.5 font-medium ${KIND_STYLES[c.kind]}`}>{c.kind}</span>
              </td>
              <td className="py-1 pr-2">
                <pre className="whitespace-pre-wrap break-all font-mono text-red-800">{show(c.before)}</pre>
              </td>
              <td className="py-1">
                <pre className="whitespace-pre-wrap break-all font-mono text-emerald-800">{show(c.after)}</pre>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
