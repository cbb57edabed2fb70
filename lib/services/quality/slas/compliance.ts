import "server-only";
import type { Tx } from "@/lib/db";

// SLA compliance of the interfaces some flows implement, in one environment: what the health
// signal reads. Samples are rollup-derived (see evaluate.ts), so this never scans message runs.

export type TSlaCompliance = {
  slas: number;
  samples: number;
  met: number;
  openBreaches: { slaId: string; name: string; objective: string; startedAt: Date; detail: string }[];
};

export async function slaComplianceOf(
  tx: Tx,
  flowIds: string[],
  environmentId: string,
  from: Date,
  to: Date,
): Promise<TSlaCompliance> {
  const none: TSlaCompliance = { slas: 0, samples: 0, met: 0, openBreaches: [] };
  if (!flowIds.length) return none;
  const flows = await tx.flow.findMany({
    where: { id: { in: flowIds }, interfaceId: { not: null } },
    select: { interfaceId: true },
  });
  const interfaceIds = [...new Set(flows.map((f) => f.interfaceId!))];
  if (!interfaceIds.length) return none;
  const slas = await tx.qualitySla.findMany({
    where: { interfaceId: { in: interfaceIds }, environmentId, enabled: true },
    select: { id: true, name: true },
  });
  if (!slas.length) return none;
  const ids = slas.map((s) => s.id);
  const [total, met, open] = await Promise.all([
    tx.qualitySlaSample.count({ where: { slaId: { in: ids }, at: { gt: from, lte: to } } }),
    tx.qualitySlaSample.count({ where: { slaId: { in: ids }, at: { gt: from, lte: to }, met: true } }),
    tx.qualitySlaBreach.findMany({
      where: { slaId: { in: ids }, endedAt: null },
      orderBy: { startedAt: "asc" },
      select: { slaId: true, objective: true, startedAt: true, detail: true },
    }),
  ]);
  const name = new Map(slas.map((s) => [s.id, s.name]));
  return {
    slas: slas.length,
    samples: total,
    met,
    openBreaches: open.map((b) => ({ ...b, name: name.get(b.slaId) ?? "?" })),
  };
}
