// A generated 500-node catalog whose transitive dependents are known by construction, for the
// integration test and bench/catalog. Inserted in bulk (createMany): what is measured is the reads.
//   group A: systems A0…A99 in a chain of interfaces (A99 → A0 closes a cycle back to the root), a flow
//            implementing each link A_j → A_(j+1) (j < 99) with an HTTP input, flows j < 50 also
//            write to queue qa-j; flow FA10 was observed writing to A50.
//   group B: systems B0…B149 in their own chain, 100 flows between them, one queue; B_k → A_k
//            interfaces and an observed flow FB3 → A20 point INTO group A, so nothing in B depends on A0.
// Dependents of system A0: A1…A99, FA0…FA98 and qa-0…qa-49 (248), and nothing from group B.
import type { TNodeId } from "@/lib/catalog/graph-types";
import type { Tx } from "@/lib/db";

export const GENERATED_ROOT: TNodeId = "system:gA0";
const A_SYSTEMS = 100;
const B_SYSTEMS = 150;
const B_FLOWS = 100;
const A_QUEUES = 50;

const system = (id: string, name: string, endpoint: string) => ({
  id,
  name,
  type: "custom" as const,
  hosting: "cloud" as const,
  criticality: "medium" as const,
  endpoints: [endpoint],
  callerIds: [`urn:${id}`],
});

function spec(name: string, target: string, queue?: string) {
  return {
    name,
    input: { use: "http", config: { path: `/${name}` } },
    steps: [],
    outputs: [
      { id: "out", use: "http", config: { url: `${target}/in` } },
      ...(queue ? [{ id: "events", use: "queue", config: { queue } }] : []),
    ],
  };
}

export async function generateCatalogGraph(tx: Tx): Promise<{ root: TNodeId; expected: Set<TNodeId>; nodes: number }> {
  const aUrl = (i: number) => `http://ga${i}.bench.test/api`;
  const bUrl = (i: number) => `http://gb${i}.bench.test/api`;
  await tx.system.createMany({
    data: [
      ...Array.from({ length: A_SYSTEMS }, (_, i) => system(`gA${i}`, `Gen A${i}`, aUrl(i))),
      ...Array.from({ length: B_SYSTEMS }, (_, i) => system(`gB${i}`, `Gen B${i}`, bUrl(i))),
    ],
  });
  const iface = (id: string, s: string, t: string) => ({
    id,
    name: `Gen ${s} to ${t}`,
    sourceSystemId: s,
    targetSystemId: t,
    mechanism: "api" as const,
    payloadFormat: "json" as const,
    frequency: "real_time" as const,
  });
  await tx.interface.createMany({
    data: [
      ...Array.from({ length: A_SYSTEMS - 1 }, (_, i) => iface(`giA${i}`, `gA${i}`, `gA${i + 1}`)),
      iface("giAcycle", `gA${A_SYSTEMS - 1}`, "gA0"),
      ...Array.from({ length: B_SYSTEMS - 1 }, (_, i) => iface(`giB${i}`, `gB${i}`, `gB${i + 1}`)),
      ...Array.from({ length: 20 }, (_, k) => iface(`giBA${k}`, `gB${k * 5}`, `gA${k * 5}`)),
    ],
  });
  const flows = [
    ...Array.from({ length: A_SYSTEMS - 1 }, (_, j) => ({
      id: `gFA${j}`,
      name: `gen-fa-${j}`,
      interfaceId: `giA${j}`,
      spec: spec(`gen-fa-${j}`, aUrl(j + 1), j < A_QUEUES ? `qa-${j}` : undefined),
    })),
    ...Array.from({ length: B_FLOWS }, (_, j) => ({
      id: `gFB${j}`,
      name: `gen-fb-${j}`,
      interfaceId: `giB${j}`,
      spec: spec(`gen-fb-${j}`, bUrl(j + 1), j === 0 ? "qb-0" : undefined),
    })),
  ];
  await tx.flow.createMany({
    data: flows.map((f) => ({ id: f.id, name: f.name, interfaceId: f.interfaceId, createdBy: "bench" })),
  });
  await tx.flowVersion.createMany({
    data: flows.map((f) => ({
      flowId: f.id,
      version: 1,
      spec: f.spec,
      contentHash: `bench-${f.id}`,
      createdBy: "bench",
    })),
  });
  const dev = await tx.environment.findUniqueOrThrow({ where: { key: "dev" }, select: { id: true } });
  const seen = new Date();
  const observed = (flowId: string, endpoint: string) => ({
    flowId,
    environmentId: dev.id,
    direction: "outbound" as const,
    endpointKind: "http",
    endpoint,
    messages: 100,
    firstSeenAt: seen,
    lastSeenAt: seen,
  });
  await tx.observedDependency.createMany({
    data: [observed("gFA10", `${aUrl(50)}/in`), observed("gFB3", `${aUrl(20)}/in`)],
  });

  const expected = new Set<TNodeId>([
    ...Array.from({ length: A_SYSTEMS - 1 }, (_, i) => `system:gA${i + 1}` as TNodeId),
    ...Array.from({ length: A_SYSTEMS - 1 }, (_, j) => `flow:gFA${j}` as TNodeId),
    ...Array.from({ length: A_QUEUES }, (_, j) => `queue:qa-${j}` as TNodeId),
  ]);
  const nodes = A_SYSTEMS + B_SYSTEMS + flows.length + A_QUEUES + 1;
  return { root: GENERATED_ROOT, expected, nodes };
}
