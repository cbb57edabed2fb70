// `npm run lint` (and npm test's lint step): no import cycle between areas. dependency-cruiser's own
// rules cannot say this: `circular` works on modules, `scope: "folder"` on the physical folder tree
// (every ancestor folder is a node, so lib/services/users.ts and lib/services/audit/ never form an
// edge, while lib/engine/core and lib/engine/runtime do), and `collapse` only changes reports.
// So this cruises the modules with its API, maps each to its area and looks for cycles between areas.
import { cruise, type ICruiseResult } from "dependency-cruiser";
import extractTsConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { areaGraph, findAreaCycles } from "./lib/area-cycles";

const ROOTS = ["app", "components", "lib"];
// Tests may reach across areas to set up their fixtures; they are not what the areas depend on.
const EXCLUDE = "(^lib/db/generated/)|(\\.test\\.tsx?$)|(^node_modules/)";

async function main(): Promise<number> {
  const result = await cruise(
    ROOTS,
    {
      exclude: { path: EXCLUDE },
      doNotFollow: { path: "node_modules" },
      // Type-only imports couple areas too; "@/..." resolves through tsconfig's paths.
      tsPreCompilationDeps: true,
      tsConfig: { fileName: "tsconfig.json" },
    },
    undefined,
    { tsConfig: extractTsConfig("tsconfig.json") },
  );
  const output = result.output as ICruiseResult;
  // An import the cruiser cannot resolve would drop its edge and could hide a cycle.
  const unresolved = output.modules.flatMap((m) =>
    m.dependencies
      .filter((d) => d.couldNotResolve && /^(\.|@\/)/.test(d.module))
      .map((d) => `${m.source} → ${d.module}`),
  );
  if (unresolved.length) {
    console.error(`Could not resolve ${unresolved.length} local import(s):\n  ${unresolved.join("\n  ")}`);
    return 2;
  }
  const graph = areaGraph(output.modules);
  const cycles = findAreaCycles(graph);
  if (!cycles.length) {
    console.log(`No import cycles between areas (${output.modules.length} modules, ${graph.size} areas).`);
    return 0;
  }
  console.error(`${cycles.length} import cycle(s) between areas:`);
  for (const cycle of cycles) {
    console.error(`\n  ${[...cycle, cycle[0]].join(" → ")}`);
    cycle.forEach((from, i) => {
      const to = cycle[(i + 1) % cycle.length];
      for (const edge of graph.get(from)!.get(to)!) console.error(`    ${edge.from} → ${edge.to}`);
    });
  }
  console.error("\nMove the shared piece to the area it belongs to (or a shared one) so the imports run one way.");
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
