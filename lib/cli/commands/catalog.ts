import { Option, type Command } from "commander";
import { systemActor } from "@/lib/auth/actor";
import { getCatalogImpact, type TCatalogImpact } from "@/lib/services/catalog";
import { printJson, requireDatabaseUrl } from "../context";

type TImpactOptions = { format: "json" | "table" };

/** The shape pipelines read: {entry, dependents:[{name, kind, depth, via}]}. */
export function impactJson(impact: TCatalogImpact) {
  const e = impact.entry;
  return {
    entry: { id: e.id, name: e.name, kind: e.kind, lifecycle: e.lifecycle, tier: e.tier, owner: e.ownerName || null },
    dependents: impact.dependents.map((d) => ({ name: d.name, kind: d.kind, depth: d.depth, via: d.via })),
  };
}

function printTable(impact: TCatalogImpact): void {
  const e = impact.entry;
  const rows = impact.dependents.map((d) => [String(d.depth), d.kind, d.name, d.via]);
  const head = ["DEPTH", "KIND", "NAME", "VIA"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  const out = [`${e.kind} ${e.name} (${e.lifecycle}, tier ${e.tier}): ${impact.dependents.length} dependent(s)`];
  if (rows.length) out.push(line(head), ...rows.map(line));
  process.stdout.write(`${out.join("\n")}\n`);
}

export function registerCatalog(program: Command): void {
  const catalog = program.command("catalog").description("The service catalog and its impact analysis");
  catalog
    .command("impact")
    .description(
      "What breaks if an entry is down, changed or retired: its transitive dependents, declared and observed. Exit 2 when the name is unknown or names several entries (then name one as kind:name).",
    )
    .argument("<name>", "an entry's name, kind:name (system, flow, queue) or kind:id")
    .addOption(new Option("--format <format>", "output format").choices(["json", "table"]).default("table"))
    .action(async (name: string, opts: TImpactOptions) => {
      requireDatabaseUrl();
      const impact = await getCatalogImpact(systemActor("cli"), { entry: name });
      if (opts.format === "json") printJson(impactJson(impact));
      else printTable(impact);
    });
}
