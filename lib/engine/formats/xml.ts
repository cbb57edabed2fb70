import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import { PermanentError } from "@/lib/engine/core/errors";
import { lineColumn, parseError, toText, type TParseOptions } from "./types";

export const XML_ATTRIBUTE_PREFIX = "@_";

const PREDEFINED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes only the five predefined entities and character references, in one pass (no recursion). */
export function decodeXmlText(value: string): string {
  if (!value.includes("&")) return value;
  return value.replace(/&(lt|gt|amp|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});/g, (whole, name: string) => {
    if (name[0] !== "#") return PREDEFINED[name];
    const code = name[1] === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

// The parser's entity processing is off: no DTD entities are ever expanded (no billion laughs, no
// XXE); the predefined ones are decoded by decodeXmlText. Values stay strings ("00123" survives).
const parser = new XMLParser({
  tagValueProcessor: (_name, value) => decodeXmlText(value),
  attributeValueProcessor: (_name, value) => decodeXmlText(value),
  ignoreAttributes: false,
  attributeNamePrefix: XML_ATTRIBUTE_PREFIX,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  trimValues: true,
});

const DOCTYPE = /<!DOCTYPE\b[^>[]*(\[|>)/i;

export function parseXml(input: string | Buffer, opts: TParseOptions = {}): unknown {
  const text = toText(input, opts);
  const entity = /<!ENTITY\b/i.exec(text);
  if (entity) throw parseError("xml", "entity declarations are not allowed", lineColumn(text, entity.index));
  const doctype = DOCTYPE.exec(text);
  if (doctype && (doctype[1] === "[" || /\b(SYSTEM|PUBLIC)\b/i.test(doctype[0]))) {
    throw parseError(
      "xml",
      "DOCTYPE with an internal subset or external DTD is not allowed",
      lineColumn(text, doctype.index),
    );
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: true });
  if (valid !== true) throw parseError("xml", valid.err.msg, `line ${valid.err.line}, column ${valid.err.col}`);
  if (!text.trim()) throw parseError("xml", "empty document", "line 1, column 1");
  return parser.parse(text);
}

const NAME = /^[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?$/;

function checkNames(value: unknown, path: string): void {
  if (Array.isArray(value)) return value.forEach((v, i) => checkNames(v, `${path}[${i}]`));
  if (value === null || typeof value !== "object") return;
  for (const [k, v] of Object.entries(value)) {
    const name = k.startsWith(XML_ATTRIBUTE_PREFIX) ? k.slice(XML_ATTRIBUTE_PREFIX.length) : k;
    if (k !== "#text" && !NAME.test(name))
      throw new PermanentError(`XML serialize: ${JSON.stringify(k)} at ${path || "/"} is not a valid XML name`);
    checkNames(v, `${path}/${k}`);
  }
}

export function serializeXml(value: unknown, opts: { rootName?: string; pretty?: boolean } = {}): string {
  const keys = value !== null && typeof value === "object" && !Array.isArray(value) ? Object.keys(value) : [];
  const rootName = opts.rootName ?? "root";
  const doc =
    keys.length === 1 && !keys[0].startsWith(XML_ATTRIBUTE_PREFIX)
      ? value
      : { [rootName]: Array.isArray(value) ? { item: value } : value };
  checkNames(doc, "");
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: XML_ATTRIBUTE_PREFIX,
    format: opts.pretty !== false,
    suppressEmptyNode: true,
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(doc)}`;
}
