import { compileErrors, validate } from "@readme/openapi-parser";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from "yaml";
import { collectRefs } from "./refs";
import { joinPointer, resolvePointer } from "./pointer";
import { schemaProblems } from "./schema-validation";
import { specProblems } from "./spec-problems";

export type TOpenApiVersion = "3.0" | "3.1";
export type TOpenApiProblem = { pointer: string; line: number | null; message: string };
export type TParsedOpenApi = {
  ok: boolean;
  doc: Record<string, unknown> | null;
  format: "json" | "yaml";
  version: TOpenApiVersion | null;
  problems: TOpenApiProblem[];
  /** The 1-based line where the value at this pointer is written (or its nearest written ancestor). */
  lineOf(pointer: string): number | null;
};

/** Documents above this size are refused before parsing (a contract, not a data dump). */
export const OPENAPI_MAX_BYTES = 2 * 1024 * 1024;

function detectFormat(text: string): "json" | "yaml" {
  const first = text.trimStart()[0];
  if (first !== "{" && first !== "[") return "yaml";
  try {
    JSON.parse(text);
    return "json";
  } catch {
    return first === "{" && /^\s*\{\s*"/.test(text) ? "json" : "yaml";
  }
}

/** Pointer → line for every mapping key and sequence item of the YAML (or JSON) AST. */
function lineIndex(root: Node | null, lines: LineCounter): Map<string, number> {
  const index = new Map<string, number>();
  const lineAt = (offset: number | undefined) => (offset === undefined ? null : lines.linePos(offset).line);
  const walk = (node: unknown, pointer: string) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const child = joinPointer(pointer, key);
        const line = lineAt((pair.key as Node | null)?.range?.[0]);
        if (line !== null) index.set(child, line);
        walk(pair.value, child);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const child = joinPointer(pointer, i);
        const line = lineAt((item as Node | null)?.range?.[0]);
        if (line !== null) index.set(child, line);
        walk(item, child);
      });
    }
  };
  if (root) {
    index.set("", lineAt(root.range?.[0]) ?? 1);
    walk(root, "");
  }
  return index;
}

function makeLineOf(index: Map<string, number>): (pointer: string) => number | null {
  return (pointer: string) => {
    let p: string | null = pointer.startsWith("#") ? pointer.slice(1) : pointer;
    while (p !== null) {
      const line = index.get(p);
      if (line !== undefined) return line;
      p = p === "" ? null : p.slice(0, p.lastIndexOf("/"));
    }
    return null;
  };
}

function versionOf(doc: Record<string, unknown>): { version: TOpenApiVersion | null; problem?: string } {
  if ("swagger" in doc) {
    return {
      version: null,
      problem:
        "This is a Swagger 2.0 document. Convert it to OpenAPI 3 first (e.g. with swagger2openapi or the Swagger Editor's “Convert to OpenAPI 3”), then upload the result.",
    };
  }
  const raw = doc.openapi;
  if (raw === undefined)
    return {
      version: null,
      problem: 'Missing the `openapi` field. Start the document with `openapi: "3.1.0"` (or 3.0.x).',
    };
  if (typeof raw !== "string")
    return {
      version: null,
      problem: `\`openapi\` must be a string such as "3.1.0" (found ${JSON.stringify(raw)}; quote it in YAML).`,
    };
  if (/^3\.0\.\d+$/.test(raw)) return { version: "3.0" };
  if (/^3\.1\.\d+$/.test(raw)) return { version: "3.1" };
  return { version: null, problem: `OpenAPI ${raw} is not supported. Use OpenAPI 3.0.x or 3.1.x.` };
}

/**
 * Parses an OpenAPI 3.0/3.1 document written as JSON or YAML and validates it, with every problem at
 * its JSON pointer and line. Only internal `#/...` references are accepted; nothing is fetched.
 */
export async function parseOpenApiText(text: string): Promise<TParsedOpenApi> {
  const format = detectFormat(text);
  const empty = (
    problems: TOpenApiProblem[],
    lineOf: (pointer: string) => number | null = () => null,
  ): TParsedOpenApi => ({
    ok: false,
    doc: null,
    format,
    version: null,
    problems,
    lineOf,
  });
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > OPENAPI_MAX_BYTES) {
    return empty([
      {
        pointer: "",
        line: null,
        message: `The document is ${(bytes / 1024 / 1024).toFixed(1)} MB; the limit is ${OPENAPI_MAX_BYTES / 1024 / 1024} MB. Split examples out or remove unused components.`,
      },
    ]);
  }
  if (!text.trim())
    return empty([
      { pointer: "", line: null, message: "The document is empty. Paste or upload an OpenAPI 3 document." },
    ]);

  const lines = new LineCounter();
  const yamlDoc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (yamlDoc.errors.length) {
    return empty(
      yamlDoc.errors.map((e) => ({
        pointer: "",
        line: e.linePos?.[0]?.line ?? null,
        message: `${format === "json" ? "JSON" : "YAML"} syntax error: ${e.message.split("\n")[0]}`,
      })),
    );
  }
  const lineOf = makeLineOf(lineIndex(yamlDoc.contents as Node | null, lines));
  let value: unknown;
  try {
    value = yamlDoc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return empty(
      [{ pointer: "", line: null, message: `Could not read the document: ${(error as Error).message}` }],
      lineOf,
    );
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    return empty(
      [{ pointer: "", line: 1, message: "The document must be an object with `openapi`, `info` and `paths`." }],
      lineOf,
    );
  }
  const doc = value as Record<string, unknown>;
  const { version, problem } = versionOf(doc);
  if (!version) {
    return {
      ok: false,
      doc,
      format,
      version,
      problems: [{ pointer: "/openapi", line: lineOf("/openapi"), message: problem! }],
      lineOf,
    };
  }

  const problems: TOpenApiProblem[] = [];
  for (const ref of collectRefs(doc)) {
    if (ref.target === null) {
      problems.push({
        pointer: ref.pointer,
        line: lineOf(ref.pointer),
        message: `External reference \`${ref.ref}\` is not allowed: bundle it into the document (e.g. under #/components) and refer to it as "#/components/...".`,
      });
    } else if (resolvePointer(doc, ref.target) === undefined) {
      problems.push({
        pointer: ref.pointer,
        line: lineOf(ref.pointer),
        message: `Reference \`${ref.ref}\` points to nothing: define it at ${ref.target || "/"} or fix the name.`,
      });
    }
  }
  problems.push(...schemaProblems(doc, version).map((p) => ({ ...p, line: lineOf(p.pointer) })));
  if (!problems.length) {
    // The spec-level checks (duplicate operationIds, path parameters) run on a copy: the validator mutates.
    const result = await validate(structuredClone(doc) as never, {
      resolve: { external: false },
      validate: { errors: { colorize: false } },
    });
    if (!result.valid) {
      const messages = result.errors.length ? result.errors.map((e) => e.message) : [compileErrors(result)];
      problems.push(...specProblems(doc, messages).map((p) => ({ ...p, line: lineOf(p.pointer) })));
    }
  }
  problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity));
  return { ok: problems.length === 0, doc, format, version, problems, lineOf };
}
