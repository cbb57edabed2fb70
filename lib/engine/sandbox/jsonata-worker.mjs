// Worker thread for stock JSONata on user expressions. The parent enforces the hard wall-clock limit
// (terminate) and memory limit (resourceLimits); jsonata's own timeout/stack/sequence guards stop
// most runaway expressions earlier and more cheaply. Plain JS so it loads under node, tsx and vitest.
import { parentPort, workerData } from "node:worker_threads";
import jsonata from "jsonata";
import { RE2 } from "re2-wasm";

class LinearRegExp extends RE2 {
  constructor(pattern, flags) {
    const source = pattern instanceof RegExp ? pattern.source : String(pattern);
    const given = pattern instanceof RegExp ? pattern.flags : (flags ?? "");
    super(source, given.includes("u") ? given : `${given}u`);
  }
}

const MAX_CACHED = 500;
const cache = new Map();

function compiled(expression) {
  let expr = cache.get(expression);
  if (!expr) {
    expr = jsonata(expression, {
      timeout: workerData.timeoutMs,
      stack: workerData.maxDepth,
      sequence: workerData.maxSequence,
      RegexEngine: LinearRegExp,
    });
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value);
    cache.set(expression, expr);
  }
  return expr;
}

parentPort.postMessage({ ready: true });

parentPort.on("message", async ({ id, expression, input, bindings }) => {
  try {
    const value = await compiled(expression).evaluate(input, bindings);
    // A JSON round trip drops jsonata's sequence markers and any function values, like an HTTP reply would.
    parentPort.postMessage({
      id,
      ok: true,
      value: value === undefined ? undefined : JSON.parse(JSON.stringify(value)),
    });
  } catch (e) {
    parentPort.postMessage({
      id,
      ok: false,
      error: { message: e?.message ?? String(e), code: e?.code, position: e?.position },
    });
  }
});
