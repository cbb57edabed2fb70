import { X12Parser } from "node-x12";
import { lineColumn, parseError, toText, type TParseOptions } from "./types";
import { checkX12Envelope, type TSegment } from "./x12-envelope";

export type TX12Delimiters = { element: string; segment: string; component: string };
export type TX12Document = { delimiters: TX12Delimiters; segments: TSegment[] };

const ISA_LENGTH = 106;

/** Tokenizes with the delimiters declared in ISA, checks envelopes/counts, then lets node-x12 parse strictly. */
export function parseX12(input: string | Buffer, opts: TParseOptions = {}): TX12Document {
  const text = toText(input, opts).replace(/^\s+/, "");
  if (!text.startsWith("ISA"))
    throw parseError("x12", "document must start with an ISA segment", "segment 1, line 1, column 1");
  if (text.length < ISA_LENGTH)
    throw parseError("x12", `ISA segment must be ${ISA_LENGTH} characters`, "segment 1 (ISA)");
  const delimiters = { element: text[3], component: text[104], segment: text[105] };
  if (/[A-Za-z0-9 ]/.test(delimiters.element + delimiters.segment))
    throw parseError("x12", "ISA declares alphanumeric delimiters", "segment 1 (ISA), line 1, column 4");
  const segments: TSegment[] = [];
  const offsets: number[] = [];
  let pos = 0;
  for (const raw of text.split(delimiters.segment)) {
    const lead = raw.length - raw.replace(/^[\r\n]+/, "").length;
    const seg = raw.slice(lead);
    if (seg.trim()) {
      const [tag, ...elements] = seg.split(delimiters.element);
      if (!/^[A-Z][A-Z0-9]{1,2}$/.test(tag))
        throw parseError(
          "x12",
          `invalid segment id ${JSON.stringify(tag.slice(0, 10))}`,
          `segment ${segments.length + 1}, ${lineColumn(text, pos + lead)}`,
        );
      segments.push({ tag, elements });
      offsets.push(pos + lead);
    }
    pos += raw.length + 1;
  }
  const at = (i: number) =>
    i < segments.length
      ? `segment ${i + 1} (${segments[i].tag}), ${lineColumn(text, offsets[i])}`
      : `segment ${i + 1} (end of document)`;
  const envelope = checkX12Envelope(segments);
  if (envelope) throw parseError("x12", envelope.reason, at(envelope.index));
  try {
    new X12Parser(true).parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^X12 Standard: /, "") : String(error);
    const tag = /\b([A-Z][A-Z0-9]{1,2})\d\d\b/.exec(reason)?.[1];
    const index = tag
      ? Math.max(
          0,
          segments.findIndex((s) => s.tag === tag),
        )
      : 0;
    throw parseError("x12", reason, at(index));
  }
  return { delimiters, segments };
}
