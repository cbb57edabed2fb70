import type { Metadata } from "next";
import { Badge, Card, PageHeader } from "@/components/ui";
import { requirePageAccess } from "@/lib/session";
import { componentCatalog } from "@/lib/services/flows";
import { describeFields, type FieldDef, type JsonSchema } from "../_lib/schema-form";

export const metadata: Metadata = { title: "Flow components" };

const KINDS = [
  { kind: "input", title: "Inputs", description: "Where a flow's messages come from." },
  {
    kind: "processor",
    title: "Processors",
    description: "Steps that parse, validate, transform, filter, route, split, aggregate, enrich or dedupe.",
  },
  { kind: "output", title: "Outputs", description: "Where processed messages are delivered." },
] as const;

function rows(fields: FieldDef[]): FieldDef[] {
  return fields.flatMap((f) => [f, ...(f.fields ? rows(f.fields) : [])]);
}

export default async function ComponentsPage() {
  await requirePageAccess("flow:read");
  const catalog = componentCatalog();
  return (
    <>
      <PageHeader
        title="Flow components"
        description="Generated from each component's config spec in the engine registry: the same spec validates flows and builds the flow form."
      />
      <nav aria-label="Components" className="mb-6 flex flex-wrap gap-2 text-sm">
        {catalog.map((c) => (
          <a
            key={`${c.kind}-${c.name}`}
            href={`#${c.kind}-${c.name}`}
            className="rounded bg-slate-100 px-2 py-1 font-mono text-xs text-slate-700 hover:bg-slate-200"
          >
            {c.kind}:{c.name}
          </a>
        ))}
      </nav>
      <div className="space-y-10">
        {KINDS.map((k) => (
          <section key={k.kind} aria-labelledby={`h-${k.kind}`}>
            <h2 id={`h-${k.kind}`} className="text-lg font-semibold text-slate-900">
              {k.title}
            </h2>
            <p className="mb-4 text-sm text-slate-600">{k.description}</p>
            <div className="space-y-4">
              {catalog
                .filter((c) => c.kind === k.kind)
                .map((c) => {
                  const fields = rows(describeFields(c.configSchema as JsonSchema));
                  return (
                    <div key={c.name} id={`${c.kind}-${c.name}`}>
                      <Card
                        title={c.name}
                        description={c.summary}
                        actions={<Badge tone={c.status === "stable" ? "success" : "warning"}>{c.status}</Badge>}
                      >
                        {fields.length ? (
                          <table className="w-full text-left text-sm">
                            <thead className="text-xs uppercase text-slate-500">
                              <tr>
                                <th className="py-1">Field</th>
                                <th>Type</th>
                                <th>Required</th>
                                <th>Default</th>
                                <th>Description</th>
                              </tr>
                            </thead>
                            <tbody className="divide-y divide-slate-100 align-top">
                              {fields.map((f) => (
                                <tr key={f.path}>
                                  <td className="py-1.5 font-mono text-xs">{f.path}</td>
                                  <td className="text-xs">{f.kind === "enum" ? f.options?.join(" | ") : f.kind}</td>
                                  <td className="text-xs">{f.required ? "yes" : "no"}</td>
                                  <td className="font-mono text-xs">
                                    {f.default === undefined ? "" : JSON.stringify(f.default)}
                                  </td>
                                  <td className="text-xs text-slate-600">
                                    {f.description}
                                    {f.constraints.length > 0 && (
                                      <span className="block text-slate-400">{f.constraints.join(", ")}</span>
                                    )}
                                  </td>
                                </tr>
                              ))}
                            </tbody>
                          </table>
                        ) : (
                          <p className="text-sm text-slate-500">No settings.</p>
                        )}
                      </Card>
                    </div>
                  );
                })}
            </div>
          </section>
        ))}
      </div>
    </>
  );
}
