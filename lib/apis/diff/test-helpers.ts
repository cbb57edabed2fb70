import { readFileSync } from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import { parseOpenApiText, type TParsedOpenApi } from "@/lib/apis/openapi/parse";
import { diffOpenApi, type TApiChange } from "./index";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- fixtures are edited as plain JSON
export type TDoc = any;

export const FIXTURES = path.join(__dirname, "fixtures");
export const fixtureText = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");
/** The clock of the tests: after the legacy endpoint's sunset (2026-06-30). */
export const NOW = new Date("2026-12-02T12:00:00Z");

export function ordersDoc(): TDoc {
  return parse(fixtureText("orders-v1.yaml"));
}

/** The document as YAML text, parsed (so every change has lines), failing loudly if it is invalid. */
export async function parsed(doc: TDoc): Promise<TParsedOpenApi> {
  const text = stringify(doc);
  let pending = memo.get(text);
  if (!pending) memo.set(text, (pending = parseOpenApiText(text)));
  const result = await pending;
  if (!result.ok) throw new Error(`fixture invalid: ${JSON.stringify(result.problems)}`);
  return result;
}

/** Most cases share their base document: parse each text once. */
const memo = new Map<string, Promise<TParsedOpenApi>>();

/** Parsing validates against the OpenAPI schemas, which is slow on a loaded machine. */
export const SLOW = { timeout: 60_000 };

/** The changes from the orders API (edited by `editBase`) to a copy edited by `editRevision`. */
export async function changesFor(
  editRevision: (doc: TDoc) => void,
  editBase?: (doc: TDoc) => void,
): Promise<TApiChange[]> {
  const base = ordersDoc();
  editBase?.(base);
  const revision = structuredClone(base);
  editRevision(revision);
  return diffOpenApi(await parsed(base), await parsed(revision), { now: NOW });
}

export const ids = (changes: TApiChange[]) => [...new Set(changes.map((c) => c.id))].sort();
