import { unsupported, type Compile, type Env, type Fn, type Node } from "./jsonata-ast";
import { append, NotCompilable } from "./jsonata-runtime";

// Unary minus, array constructors [..] and object constructors {..} (with jsonata's grouping).

export function compileUnary(node: Node, scope: Set<string>, compile: Compile): Fn {
  if (node.value === "-") {
    const e = compile(node.expression, scope);
    return (ctx, env) => {
      const v = e(ctx, env);
      if (v === undefined) return undefined;
      if (typeof v !== "number" || Number.isNaN(v)) throw new NotCompilable("negating a non-number");
      return -v;
    };
  }
  if (node.value === "[") {
    const items = node.expressions.map((e: Node) => ({
      fn: compile(e, scope),
      isArray: e.type === "unary" && e.value === "[",
    }));
    const isCons = Boolean(node.consarray);
    return (ctx, env) => {
      let result: unknown = [];
      for (const item of items) {
        const v = item.fn(ctx, env);
        if (v === undefined) continue;
        if (item.isArray) (result as unknown[]).push(v);
        else result = append(result, v);
      }
      if (isCons) Object.defineProperty(result, "cons", { enumerable: false, configurable: false, value: true });
      return result;
    };
  }
  if (node.value === "{") return compileObject(node, scope, compile);
  return unsupported(`unary ${node.value}`);
}

/** Object constructor with jsonata's grouping: over an array context, items sharing a key are merged. */
function compileObject(node: Node, scope: Set<string>, compile: Compile): Fn {
  const pairs = (node.lhs as Node[][]).map(([k, v]) => ({ key: compile(k, scope), value: compile(v, scope) }));
  const literalKeys = (node.lhs as Node[][]).map(([k]) => (k.type === "string" ? String(k.value) : null));
  const isLiteral =
    literalKeys.every((k) => k !== null && k !== "__proto__") && new Set(literalKeys).size === literalKeys.length;
  const grouped = (ctx: unknown, env: Env) => {
    const input: unknown[] = Array.isArray(ctx) ? (ctx.length ? ctx : [undefined]) : [ctx];
    const groups = new Map<string, { data: unknown; index: number }>();
    for (const item of input) {
      pairs.forEach((p, index) => {
        const key = p.key(item, env);
        if (key === undefined) return;
        if (typeof key !== "string" || key === "__proto__") throw new NotCompilable("object key");
        const g = groups.get(key);
        if (!g) groups.set(key, { data: item, index });
        else if (g.index !== index) throw new NotCompilable("duplicate key from different pairs");
        else g.data = append(g.data, item);
      });
    }
    const out: Record<string, unknown> = {};
    for (const [key, g] of groups) {
      const v = pairs[g.index].value(g.data, env);
      if (v !== undefined) out[key] = v;
    }
    return out;
  };
  if (!isLiteral) return grouped;
  const keys = literalKeys as string[];
  const values = pairs.map((p) => p.value);
  // One context item and distinct literal keys: no grouping can happen, so build the object directly.
  return (ctx, env) => {
    if (Array.isArray(ctx)) return grouped(ctx, env);
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) {
      const v = values[i](ctx, env);
      if (v !== undefined) out[keys[i]] = v;
    }
    return out;
  };
}
