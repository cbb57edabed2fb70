import { createRequire } from "node:module";
import { PermanentError } from "@/lib/engine/core/errors";
import { parseError, toText, type TParseOptions } from "./types";

// edifact 1.2 ships CommonJS without types; the Reader collects segments as it parses.
const Reader = createRequire(import.meta.url)("edifact/reader.js") as new (opts: { autoDetectEncoding: boolean }) => {
  parse(doc: string): { name: string; elements: string[][] }[];
  _result: { name: string }[];
};

export type TEdifactSegment = { tag: string; elements: string[][] };
export type TEdifactDocument = { segments: TEdifactSegment[] };
export type TEdifactDelimiters = {
  component: string;
  element: string;
  decimal: string;
  release: string;
  segment: string;
};

export const DEFAULT_EDIFACT_DELIMITERS: TEdifactDelimiters = {
  component: ":",
  element: "+",
  decimal: ".",
  release: "?",
  segment: "'",
};

export function parseEdifact(input: string | Buffer, opts: TParseOptions = {}): TEdifactDocument {
  const text = toText(input, opts).trim();
  if (!/^(UNA|UNB)/.test(text)) throw parseError("edifact", "document must start with UNA or UNB", "segment 1");
  const reader = new Reader({ autoDetectEncoding: true });
  let raw: { name: string; elements: string[][] }[];
  try {
    raw = reader.parse(text);
  } catch (error) {
    const opened = reader._result;
    const last = opened[opened.length - 1];
    throw parseError(
      "edifact",
      error instanceof Error ? error.message : String(error),
      `segment ${Math.max(1, opened.length)}${last ? ` (${last.name})` : ""}`,
    );
  }
  const segments = raw.map((s) => ({ tag: s.name, elements: s.elements }));
  checkMessageCounts(segments);
  return { segments };
}

/** UNT01 must equal the number of segments from UNH to UNT inclusive. */
function checkMessageCounts(segments: TEdifactSegment[]): void {
  let start = -1;
  segments.forEach((s, i) => {
    if (s.tag === "UNH") start = i;
    if (s.tag === "UNT") {
      const declared = Number(s.elements[0]?.[0]);
      if (start < 0) throw parseError("edifact", "UNT without UNH", `segment ${i + 1} (UNT)`);
      if (declared !== i - start + 1)
        throw parseError(
          "edifact",
          `UNT01 says ${s.elements[0]?.[0]} but the message has ${i - start + 1} segments`,
          `segment ${i + 1} (UNT)`,
        );
      start = -1;
    }
  });
  if (start >= 0) throw parseError("edifact", "UNH is never closed by UNT", `segment ${segments.length}`);
}

export function serializeEdifact(value: unknown, delimiters: Partial<TEdifactDelimiters> = {}): string {
  const d = { ...DEFAULT_EDIFACT_DELIMITERS, ...delimiters };
  const segments = (value as TEdifactDocument | null)?.segments;
  if (!Array.isArray(segments))
    throw new PermanentError(
      "EDIFACT serialize needs {segments:[{tag, elements:[[component…]…]}]}; map the data with transform_jsonata first",
    );
  const special = [d.release, d.component, d.element, d.segment];
  const escape = (v: string) => [...v].map((c) => (special.includes(c) ? d.release + c : c)).join("");
  const una = `UNA${d.component}${d.element}${d.decimal}${d.release} ${d.segment}`;
  const body = segments.map((s, i) => {
    if (!/^[A-Z]{3}$/.test(s.tag ?? ""))
      throw new PermanentError(`EDIFACT serialize: segment ${i + 1} has invalid tag ${JSON.stringify(s.tag)}`);
    const elements = (s.elements ?? []).map((el) =>
      (Array.isArray(el) ? el : [el]).map((c) => escape(String(c ?? ""))).join(d.component),
    );
    return [s.tag, ...elements].join(d.element) + d.segment;
  });
  return [una, ...body].join("\n");
}
