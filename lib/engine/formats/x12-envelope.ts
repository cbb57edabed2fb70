// Envelope checks node-x12 does not do (it accepts a missing GE, for example): every ISA/GS/ST is
// closed by its trailer with the right count and control number. Returns the first problem found.

export type TSegment = { tag: string; elements: string[] };

export function checkX12Envelope(segments: TSegment[]): { index: number; reason: string } | null {
  const open: { tag: string; index: number; count: number; control: string }[] = [];
  const TRAILERS: Record<string, string> = { IEA: "ISA", GE: "GS", SE: "ST" };
  for (let i = 0; i < segments.length; i++) {
    const { tag, elements } = segments[i];
    const top = open[open.length - 1];
    if (top?.tag === "ST") top.count++;
    if (tag === "ISA" || tag === "GS" || tag === "ST") {
      const expectedParent = { ISA: undefined, GS: "ISA", ST: "GS" }[tag];
      if ((top?.tag ?? undefined) !== expectedParent)
        return { index: i, reason: `${tag} is not allowed here${top ? ` inside ${top.tag}` : ""}` };
      if (top) top.count++;
      const control = tag === "ISA" ? elements[12] : tag === "GS" ? elements[5] : elements[1];
      open.push({ tag, index: i, count: tag === "ST" ? 1 : 0, control: (control ?? "").trim() });
      continue;
    }
    const opener = TRAILERS[tag];
    if (opener) {
      if (top?.tag !== opener) {
        return {
          index: i,
          reason: top
            ? `${top.tag} opened at segment ${top.index + 1} is not closed before ${tag}`
            : `${tag} without a matching ${opener}`,
        };
      }
      open.pop();
      const [countEl, controlEl] = elements;
      if (Number(countEl) !== top.count)
        return {
          index: i,
          reason: `${tag}01 says ${countEl} but the ${opener} envelope holds ${top.count} ${tag === "SE" ? "segments" : tag === "GE" ? "transaction sets" : "functional groups"}`,
        };
      if ((controlEl ?? "").trim().replace(/^0+/, "") !== top.control.replace(/^0+/, ""))
        return {
          index: i,
          reason: `${tag}02 control number ${controlEl} does not match ${opener} control number ${top.control}`,
        };
      continue;
    }
    if (top?.tag !== "ST") return { index: i, reason: `segment ${tag} outside a transaction set (ST…SE)` };
  }
  const unclosed = open.pop();
  return unclosed
    ? { index: segments.length, reason: `${unclosed.tag} opened at segment ${unclosed.index + 1} is never closed` }
    : null;
}
