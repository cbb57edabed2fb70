import jsonata from "jsonata";
import { BUILTINS, HIGHER_ORDER, STOCK_FUNCTION_NAMES } from "./jsonata-functions";
import { UNSUPPORTED_FLAGS, Unsupported, unsupported, type Env, type Fn, type Node } from "./jsonata-ast";
import { compilePath } from "./jsonata-compile-path";
import { compileUnary } from "./jsonata-compile-constructors";
import { arith, boolize, compare, equals, lookup, norm, NotCompilable, toBoolean, toStr } from "./jsonata-runtime";

// Compiles the common subset of JSONata (paths, filters, object/array constructors, &, arithmetic,
// comparisons, and/or, conditionals, blocks with :=, a few built-ins, $map/$filter with lambdas) to
// plain closures. They run in-thread because they only iterate over their input: no recursion,
// no loops of their own. Returns null for anything else; the caller then uses stock jsonata.

export type TCompiled = (input: unknown, bindings?: Record<string, unknown>) => unknown;

/** Compiles `expression`, or returns null when it uses anything outside the supported subset. */
export function compileJsonata(expression: string): TCompiled | null {
  let ast: Node;
  try {
    ast = jsonata(expression).ast();
  } catch {
    return null; // syntax errors are reported by the stock path, with jsonata's own message
  }
  let fn: Fn;
  try {
    fn = compile(ast, new Set());
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
  return (input, bindings = {}) => {
    // Stock jsonata wraps a top-level array in an "outer wrapper" sequence; leave that case to it.
    if (Array.isArray(input)) throw new NotCompilable("top-level array input");
    return fn(input, { root: input, vars: { ...bindings } });
  };
}

function compile(node: Node, scope: Set<string>): Fn {
  for (const flag of UNSUPPORTED_FLAGS) if (node[flag] !== undefined) unsupported(flag);
  if (node.stages && node.type !== "name") unsupported("stages");
  switch (node.type) {
    case "string":
    case "number":
    case "value": {
      const v = node.value;
      return () => v;
    }
    case "name": {
      const key = String(node.value);
      return (ctx) => norm(lookup(ctx, key));
    }
    case "variable":
      return compileVariable(node, scope);
    case "path":
      return compilePath(node, scope, compile);
    case "binary":
      return compileBinary(node, scope);
    case "unary":
      return compileUnary(node, scope, compile);
    case "condition": {
      const c = compile(node.condition, scope);
      const t = compile(node.then, scope);
      const e = node.else ? compile(node.else, scope) : undefined;
      return (ctx, env) => norm(toBoolean(c(ctx, env)) ? t(ctx, env) : e?.(ctx, env));
    }
    case "block":
      return compileBlock(node, scope);
    case "function":
      return compileCall(node, scope);
    case "apply":
      // `x ~> $f(a)` is `$f(x, a)`; only calls of built-ins are compiled (not function chaining).
      if (node.rhs.type !== "function") return unsupported("apply of a function value");
      return compileCall({ ...node.rhs, arguments: [node.lhs, ...(node.rhs.arguments ?? [])] }, scope);
    default:
      return unsupported(node.type);
  }
}

function compileVariable(node: Node, scope: Set<string>): Fn {
  const name = String(node.value);
  if (name === "") return (ctx) => ctx;
  if (name === "$") return (_ctx, env) => env.root;
  if (!scope.has(name) && STOCK_FUNCTION_NAMES.has(name)) unsupported("function as a value");
  return (_ctx, env) => {
    const v = env.vars[name];
    if (typeof v === "function") throw new NotCompilable("function binding");
    return norm(v);
  };
}

function compileBlock(node: Node, scope: Set<string>): Fn {
  const inner = new Set(scope);
  const parts: Fn[] = node.expressions.map((e: Node) => {
    if (e.type === "bind") {
      if (e.lhs.type !== "variable" || e.rhs.type === "lambda") unsupported("bind");
      const name = String(e.lhs.value);
      const value = compile(e.rhs, inner);
      inner.add(name);
      return (ctx: unknown, env: Env) => {
        const v = value(ctx, env);
        env.vars[name] = v;
        return v;
      };
    }
    return compile(e, inner);
  });
  return (ctx, env) => {
    const local: Env = { root: env.root, vars: Object.create(env.vars) };
    let result: unknown;
    for (const p of parts) result = p(ctx, local);
    return norm(result);
  };
}

function compileBinary(node: Node, scope: Set<string>): Fn {
  const op = String(node.value);
  const l = compile(node.lhs, scope);
  const r = compile(node.rhs, scope);
  switch (op) {
    case "and":
      return (ctx, env) => boolize(l(ctx, env)) && boolize(r(ctx, env));
    case "or":
      return (ctx, env) => boolize(l(ctx, env)) || boolize(r(ctx, env));
    case "+":
    case "-":
    case "*":
    case "/":
    case "%":
      return (ctx, env) => arith(op, l(ctx, env), r(ctx, env));
    case "=":
    case "!=":
      return (ctx, env) => equals(op, l(ctx, env), r(ctx, env));
    case "<":
    case "<=":
    case ">":
    case ">=":
      return (ctx, env) => compare(op, l(ctx, env), r(ctx, env));
    case "&":
      return (ctx, env) => (toStr(l(ctx, env)) ?? "") + (toStr(r(ctx, env)) ?? "");
    default:
      return unsupported(`operator ${op}`);
  }
}

function compileCall(node: Node, scope: Set<string>): Fn {
  if (node.procedure?.type !== "variable" || scope.has(node.procedure.value)) unsupported("call of a non-builtin");
  const name = String(node.procedure.value);
  const args: Node[] = node.arguments ?? [];
  const hof = HIGHER_ORDER[name];
  if (hof) {
    if (args.length !== 2 || args[1].type !== "lambda" || args[1].thunk) unsupported(`$${name} form`);
    const list = compile(args[0], scope);
    const lambda = args[1];
    const params: string[] = lambda.arguments.map((a: Node) => String(a.value));
    const body = compile(lambda.body, new Set([...scope, ...params]));
    return (ctx, env) => {
      const call = (values: unknown[]) => {
        const vars = Object.create(env.vars) as Record<string, unknown>;
        params.forEach((p, i) => (vars[p] = values[i]));
        return body(ctx, { root: env.root, vars });
      };
      return norm(hof(list(ctx, env), call));
    };
  }
  const builtin = BUILTINS[name];
  if (!builtin || !builtin.arity.includes(args.length)) unsupported(`function $${name}`);
  const compiled = args.map((a) => compile(a, scope));
  const f = builtin.fn;
  if (compiled.length === 0) return (ctx) => norm(f(ctx));
  if (compiled.length === 1) {
    const [a] = compiled;
    return (ctx, env) => norm(f(a(ctx, env)));
  }
  return (ctx, env) => norm(f(...compiled.map((c) => c(ctx, env))));
}
