import { afterAll, describe, expect, it } from "vitest";
import { createEvaluator } from "./evaluator";
import { JsonataPool } from "./jsonata-pool";
import { userRegExp } from "./linear-regexp";

const evaluator = createEvaluator({ size: 1, timeoutMs: 500, memoryMb: 32 });
afterAll(() => evaluator.close());

describe("createEvaluator", () => {
  it("runs compiled expressions in-thread and others in the sandbox, with the same results", async () => {
    expect(evaluator.isCompiled("a.b & 'x'")).toBe(true);
    expect(evaluator.isCompiled("$substringAfter(a, '-')")).toBe(false);
    expect(await evaluator.evaluate("a.b & 'x'", { a: { b: "y" } })).toBe("yx");
    expect(await evaluator.evaluate("$substringAfter(a, '-')", { a: "PO-1" })).toBe("1");
    expect(await evaluator.evaluate("$h.k", {}, { h: { k: 1 } })).toBe(1);
  });

  it("re-runs on stock jsonata when a compiled expression meets a value it does not handle", async () => {
    await expect(evaluator.evaluate("a + 1", { a: "x" })).rejects.toThrow(/T2001/);
    expect(await evaluator.evaluate("a", [{ a: 1 }, { a: 2 }])).toEqual([1, 2]);
  });

  it("stops a runaway expression and keeps serving", async () => {
    const started = Date.now();
    await expect(evaluator.evaluate("($f := function($n) { $f($n + 1) }; $f(0))", {})).rejects.toThrow(
      /D1011|D1012|time limit|stack/i,
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await evaluator.evaluate("$substringBefore('a-b', '-')", {})).toBe("a");
  });

  it("uses RE2 for regexes inside expressions", async () => {
    const started = Date.now();
    expect(await evaluator.evaluate("$contains(s, /^(a+)+$/)", { s: `${"a".repeat(30)}!` })).toBe(false);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe("JsonataPool hard limits", () => {
  it("terminates a worker past the wall-clock limit even when jsonata's own guard does not fire", async () => {
    // jsonata's guard is cooperative; a long native call (a huge $pad) never reaches it.
    const pool = new JsonataPool({ size: 1, timeoutMs: 100, memoryMb: 256, maxDepth: 500, maxSequence: 1_000_000 });
    expect(await pool.evaluate("1", {})).toBe(1); // warm: worker start-up does not count against the limit
    const started = Date.now();
    const err = await pool.evaluate("$count($split($pad('', 50000000, 'ab'), 'a'))", {}).catch((e: Error) => e);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(String(err)).toMatch(/exceeded the 100 ms time limit/);
    expect(await pool.evaluate("1 + 1", {})).toBe(2);
    await pool.close();
  });

  it("refuses huge ranges through the sequence cap", async () => {
    const pool = new JsonataPool({ size: 1, timeoutMs: 5_000, memoryMb: 64, maxDepth: 500, maxSequence: 1_000_000 });
    await expect(pool.evaluate("$count([1..9000000])", {})).rejects.toThrow(/D2014|D2015/);
    await pool.close();
  });

  it("stops a worker that exceeds its memory bound", async () => {
    const pool = new JsonataPool({ size: 1, timeoutMs: 10_000, memoryMb: 64, maxDepth: 500, maxSequence: 100_000_000 });
    const err = await pool.evaluate("$count($split($pad('', 20000000, 'ab'), 'a'))", {}).catch((e: Error) => e);
    expect(String(err)).toMatch(/64 MB memory limit/);
    expect(await pool.evaluate("2 * 3", {})).toBe(6);
    await pool.close();
  }, 20_000);
});

describe("userRegExp", () => {
  it("accepts RE2 syntax and rejects backreferences with a clear message", () => {
    expect(userRegExp("^a+$").test("aaa")).toBe(true);
    expect(() => userRegExp("(a)\\1")).toThrow(/not supported.*RE2/);
  });
});
