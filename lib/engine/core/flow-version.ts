import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/utils/canonical-json";
import { jsonataSyntaxError } from "@/lib/engine/sandbox/jsonata-syntax";
import { ZFlowSpec, type TFlowSpec } from "@/lib/validation/flow-spec";
import { ConfigError } from "./errors";
import type { Registry } from "./registry";

/** sha256 of the canonical JSON of the parsed spec (defaults applied), so equal flows hash equal. */
export function flowContentHash(spec: TFlowSpec): string {
  return createHash("sha256")
    .update(canonicalJson(ZFlowSpec.parse(spec)))
    .digest("hex");
}

export type TFlowIssue = { path: string; message: string };

/** Checks every component name and config against the registry; paths look like `steps.2.config.url`. */
export function validateFlowComponents(spec: TFlowSpec, registry: Registry): TFlowIssue[] {
  const issues: TFlowIssue[] = [];
  const check = (kind: "input" | "processor" | "output", use: string, config: unknown, prefix: string) => {
    try {
      registry.parseConfig(kind, use, config);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      for (const i of error.issues) {
        const sub = i.path === "use" ? "use" : `config${i.path ? `.${i.path}` : ""}`;
        issues.push({ path: `${prefix}.${sub}`, message: i.message });
      }
    }
  };
  check("input", spec.input.use, spec.input.config, "input");
  spec.steps.forEach((s, i) => check("processor", s.use, s.config, `steps.${i}`));
  spec.outputs.forEach((o, i) => check("output", o.use, o.config, `outputs.${i}`));
  issues.push(...checkRouteBranches(spec));
  const keyError = spec.policy.idempotencyKey ? jsonataSyntaxError(spec.policy.idempotencyKey) : null;
  if (keyError) issues.push({ path: "policy.idempotencyKey", message: `invalid JSONata: ${keyError}` });
  return issues;
}

/** Every `when: [branch]` must name a branch (or otherwise) of a route step placed before it. */
function checkRouteBranches(spec: TFlowSpec): TFlowIssue[] {
  const issues: TFlowIssue[] = [];
  const known = new Set<string>();
  const visit = (when: string[] | undefined, path: string) =>
    when?.forEach((b, j) => {
      if (!known.has(b))
        issues.push({ path: `${path}.when.${j}`, message: `no route step before this one defines branch "${b}"` });
    });
  spec.steps.forEach((s, i) => {
    visit(s.when, `steps.${i}`);
    if (s.use !== "route") return;
    const c = s.config as { branches?: { name?: unknown }[]; otherwise?: unknown };
    for (const b of c.branches ?? []) if (typeof b?.name === "string") known.add(b.name);
    if (typeof c.otherwise === "string") known.add(c.otherwise);
  });
  spec.outputs.forEach((o, i) => visit(o.when, `outputs.${i}`));
  return issues;
}

export function assertFlowComponents(spec: TFlowSpec, registry: Registry): void {
  const issues = validateFlowComponents(spec, registry);
  if (issues.length) throw new ConfigError(`flow ${spec.name}`, issues);
}
