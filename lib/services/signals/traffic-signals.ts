import "server-only";
import { errorRateOf, latestGauge, p95Of, trafficWindow } from "./rollups";
import { clampScore, plural, trendOf } from "./score";
import type { TSignalSource } from "./types";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** (failed + dead-lettered) / finished over 24h; 0% scores 100 and 20% or more scores 0. */
export const errorRateSignal: TSignalSource = {
  key: "errorRate",
  label: "Error rate",
  weight: 3,
  async read(tx, subject, now) {
    const cur = await trafficWindow(tx, subject, new Date(now.getTime() - DAY), now);
    const prev = await trafficWindow(tx, subject, new Date(now.getTime() - 2 * DAY), new Date(now.getTime() - DAY));
    const rate = errorRateOf(cur);
    const pct = rate === null ? null : Math.round(rate * 10_000) / 100;
    const prevRate = errorRateOf(prev);
    return {
      key: this.key,
      label: this.label,
      weight: this.weight,
      unit: "%",
      value: pct,
      score: rate === null ? 100 : clampScore(100 - rate * 500),
      trend: trendOf(rate, prevRate, 0.1, 0.005),
      detail:
        rate === null
          ? "No traffic in the last 24 hours."
          : `${pct}% of ${plural(cur.finished, "message")} failed in the last 24 hours${prevRate === null ? "" : ` (${Math.round(prevRate * 10_000) / 100}% the day before)`}.`,
    };
  },
};

/**
 * p95 latency over 24h against the day before: up to 1 s scores 100, 10 s or more 0, and a p95 that
 * more than doubled loses points even when it is fast, because it says something changed.
 */
export const latencySignal: TSignalSource = {
  key: "latency",
  label: "Latency (p95)",
  weight: 2,
  async read(tx, subject, now) {
    const p95 = p95Of(await trafficWindow(tx, subject, new Date(now.getTime() - DAY), now));
    const prev = p95Of(
      await trafficWindow(tx, subject, new Date(now.getTime() - 2 * DAY), new Date(now.getTime() - DAY)),
    );
    const absolute = p95 === null ? 100 : 100 - Math.max(0, p95 - 1_000) / 90;
    const growth = p95 !== null && prev ? p95 / prev : 1;
    const trendPenalty = growth > 1.25 ? Math.min(50, (growth - 1) * 40) : 0;
    return {
      key: this.key,
      label: this.label,
      weight: this.weight,
      unit: "ms",
      value: p95 === null ? null : Math.round(p95),
      score: clampScore(absolute - trendPenalty),
      trend: trendOf(p95, prev, 0.25, 5),
      detail:
        p95 === null
          ? "No traffic in the last 24 hours."
          : `p95 ${Math.round(p95)} ms over the last 24 hours${prev === null ? "" : ` (${Math.round(prev)} ms the day before)`}.`,
    };
  },
};

/** Dead letters waiting for someone: each pending one costs 5 points. */
export const deadLetterSignal: TSignalSource = {
  key: "deadLetters",
  label: "Dead letters",
  weight: 2,
  async read(tx, subject, now) {
    const pending = subject.flowIds.length
      ? await tx.deadLetter.count({
          where: { flowId: { in: subject.flowIds }, environmentId: subject.environmentId, status: "pending" },
        })
      : 0;
    const cur = await trafficWindow(tx, subject, new Date(now.getTime() - 7 * DAY), now);
    const prev = await trafficWindow(
      tx,
      subject,
      new Date(now.getTime() - 14 * DAY),
      new Date(now.getTime() - 7 * DAY),
    );
    return {
      key: this.key,
      label: this.label,
      weight: this.weight,
      unit: "messages",
      value: pending,
      score: clampScore(100 - pending * 5),
      trend: trendOf(cur.deadLettered, prev.deadLettered, 0.2, 1),
      detail: `${plural(pending, "dead letter")} pending; ${plural(cur.deadLettered, "message")} dead-lettered in the last 7 days.`,
    };
  },
};

/** Messages waiting on the flows' queues at the last flush within the hour; 1,000 or more scores 0. */
export const backlogSignal: TSignalSource = {
  key: "backlog",
  label: "Backlog",
  weight: 1,
  async read(tx, subject, now) {
    const depth = await latestGauge(tx, subject, "backlogDepth", now, HOUR);
    const before = await latestGauge(tx, subject, "backlogDepth", new Date(now.getTime() - HOUR), HOUR);
    return {
      key: this.key,
      label: this.label,
      weight: this.weight,
      unit: "messages",
      value: depth,
      score: depth === null ? 100 : clampScore(100 - depth / 10),
      trend: trendOf(depth, before, 0.2, 10),
      detail: depth === null ? "No queue measured in the last hour." : `${plural(depth, "message")} waiting.`,
    };
  },
};
