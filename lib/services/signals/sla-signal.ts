import "server-only";
import { slaComplianceOf } from "@/lib/services/quality/slas/compliance";
import { clampScore, plural, trendOf } from "./score";
import type { TSignalSource } from "./types";

const DAY = 24 * 3_600_000;

/**
 * SLA compliance of the subject's interfaces over 7 days (share of SLA samples that met every
 * objective). Each point under 100% costs 5; an SLA in breach now caps the score at 40.
 */
export const slaComplianceSignal: TSignalSource = {
  key: "slaCompliance",
  label: "SLA compliance",
  weight: 3,
  async read(tx, subject, now) {
    const from = new Date(now.getTime() - 7 * DAY);
    const cur = await slaComplianceOf(tx, subject.flowIds, subject.environmentId, from, now);
    const prev = await slaComplianceOf(
      tx,
      subject.flowIds,
      subject.environmentId,
      new Date(from.getTime() - 7 * DAY),
      from,
    );
    const pct = cur.samples ? Math.round((cur.met / cur.samples) * 10_000) / 100 : null;
    const prevPct = prev.samples ? Math.round((prev.met / prev.samples) * 10_000) / 100 : null;
    const breach = cur.openBreaches[0];
    const base = pct === null ? 100 : clampScore(100 - (100 - pct) * 5);
    return {
      key: this.key,
      label: this.label,
      weight: this.weight,
      unit: "%",
      // An open breach is something to measure even before the first full day of samples.
      value: pct ?? (breach ? 0 : null),
      score: breach ? Math.min(base, 40) : base,
      // Higher compliance is better, so compare the misses.
      trend: trendOf(pct === null ? null : 100 - pct, prevPct === null ? null : 100 - prevPct, 0.1, 0.1),
      detail: !cur.slas
        ? "No SLA is defined for this integration in this environment."
        : `${pct === null ? "No samples yet" : `${pct}% of ${plural(cur.samples, "sample")} met their SLA`} over 7 days${
            breach ? `; in breach now: ${breach.detail}` : cur.openBreaches.length ? "" : "; no SLA in breach"
          }.`,
    };
  },
};
