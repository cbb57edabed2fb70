import { unsupported, type Compile, type Env, type Fn, type Node } from "./jsonata-ast";
import { isSeq, norm, NotCompilable, seq, toBoolean, type Seq } from "./jsonata-runtime";

// Location paths (a.b[cond].c), their steps and filter stages, with jsonata's sequence flattening.

export function compilePath(node: Node, scope: Set<string>, compile: Compile): Fn {
  const steps = node.steps.map((step: Node, i: number) => {
    if (step.type === "sort" || step.tuple || step.focus || step.index) unsupported("path step");
    if (i === 0 && step.consarray) unsupported("leading array constructor");
    const stages: Fn[] = (step.stages ?? []).map((st: Node) => {
      if (st.type !== "filter") unsupported(`stage ${st.type}`);
      return compileFilter(st.expr, scope, compile);
    });
    const { stages: _s, ...bare } = step;
    return { fn: compile(bare, scope), stages };
  });
  const isAbsolute = node.steps[0].type === "variable";
  const names = node.steps.every((st: Node) => st.type === "name" && !st.stages)
    ? node.steps.map((st: Node) => String(st.value))
    : null;
  const generic = (ctx: unknown, env: Env) => {
    let input: unknown[] = Array.isArray(ctx) && !isAbsolute ? ctx : seq(ctx);
    let result: unknown[] = seq();
    for (let i = 0; i < steps.length; i++) {
      result = evalStep(steps[i].fn, steps[i].stages, input, env, i === steps.length - 1);
      if (result.length === 0) break;
      input = result;
    }
    return norm(result);
  };
  if (!names) return generic;
  // Plain property walk while every hop is a non-array object: same result as the generic path.
  const risky = names.some((n: string) => n in Object.prototype);
  return (ctx, env) => {
    let cur = ctx;
    for (let i = 0; i < names.length; i++) {
      if (cur === null || typeof cur !== "object" || Array.isArray(cur) || risky) return generic(ctx, env);
      cur = (cur as Record<string, unknown>)[names[i]];
      if (cur === undefined) return undefined;
    }
    return cur;
  };
}

function evalStep(fn: Fn, stages: Fn[], input: unknown[], env: Env, isLast: boolean): unknown[] {
  const collected: unknown[] = [];
  for (const item of input) {
    let res = fn(item, env);
    for (const stage of stages) res = stage(res, env);
    if (res !== undefined) collected.push(res);
  }
  if (isLast && collected.length === 1 && Array.isArray(collected[0]) && !isSeq(collected[0]))
    return collected[0] as unknown[];
  const out = seq();
  for (const r of collected) {
    if (!Array.isArray(r) || (r as Seq).cons) out.push(r);
    else for (const v of r) out.push(v);
  }
  return out;
}

/** A filter stage `[pred]`; numeric literal predicates index, others keep items whose predicate is truthy. */
export function compileFilter(pred: Node, scope: Set<string>, compile: Compile): Fn {
  if (pred.type === "number") {
    const raw = Math.floor(pred.value);
    return (value) => {
      const list = Array.isArray(value) ? value : seq(value);
      const index = raw < 0 ? list.length + raw : raw;
      const item = list[index];
      if (item === undefined) return seq();
      return Array.isArray(item) ? item : seq(item);
    };
  }
  const test = compile(pred, scope);
  return (value, env) => {
    const list = Array.isArray(value) ? value : seq(value);
    const out = seq();
    for (const item of list) {
      const r = test(item, env);
      if (typeof r === "number" || (Array.isArray(r) && r.some((x) => typeof x === "number")))
        throw new NotCompilable("computed index");
      if (toBoolean(r)) out.push(item);
    }
    return out;
  };
}
