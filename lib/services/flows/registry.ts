import "server-only";
import { createRegistry } from "@/lib/engine/components";
import { z } from "zod";
import type { Registry, TComponentDescription } from "@/lib/engine/core";
import { ZFlowPolicy } from "@/lib/validation/flow-spec";

const holder = globalThis as typeof globalThis & { __switchboardRegistry?: Registry };

/** The engine's component registry, used by the portal to validate flow specs and generate forms. */
export function componentRegistry(): Registry {
  holder.__switchboardRegistry ??= createRegistry();
  return holder.__switchboardRegistry;
}

/** Every component with its JSON Schema; the "New flow" form and the component docs are built from it. */
export function componentCatalog(): TComponentDescription[] {
  return componentRegistry()
    .describe()
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

/** JSON Schema of the flow policy (retries, timeout, DLQ, idempotency, concurrency) for the generated form. */
export function policySchema(): Record<string, unknown> {
  return z.toJSONSchema(ZFlowPolicy, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
}
