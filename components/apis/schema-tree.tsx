import type { ReactNode } from "react";
import { children, constraints, examples, inlineJson, isNullable, typeLabel, type TSchema } from "./schema-summary";

// Nested schemas beyond this depth are summarised, so a very deep (or widely shared) schema stays readable.
const MAX_DEPTH = 8;

function Facts({ schema, required }: { schema: TSchema; required?: boolean }) {
  const facts = constraints(schema);
  const ex = examples(schema);
  return (
    <>
      <span className="font-mono text-xs text-indigo-700">{typeLabel(schema)}</span>
      {required && <span className="rounded bg-red-50 px-1 text-xs font-medium text-red-700">required</span>}
      {isNullable(schema) && <span className="rounded bg-slate-100 px-1 text-xs text-slate-700">nullable</span>}
      {schema.deprecated === true && (
        <span className="rounded bg-amber-100 px-1 text-xs font-medium text-amber-800">deprecated</span>
      )}
      {facts.map((f) => (
        <span key={f} className="text-xs text-slate-500">
          {f}
        </span>
      ))}
      {typeof schema.description === "string" && schema.description && (
        <span className="basis-full text-sm text-slate-600">{schema.description}</span>
      )}
      {Array.isArray(schema.enum) && (
        <span className="basis-full text-xs text-slate-600">
          One of:{" "}
          {schema.enum.map((v, i) => (
            <code key={i} className="mr-1 rounded bg-slate-100 px-1 font-mono">
              {inlineJson(v, 60)}
            </code>
          ))}
        </span>
      )}
      {"const" in schema && (
        <span className="basis-full text-xs text-slate-600">
          Always <code className="rounded bg-slate-100 px-1 font-mono">{inlineJson(schema.const, 60)}</code>
        </span>
      )}
      {"default" in schema && (
        <span className="basis-full text-xs text-slate-600">
          Default <code className="rounded bg-slate-100 px-1 font-mono">{inlineJson(schema.default, 80)}</code>
        </span>
      )}
      {ex.length > 0 && (
        <span className="basis-full text-xs text-slate-600">
          {ex.length === 1 ? "Example" : "Examples"}{" "}
          {ex.map((v, i) => (
            <code key={i} className="mr-1 rounded bg-slate-100 px-1 font-mono">
              {inlineJson(v)}
            </code>
          ))}
        </span>
      )}
    </>
  );
}

function Node({
  name,
  schema,
  required,
  depth,
  isOpen,
}: {
  name: ReactNode;
  schema: TSchema;
  required?: boolean;
  depth: number;
  isOpen?: boolean;
}) {
  const kids = depth < MAX_DEPTH ? children(schema) : [];
  const line = (
    <span className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
      <span className="font-mono text-sm font-medium text-slate-900">{name}</span>
      <Facts schema={schema} required={required} />
    </span>
  );
  if (kids.length === 0) {
    return (
      <li className="py-1 pl-5">
        {line}
        {depth >= MAX_DEPTH && children(schema).length > 0 && (
          <span className="block text-xs text-slate-500">Nested further; see the OpenAPI document.</span>
        )}
      </li>
    );
  }
  return (
    <li className="py-1">
      {/* Native <details>: Enter/Space toggles, and the state is announced, with no script. */}
      <details open={isOpen} className="group">
        <summary className="cursor-pointer list-none rounded pl-5 focus-visible:outline-2 focus-visible:outline-indigo-500 [&::-webkit-details-marker]:hidden">
          <span aria-hidden className="-ml-5 inline-block w-5 text-slate-400 transition-transform group-open:rotate-90">
            ▸
          </span>
          {line}
        </summary>
        <ul className="ml-2 border-l border-slate-200 pl-2">
          {kids.map((k) => (
            <Node key={`${k.kind}:${k.name}`} name={k.name} schema={k.schema} required={k.required} depth={depth + 1} />
          ))}
        </ul>
      </details>
    </li>
  );
}

/** A schema as an expandable tree: type, format, enum, required, nullable, description, examples. */
export function SchemaTree({ schema, label = "body" }: { schema: unknown; label?: string }) {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) {
    return <p className="text-sm text-slate-500">No schema.</p>;
  }
  return (
    <ul className="text-sm" aria-label={`Schema of the ${label}`}>
      <Node name={label} schema={schema as TSchema} depth={0} isOpen />
    </ul>
  );
}
