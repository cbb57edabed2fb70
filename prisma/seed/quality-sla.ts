// Demo SLAs: one per seeded interface that a dev flow implements, with three days of 5-minute samples
// (mostly met; one stale afternoon and one accuracy dip, each an ended breach) so the dashboard's
// charts, breaches and error budgets have history. Live samples come from the engine's sla-evaluation job.
import type { Actor } from "../../lib/auth/actor";
import { db } from "../../lib/db";
import { createSla } from "../../lib/services/quality/slas";
import { SLA_PERIOD_MINUTES, sampleAt } from "../../lib/services/quality/slas/math";

const MINUTE = 60_000;
const HISTORY_DAYS = 3;

export async function seedQualitySla(actor: Actor, now = new Date()): Promise<void> {
  const dev = await db().environment.findUnique({ where: { key: "dev" }, select: { id: true } });
  if (!dev) return;
  const flows = await db().flow.findMany({
    where: { interfaceId: { not: null }, archivedAt: null },
    select: { interfaceId: true, interface: { select: { name: true } } },
    orderBy: { name: "asc" },
    take: 4,
  });
  const seen = new Set<string>();
  let n = 0;
  for (const f of flows) {
    const interfaceId = f.interfaceId!;
    if (seen.has(interfaceId)) continue;
    seen.add(interfaceId);
    const existing = await db().qualitySla.findUnique({
      where: { interfaceId_environmentId: { interfaceId, environmentId: dev.id } },
    });
    if (existing) continue;
    const { id } = await createSla(actor, {
      interfaceId,
      environmentId: dev.id,
      name: `${f.interface?.name ?? "Interface"} in dev`,
      freshnessMaxAgeMinutes: 60,
      accuracyTargetPct: n % 2 ? 98 : 99.5,
      compliancePct: 99,
      budgetPeriodDays: 30,
    });
    await seedHistory(id, n++, now);
  }
}

async function seedHistory(slaId: string, variant: number, now: Date) {
  const end = sampleAt(now).getTime() - SLA_PERIOD_MINUTES * MINUTE;
  const count = (HISTORY_DAYS * 24 * 60) / SLA_PERIOD_MINUTES;
  // Stale for 3 hours on the first day; accuracy under target for 40 minutes on the second.
  const staleFrom = end - (2 * 24 + 6) * 60 * MINUTE;
  const staleTo = staleFrom + 3 * 60 * MINUTE;
  const dipFrom = end - (24 + 3 + variant) * 60 * MINUTE;
  const dipTo = dipFrom + 40 * MINUTE;
  const rows = [];
  for (let i = count - 1; i >= 0; i--) {
    const t = end - i * SLA_PERIOD_MINUTES * MINUTE;
    const stale = t >= staleFrom && t < staleTo;
    const dip = t >= dipFrom && t < dipTo;
    const received = stale ? 0 : 40 + ((i * 7) % 25);
    const failed = dip ? Math.ceil(received * 0.06) : i % 97 === 0 ? 1 : 0;
    const age = stale ? Math.round((t - staleFrom) / 1000) + 45 * 60 : 30 + (i % 4) * 60;
    const accuracyPct = received ? Math.round(((received - failed) / received) * 10_000) / 100 : null;
    const accuracyMet = accuracyPct === null ? null : accuracyPct >= (variant % 2 ? 98 : 99.5);
    const freshnessMet = age <= 60 * 60;
    rows.push({
      slaId,
      at: new Date(t),
      windowMinutes: SLA_PERIOD_MINUTES,
      freshnessAgeSeconds: age,
      freshnessMet,
      received,
      delivered: received - failed,
      filtered: 0,
      validationChecked: received,
      validationFailed: failed,
      accuracyPct,
      accuracyMet,
      met: freshnessMet && accuracyMet !== false,
    });
  }
  await db().qualitySlaSample.createMany({ data: rows, skipDuplicates: true });
  const breach = (objective: string, from: number, to: number, target: number, worst: number, detail: string) => ({
    slaId,
    objective,
    startedAt: new Date(from),
    endedAt: new Date(to),
    target,
    worstValue: worst,
    detail,
  });
  const missed = rows.filter((r) => !r.met);
  const firstStale = missed.find((r) => r.freshnessMet === false);
  const firstDip = missed.find((r) => r.accuracyMet === false);
  const data = [];
  if (firstStale)
    data.push(
      breach(
        "freshness",
        firstStale.at.getTime(),
        staleTo,
        60,
        Math.round((staleTo - staleFrom) / MINUTE) + 45,
        "Seeded history: no delivery for three hours while the source system was down for maintenance.",
      ),
    );
  if (firstDip)
    data.push(
      breach(
        "accuracy",
        firstDip.at.getTime(),
        dipTo,
        variant % 2 ? 98 : 99.5,
        94,
        "Seeded history: records with malformed e-mail addresses failed validation after a source release.",
      ),
    );
  if (data.length) await db().qualitySlaBreach.createMany({ data });
}
