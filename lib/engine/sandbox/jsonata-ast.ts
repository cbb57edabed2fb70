// Shared shapes for the JSONata → closure compiler (see jsonata-compiler.ts).

export type Env = { root: unknown; vars: Record<string, unknown> };
export type Fn = (ctx: unknown, env: Env) => unknown;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- jsonata's AST is loosely typed
export type Node = any;
export type Compile = (node: Node, scope: Set<string>) => Fn;

export const UNSUPPORTED_FLAGS = [
  "predicate",
  "group",
  "focus",
  "index",
  "tuple",
  "keepArray",
  "keepSingletonArray",
  "ancestor",
  "seekingParent",
  "nextFunction",
];

/** Thrown at compile time for syntax outside the supported subset; compileJsonata then returns null. */
export class Unsupported extends Error {}

export function unsupported(what: string): never {
  throw new Unsupported(what);
}
