import type { TOperationParameter } from "@/lib/apis/openapi/operations";
import { SchemaTree } from "./schema-tree";
import { constraints, examples, inlineJson, isSchema, typeLabel } from "./schema-summary";

const ORDER = ["path", "query", "header", "cookie"] as const;

/** Path, query, header and cookie parameters, path first; object-valued ones expand into their schema. */
export function ParametersTable({
  parameters,
}: {
  parameters: Pick<TOperationParameter, "name" | "in" | "required" | "schema" | "description" | "deprecated">[];
}) {
  if (parameters.length === 0) return null;
  const sorted = [...parameters].sort((a, b) => ORDER.indexOf(a.in) - ORDER.indexOf(b.in));
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">Parameters</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">
              Name
            </th>
            <th scope="col" className="px-3 py-2">
              In
            </th>
            <th scope="col" className="px-3 py-2">
              Type
            </th>
            <th scope="col" className="px-3 py-2">
              Description
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {sorted.map((p) => {
            const schema = isSchema(p.schema) ? p.schema : {};
            const isComplex = isSchema(schema.properties) || isSchema(schema.items) || Array.isArray(schema.oneOf);
            const facts = constraints(schema);
            const ex = examples(schema);
            return (
              <tr key={`${p.in}:${p.name}`} className="align-top">
                <th scope="row" className="px-3 py-2 text-left font-mono font-medium text-slate-900">
                  {p.name}
                  {p.required && <span className="ml-1 text-xs font-sans font-medium text-red-700">required</span>}
                  {p.deprecated && (
                    <span className="ml-1 text-xs font-sans font-medium text-amber-800">deprecated</span>
                  )}
                </th>
                <td className="px-3 py-2 text-slate-600">{p.in}</td>
                <td className="px-3 py-2 font-mono text-xs text-indigo-700">{typeLabel(schema)}</td>
                <td className="px-3 py-2 text-slate-700">
                  {p.description && <p>{p.description}</p>}
                  {Array.isArray(schema.enum) && (
                    <p className="text-xs text-slate-600">
                      One of:{" "}
                      {schema.enum.map((v, i) => (
                        <code key={i} className="mr-1 rounded bg-slate-100 px-1 font-mono">
                          {inlineJson(v, 60)}
                        </code>
                      ))}
                    </p>
                  )}
                  {facts.length > 0 && <p className="text-xs text-slate-500">{facts.join(" · ")}</p>}
                  {"default" in schema && (
                    <p className="text-xs text-slate-600">
                      Default{" "}
                      <code className="rounded bg-slate-100 px-1 font-mono">{inlineJson(schema.default, 80)}</code>
                    </p>
                  )}
                  {ex.length > 0 && (
                    <p className="text-xs text-slate-600">
                      Example <code className="rounded bg-slate-100 px-1 font-mono">{inlineJson(ex[0])}</code>
                    </p>
                  )}
                  {isComplex && <SchemaTree schema={schema} label={p.name} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
