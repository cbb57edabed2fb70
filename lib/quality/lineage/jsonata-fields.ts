import jsonata from "jsonata";

// Field lineage of a JSONata mapping, read from its AST: which target paths it writes and which source
// paths each one reads. Paths are dot paths over the message body; `[]` marks an array that the mapping
// iterates (items.{...} writes lines[].sku from items[].sku). Engine variables ($headers, $id,
// $correlationId) appear as `$headers.x` sources. This is static analysis: a dynamic key or a
// construct it cannot follow becomes a target of "*" or a "derived" value, never a guessed copy.

export type FieldMappingKind = "copy" | "derived";
export type FieldMapping = { target: string; sources: string[]; kind: FieldMappingKind };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- jsonata's AST is loosely typed
type Node = any;

/** What an expression evaluates to, as far as lineage can tell. */
type Value = {
  /** Absolute source paths read. */
  reads: string[];
  /** True when the value is a straight copy of `at`. */
  copy: boolean;
  /** The source path the value denotes, when it is a plain path (usable as a context for further steps). */
  at?: string;
  /** When the value is an object built here: its fields (relative targets). */
  fields?: FieldMapping[];
  /** The object is built once per element of an array (items.{...}, $map). */
  array?: boolean;
  /** A lambda bound to a variable, analysed where it is called. */
  lambda?: Node;
};

type Scope = { ctx: string; vars: Map<string, Value>; depth: number };

const MAX_DEPTH = 32;
const NONE: Value = { reads: [], copy: false };

export function joinPath(base: string, name: string): string {
  if (!base) return name;
  if (!name) return base;
  return name.startsWith("[]") ? base + name : `${base}.${name}`;
}

const uniq = (xs: string[]) => [...new Set(xs)];
const derived = (...vs: Value[]): Value => ({ reads: uniq(vs.flatMap((v) => v.reads)), copy: false });

function fieldsOf(v: Value): FieldMapping[] {
  return v.fields ?? [];
}

/** A value written under `key`: its own mapping, or one per field when it is an object built here. */
function placeUnder(key: string, v: Value, extraReads: string[] = [], forceDerived = false): FieldMapping[] {
  if (v.fields) {
    const prefix = key + (v.array ? "[]" : "");
    return v.fields.map((f) => ({
      target: f.target ? joinPath(prefix, f.target) : prefix,
      sources: uniq([...f.sources, ...extraReads]),
      kind: forceDerived || extraReads.length ? "derived" : f.kind,
    }));
  }
  return [
    {
      target: key,
      sources: uniq([...v.reads, ...extraReads]),
      kind: v.copy && !forceDerived && !extraReads.length ? "copy" : "derived",
    },
  ];
}

function analyzeObject(pairs: Node[][], scope: Scope): Value {
  const fields: FieldMapping[] = [];
  for (const [keyNode, valueNode] of pairs) {
    const value = analyze(valueNode, scope);
    if (keyNode?.type === "string") fields.push(...placeUnder(String(keyNode.value), value));
    else fields.push(...placeUnder("*", value, analyze(keyNode, scope).reads, true));
  }
  return { reads: uniq(fields.flatMap((f) => f.sources)), copy: false, fields };
}

function analyzeArrayConstructor(node: Node, scope: Scope): Value {
  const items: Value[] = (node.expressions ?? []).map((e: Node) => analyze(e, scope));
  if (items.length && items.every((i) => i.fields)) {
    return { ...derived(...items), fields: mergeFields(items.flatMap(fieldsOf)), array: true };
  }
  if (items.length === 1) return { ...items[0], fields: undefined, array: undefined };
  return derived(...items);
}

/** Two writes of one target (both branches of a condition, several array members) become one, derived if they differ. */
function mergeFields(fields: FieldMapping[]): FieldMapping[] {
  const byTarget = new Map<string, FieldMapping>();
  for (const f of fields) {
    const seen = byTarget.get(f.target);
    if (!seen) byTarget.set(f.target, { ...f, sources: [...f.sources] });
    else {
      const sources = uniq([...seen.sources, ...f.sources]);
      const same = seen.kind === "copy" && f.kind === "copy" && sources.length === 1;
      byTarget.set(f.target, { target: f.target, sources, kind: same ? "copy" : "derived" });
    }
  }
  return [...byTarget.values()];
}

function analyzeVariable(node: Node, scope: Scope): Value {
  const name = String(node.value);
  if (name === "") return { reads: [scope.ctx].filter(Boolean), copy: true, at: scope.ctx };
  if (name === "$") return { reads: [], copy: true, at: "" };
  const bound = scope.vars.get(name);
  if (bound) return bound;
  // Engine-supplied variables ($headers, $id, $correlationId) and unknown globals.
  return { reads: [`$${name}`], copy: true, at: `$${name}` };
}

/** The context inside a step over `cur`: each element of it (the root is one body, not an array). */
const elementCtx = (cur: string | undefined) => (cur ? joinPath(cur, "[]") : "");

function analyzePath(node: Node, scope: Scope): Value {
  let cur: string | undefined = scope.ctx;
  let copy = true;
  let reads: string[] = [];
  let result: Value | undefined;
  const steps: Node[] = node.steps ?? [];
  steps.forEach((step, i) => {
    const last = i === steps.length - 1;
    if (step.type === "name" || step.type === "wildcard" || step.type === "descendant") {
      const name = step.type === "name" ? String(step.value) : step.type === "wildcard" ? "*" : "**";
      cur = cur === undefined ? undefined : i === 0 && scope.ctx === "" ? name : joinPath(cur, name);
    } else if (step.type === "variable") {
      const v = analyzeVariable(step, scope);
      if (i === 0 || step.value === "$" || step.value === "") {
        cur = v.at;
        copy = copy && v.copy;
        if (v.at === undefined) reads.push(...v.reads);
      } else {
        // $x in the middle of a path: its value, evaluated per context item.
        reads.push(...v.reads);
        cur = v.at;
        copy = false;
      }
      if (v.lambda) result = v;
    } else if (step.type === "unary" && step.value === "{") {
      // A mapping over the context: one object per element.
      const obj = analyzeObject(step.lhs ?? [], { ...scope, ctx: elementCtx(cur) });
      reads.push(...obj.reads);
      result = last ? { ...obj, array: !!cur } : undefined;
      cur = undefined;
      copy = false;
    } else {
      // Any other expression as a step (function call, block, array constructor): evaluated per element.
      const inner = analyze(step, { ...scope, ctx: elementCtx(cur) });
      reads.push(...inner.reads);
      if (inner.fields && last) result = { ...inner, array: inner.array || !!cur };
      cur = inner.copy ? inner.at : undefined;
      copy = copy && inner.copy;
    }
    for (const stage of step.stages ?? []) {
      if (stage.type !== "filter") continue;
      const expr = stage.expr;
      // A numeric index picks an element; any other predicate decides which elements, so it is read too.
      if (expr?.type === "number") continue;
      const pred = analyze(expr, { ...scope, ctx: elementCtx(cur) });
      reads.push(...pred.reads);
      copy = false;
    }
  });
  if (node.group) {
    // a{key: value}: a grouping reduce, its keys are data, so its fields are not nameable.
    const g = analyzeObject(node.group.lhs ?? [], { ...scope, ctx: elementCtx(cur) });
    return derived({ reads: [...reads, ...(cur ? [cur] : []), ...g.reads], copy: false });
  }
  if (result) return { ...result, reads: uniq([...reads, ...result.reads]) };
  if (cur !== undefined) reads.push(cur);
  reads = uniq(reads.filter(Boolean));
  if (copy && cur !== undefined && reads.length === 1) return { reads, copy: true, at: cur };
  return { reads, copy: false, at: copy ? cur : undefined };
}

function bindArgs(lambda: Node, args: Value[], scope: Scope): Scope {
  const vars = new Map(scope.vars);
  (lambda.arguments ?? []).forEach((p: Node, i: number) => vars.set(String(p.value), args[i] ?? NONE));
  return { ...scope, vars, depth: scope.depth + 1 };
}

function callLambda(lambda: Node, args: Value[], scope: Scope): Value {
  if (scope.depth >= MAX_DEPTH) return derived(...args);
  const body = analyze(lambda.body, bindArgs(lambda, args, scope));
  return body.fields ? body : { ...derived(body, ...args), copy: false };
}

/** An element of the array `v` denotes, as $map's callback receives it. */
const elementOf = (v: Value): Value =>
  v.at !== undefined ? { reads: [joinPath(v.at, "[]")], copy: true, at: joinPath(v.at, "[]") } : { ...v, copy: false };

function analyzeCall(procedure: Node, argNodes: Node[], scope: Scope, piped?: Value): Value {
  const args = [...(piped ? [piped] : []), ...argNodes.map((a) => analyze(a, scope))];
  const fnName = procedure?.type === "variable" ? String(procedure.value) : undefined;
  const bound = fnName !== undefined ? scope.vars.get(fnName) : undefined;
  const lambda = procedure?.type === "lambda" ? procedure : bound?.lambda;
  if (lambda) return callLambda(lambda, args, scope);
  const callback = argNodes.map((a) => (a?.type === "lambda" ? a : undefined)).find(Boolean) as Node;
  if ((fnName === "map" || fnName === "filter") && args[0] && callback) {
    const out = callLambda(callback, [elementOf(args[0])], scope);
    if (fnName === "filter") return { ...derived(args[0], out), at: args[0].at };
    if (out.fields) return { ...out, reads: uniq([...args[0].reads, ...out.reads]), array: true };
    return derived(args[0], out);
  }
  return derived(...args.map((a) => (a.fields ? { reads: fieldsOf(a).flatMap((f) => f.sources), copy: false } : a)));
}

function analyzeBlock(node: Node, scope: Scope): Value {
  const inner: Scope = { ...scope, vars: new Map(scope.vars) };
  let last: Value = NONE;
  for (const e of node.expressions ?? []) last = analyze(e, inner);
  return last;
}

function analyzeCondition(node: Node, scope: Scope): Value {
  const cond = analyze(node.condition, scope);
  const then = analyze(node.then, scope);
  const otherwise = node.else ? analyze(node.else, scope) : NONE;
  if (then.fields || otherwise.fields) {
    const fields = mergeFields([...fieldsOf(then), ...fieldsOf(otherwise)]).map((f) => ({
      ...f,
      sources: uniq([...f.sources, ...cond.reads]),
      kind: "derived" as const,
    }));
    return { reads: uniq(fields.flatMap((f) => f.sources)), copy: false, fields, array: then.array || otherwise.array };
  }
  return derived(cond, then, otherwise);
}

/** Every child node in the same scope: the honest fallback for constructs without a specific rule. */
function analyzeChildren(node: Node, scope: Scope): Value {
  const out: Value[] = [];
  const visit = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (x && typeof x === "object" && "type" in x) out.push(analyze(x, scope));
    else if (x && typeof x === "object") Object.values(x).forEach(visit);
  };
  for (const [key, child] of Object.entries(node)) if (key !== "position" && key !== "type") visit(child);
  return derived(...out);
}

function analyze(node: Node, scope: Scope): Value {
  if (!node || typeof node !== "object") return NONE;
  switch (node.type) {
    case "string":
    case "number":
    case "value":
    case "regex":
      return NONE;
    case "path":
      return analyzePath(node, scope);
    case "name":
      return analyzePath({ type: "path", steps: [node] }, scope);
    case "variable":
      return analyzeVariable(node, scope);
    case "unary":
      if (node.value === "{") return analyzeObject(node.lhs ?? [], scope);
      if (node.value === "[") return analyzeArrayConstructor(node, scope);
      return derived(analyze(node.expression, scope));
    case "binary":
      return derived(analyze(node.lhs, scope), analyze(node.rhs, scope));
    case "condition":
      return analyzeCondition(node, scope);
    case "block":
      return analyzeBlock(node, scope);
    case "bind": {
      const rhs = node.rhs?.type === "lambda" ? { ...NONE, lambda: node.rhs } : analyze(node.rhs, scope);
      scope.vars.set(String(node.lhs?.value), rhs);
      return rhs;
    }
    case "function":
    case "partial":
      return analyzeCall(node.procedure, node.arguments ?? [], scope);
    case "apply": {
      // lhs ~> $f(args) is $f(lhs, args); lhs ~> $f is $f(lhs).
      const lhs = analyze(node.lhs, scope);
      const rhs = node.rhs;
      if (rhs?.type === "function") return analyzeCall(rhs.procedure, rhs.arguments ?? [], scope, lhs);
      if (rhs?.type === "variable" || rhs?.type === "lambda") return analyzeCall(rhs, [], scope, lhs);
      return derived(lhs, analyze(rhs, scope));
    }
    case "lambda":
      return { ...NONE, lambda: node };
    default:
      return analyzeChildren(node, scope);
  }
}

/**
 * The field mappings of a JSONata expression: one per target path it writes. A mapping that builds no
 * object (e.g. `order` or `$uppercase(name)`) writes the whole body: target "". Throws on a syntax error.
 */
export function jsonataFieldMappings(expression: string): FieldMapping[] {
  const ast = jsonata(expression).ast();
  const value = analyze(ast, { ctx: "", vars: new Map(), depth: 0 });
  if (value.fields) return mergeFields(placeUnder("", value));
  const sources = value.copy && value.at !== undefined && !value.reads.length ? [value.at] : value.reads;
  return [{ target: "", sources, kind: value.copy ? "copy" : "derived" }];
}
