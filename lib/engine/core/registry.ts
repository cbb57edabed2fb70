import { z } from "zod";
import type { AnyComponentSpec, EngineDeps, Kinds, TKind } from "./contracts";
import { ConfigError } from "./errors";

export type TComponentDescription = {
  kind: TKind;
  name: string;
  status: "stable" | "beta";
  summary: string;
  handlesFailed: boolean;
  /** JSON Schema (draft 2020-12) of the config as the user writes it: the portal builds forms from it. */
  configSchema: Record<string, unknown>;
};

/** The explicit set of components a flow may use. Build one per process (or per test). */
export class Registry {
  private readonly specs = new Map<string, AnyComponentSpec>();

  constructor(specs: readonly AnyComponentSpec[] = []) {
    for (const spec of specs) this.add(spec);
  }

  add(spec: AnyComponentSpec): this {
    const key = `${spec.kind}:${spec.name}`;
    if (this.specs.has(key)) throw new Error(`Component ${key} is registered twice.`);
    this.specs.set(key, spec);
    return this;
  }

  get(kind: TKind, name: string): AnyComponentSpec | undefined {
    return this.specs.get(`${kind}:${name}`);
  }

  getOrThrow(kind: TKind, name: string): AnyComponentSpec {
    const spec = this.get(kind, name);
    if (!spec)
      throw new ConfigError(`${kind} ${name}`, [
        { path: "use", message: `unknown ${kind} "${name}"; known: ${this.names(kind).join(", ")}` },
      ]);
    return spec;
  }

  names(kind: TKind): string[] {
    return [...this.specs.values()].filter((s) => s.kind === kind).map((s) => s.name);
  }

  /** Parses `raw` with the component's spec; returns the typed config with defaults, or throws ConfigError. */
  parseConfig(kind: TKind, name: string, raw: unknown): unknown {
    const spec = this.getOrThrow(kind, name);
    const parsed = spec.config.safeParse(raw ?? {});
    if (!parsed.success) {
      throw new ConfigError(
        `${kind} ${name}`,
        parsed.error.issues.map((i: z.core.$ZodIssue) => ({ path: i.path.map(String).join("."), message: i.message })),
      );
    }
    return parsed.data;
  }

  build<K extends TKind>(kind: K, name: string, raw: unknown, deps: EngineDeps = {}): Kinds[K] {
    const spec = this.getOrThrow(kind, name);
    return spec.create(this.parseConfig(kind, name, raw), deps) as Kinds[K];
  }

  describe(): TComponentDescription[] {
    return [...this.specs.values()].map((s) => ({
      kind: s.kind,
      name: s.name,
      status: s.status,
      summary: s.summary,
      handlesFailed: s.handlesFailed ?? false,
      configSchema: z.toJSONSchema(s.config, { io: "input", unrepresentable: "any" }) as Record<string, unknown>,
    }));
  }

  /** A copy tests can extend with mocks without touching the shared one. */
  clone(): Registry {
    return new Registry([...this.specs.values()]);
  }
}
