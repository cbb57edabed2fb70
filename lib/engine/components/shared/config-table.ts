import { expect, it } from "vitest";
import type { TKind } from "@/lib/engine/core/contracts";
import { createRegistry } from "../index";

export type TConfigCase = [label: string, config: unknown, expected: "ok" | string];

/**
 * The table test every component gets: each config is built from a fresh createRegistry() and either
 * succeeds ("ok") or fails with a ConfigError containing the given substring.
 */
export function configTable(kind: TKind, name: string, cases: TConfigCase[]): void {
  it.each(cases)(`${kind} ${name} config: %s`, (_label, config, expected) => {
    const build = () => createRegistry().build(kind, name, config, { db: { query: async () => ({ rows: [] }) } });
    if (expected === "ok") expect(build()).toBeDefined();
    else expect(build).toThrow(expected);
  });
}
