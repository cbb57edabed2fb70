// Loads Prisma's WebAssembly schema engine (the native one cannot be downloaded here) and binds it
// to a Postgres database through MigrationAdapterFactory.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { MigrationAdapterFactory } from "./migration-adapter";

export type SchemaEngine = glue.SchemaEngine;

let loaded = false;

function loadWasm(): void {
  if (loaded) return;
  // A Rust panic reports its message through this registry before the process dies.
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
    set_message(m: string) {
      console.error(`schema engine panic: ${m}`);
    },
  };
  const require = createRequire(import.meta.url);
  const wasmPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm");
  const imports: Record<string, unknown> = { ...glue };
  // The engine keeps a long timer alive; unref it so a finished command exits promptly.
  for (const [name, fn] of Object.entries(glue)) {
    if (name.startsWith("__wbg_setTimeout_") && typeof fn === "function") {
      imports[name] = (...args: unknown[]) => {
        const handle = (fn as (...a: unknown[]) => NodeJS.Timeout)(...args);
        handle?.unref?.();
        return handle;
      };
    }
  }
  const wasmModule = new WebAssembly.Module(readFileSync(wasmPath));
  const instance = new WebAssembly.Instance(wasmModule, {
    "./schema_engine_bg.js": imports as WebAssembly.ModuleImports,
  });
  (glue as unknown as { __wbg_set_wasm(x: unknown): void }).__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  loaded = true;
}

/** Every .prisma file of a schema folder (or the one file given), as [path, content] pairs. */
export function readSchemaFiles(schemaPath: string): [string, string][] {
  const files = statSync(schemaPath).isDirectory()
    ? readdirSync(schemaPath)
        .filter((f) => f.endsWith(".prisma"))
        .sort()
        .map((f) => path.join(schemaPath, f))
    : [schemaPath];
  return files.map((f) => [f, readFileSync(f, "utf8")]);
}

export async function openSchemaEngine(
  url: string,
  schemaPath: string,
  log?: (line: string) => void,
): Promise<SchemaEngine> {
  loadWasm();
  const adapter = bindMigrationAwareSqlAdapterFactory(new MigrationAdapterFactory(url));
  return glue.SchemaEngine.new({ datamodels: readSchemaFiles(schemaPath) }, (line: string) => log?.(line), adapter);
}
