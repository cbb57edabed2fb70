import { jsonataFieldMappings, joinPath, type FieldMapping } from "./jsonata-fields";

// Field lineage along a flow's steps. transform_jsonata steps map paths by their expression; split
// narrows the body to an element of its array; the other bounded steps (and the quality steps that only
// pass or hold a record) leave the body as it is. Any other component (an HTTP enrichment, an
// aggregate, a component we do not know) replaces the body with something we cannot see into, so the
// trace stops there and says so: kind "opaque" with the step it stopped at.

export type FlowStepLike = { id: string; use: string; config?: Record<string, unknown> };
export type TraceKind = "copy" | "derived" | "opaque";

/** One step walked backwards: the paths its output had and the paths of its input they came from. */
export type FieldHop = {
  stepId: string;
  use: string;
  outputPaths: string[];
  inputPaths: string[];
  kind: TraceKind;
};

export type FieldTrace = {
  target: string;
  /** Paths in the flow's input body (or, when opaque, in the output of the step at `opaqueAt`). */
  sources: string[];
  kind: TraceKind;
  opaqueAt?: string;
  /** From the last step back to the first. */
  hops: FieldHop[];
};

export type StepBehaviour =
  | { type: "passthrough" }
  | { type: "map"; mappings: FieldMapping[] }
  | { type: "split"; prefix: string }
  | { type: "opaque"; reason: string };

// Components that hold a record or let it pass without touching its body, bounded or not.
const BODY_PRESERVING = new Set(["validate_rules", "dedupe", "filter", "route", "validate_json_schema"]);
// Bounded, but many messages become one: field paths do not survive.
const RESHAPING = new Set(["aggregate"]);

/** Strips the array hints: JSONata maps over arrays implicitly, so items[].sku and items.sku are one path. */
export const normalizePath = (path: string) => path.replace(/\[\]/g, "");

const isUnder = (path: string, prefix: string) => prefix === "" || path === prefix || path.startsWith(`${prefix}.`);

/** What a step does to field paths. `isBounded` comes from the component registry (undefined: unknown). */
export function stepBehaviour(step: FlowStepLike, isBounded: (use: string) => boolean | undefined): StepBehaviour {
  const config = step.config ?? {};
  if (step.use === "transform_jsonata") {
    try {
      return { type: "map", mappings: jsonataFieldMappings(String(config.expression ?? "")) };
    } catch {
      return { type: "opaque", reason: "its JSONata expression does not parse" };
    }
  }
  if (step.use === "split") {
    const path = String(config.path ?? "$");
    if (path === "$") return { type: "split", prefix: "[]" };
    try {
      const [only, ...rest] = jsonataFieldMappings(path);
      if (!rest.length && only.kind === "copy" && only.sources.length === 1)
        return { type: "split", prefix: joinPath(only.sources[0], "[]") };
    } catch {
      // falls through to opaque
    }
    return { type: "opaque", reason: "it splits on a computed expression" };
  }
  if (BODY_PRESERVING.has(step.use)) return { type: "passthrough" };
  if (RESHAPING.has(step.use)) return { type: "opaque", reason: "it combines several messages into one" };
  const bounded = isBounded(step.use);
  if (bounded === undefined) return { type: "opaque", reason: "its component is unknown" };
  if (bounded) return { type: "passthrough" };
  return { type: "opaque", reason: "it calls out and its result is not derivable" };
}

/** The input paths a step's mappings read to produce `path` of its output. */
export function resolveThroughMappings(mappings: FieldMapping[], path: string): { paths: string[]; kind: TraceKind } {
  const n = normalizePath(path);
  const paths: string[] = [];
  let allCopy = true;
  let matched = false;
  for (const m of mappings) {
    const t = normalizePath(m.target);
    if (t === "*") {
      matched = true;
      allCopy = false;
      paths.push(...m.sources);
    } else if (isUnder(n, t)) {
      // The mapping wrote a subtree containing the path: a copy keeps the rest of the path.
      matched = true;
      const rest = t === "" ? n : n.slice(t.length + 1);
      if (m.kind === "copy") paths.push(...m.sources.map((s) => (rest ? joinPath(s, rest) : s)));
      else {
        allCopy = false;
        paths.push(...m.sources);
      }
    } else if (isUnder(t, n)) {
      // The path is an object whose fields were written one by one.
      matched = true;
      if (m.kind !== "copy") allCopy = false;
      paths.push(...m.sources);
    }
  }
  const unique = [...new Set(paths)];
  return { paths: unique, kind: matched && allCopy && unique.length === 1 ? "copy" : "derived" };
}

function hopThrough(step: FlowStepLike, behaviour: StepBehaviour, outputPaths: string[]): FieldHop {
  const base = { stepId: step.id, use: step.use, outputPaths };
  // Envelope values ($headers.x, $id) are not part of the body: every step carries them along.
  const envelope = outputPaths.filter((p) => p.startsWith("$"));
  const body = outputPaths.filter((p) => !p.startsWith("$"));
  switch (behaviour.type) {
    case "passthrough":
      return { ...base, inputPaths: outputPaths, kind: "copy" };
    case "split":
      return { ...base, inputPaths: [...body.map((p) => joinPath(behaviour.prefix, p)), ...envelope], kind: "copy" };
    case "opaque":
      return { ...base, inputPaths: [], kind: "opaque" };
    case "map": {
      let kind: TraceKind = "copy";
      const inputs = new Set<string>(envelope);
      for (const p of body) {
        const r = resolveThroughMappings(behaviour.mappings, p);
        if (r.kind !== "copy") kind = "derived";
        r.paths.forEach((x) => inputs.add(x));
      }
      return { ...base, inputPaths: [...inputs], kind };
    }
  }
}

/**
 * Walks one target path back through `steps` (in the order they ran) to the flow's input. Pass the steps a
 * message actually went through when tracing a record, or the flow's steps for its static lineage.
 */
export function traceFieldBack(
  steps: FlowStepLike[],
  target: string,
  isBounded: (use: string) => boolean | undefined,
): FieldTrace {
  let paths = [target];
  let kind: TraceKind = "copy";
  const hops: FieldHop[] = [];
  for (const step of [...steps].reverse()) {
    const hop = hopThrough(step, stepBehaviour(step, isBounded), paths);
    hops.push(hop);
    if (hop.kind === "opaque") return { target, sources: paths, kind: "opaque", opaqueAt: step.id, hops };
    if (hop.kind === "derived") kind = "derived";
    paths = hop.inputPaths;
  }
  return { target, sources: paths, kind, hops };
}

/**
 * The flow's field lineage: one trace per target path its last mapping writes (or one for the whole body
 * when no step maps fields). Steps after that mapping pass paths through or make the trace opaque.
 */
export function flowFieldLineage(steps: FlowStepLike[], isBounded: (use: string) => boolean | undefined): FieldTrace[] {
  const behaviours = steps.map((s) => stepBehaviour(s, isBounded));
  const lastMap = behaviours.map((b) => b.type).lastIndexOf("map");
  const last = lastMap >= 0 ? behaviours[lastMap] : undefined;
  const targets = last?.type === "map" ? last.mappings.map((m) => m.target) : [""];
  return targets.map((t) => traceFieldBack(steps, t, isBounded));
}
