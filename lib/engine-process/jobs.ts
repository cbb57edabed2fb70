import type pg from "pg";
import { autoRollbackJob } from "@/lib/engine/runtime/auto-rollback";
import type { TLog } from "@/lib/engine/runtime/context";
import type { TJob } from "@/lib/engine/scheduler/scheduler";

const MINUTE = 60_000;

/**
 * The engine's scheduled jobs. They reach the portal's services (Prisma, audit, notifications) through
 * dynamic imports, loaded on a job's first run.
 */
export function engineJobs(deps: { pool: pg.Pool; log: TLog }): TJob[] {
  const engine = async () => (await import("@/lib/auth/actor")).systemActor("engine");
  return [
    {
      name: "change-reminders",
      everyMs: 5 * MINUTE,
      async run(now: Date) {
        const { remindStalledApprovals } = await import("@/lib/services/changes/reminders");
        return remindStalledApprovals(now);
      },
    },
    {
      name: "health-assessments",
      everyMs: 15 * MINUTE,
      async run(now: Date) {
        const { runHealthAssessmentJob } = await import("@/lib/services/health/run-assessment-job");
        return runHealthAssessmentJob(now);
      },
    },
    {
      // Tells data owners about new quarantines (at most hourly per rule set, see the service).
      name: "quarantine-notices",
      everyMs: MINUTE,
      async run(now: Date) {
        const { notifyNewQuarantines } = await import("@/lib/services/quality/quarantine/notify");
        return notifyNewQuarantines(now);
      },
    },
    {
      // Brings golden records built under an older master configuration to the newest (survivorship).
      name: "master-recompute",
      everyMs: MINUTE,
      async run() {
        const { recomputeStaleGoldenRecords } = await import("@/lib/services/quality/master/recompute");
        return recomputeStaleGoldenRecords();
      },
    },
    {
      name: "sla-evaluation",
      everyMs: 5 * MINUTE,
      async run(now: Date) {
        const { evaluateSlas } = await import("@/lib/services/quality/slas/evaluate");
        return evaluateSlas(now);
      },
    },
    {
      // Runs due profile definitions and "run now" requests (FOR UPDATE SKIP LOCKED inside).
      name: "profiling",
      everyMs: MINUTE,
      async run(now: Date) {
        const { runDueProfiles } = await import("@/lib/services/quality/profiling/execute");
        return runDueProfiles(now, { log: deps.log });
      },
    },
    autoRollbackJob({
      pool: deps.pool,
      log: deps.log,
      everyMs: 0,
      async rollback(r) {
        const { rollbackEnvironment } = await import("@/lib/services/changes/rollback");
        return rollbackEnvironment(
          await engine(),
          { flowId: r.flowId, environmentKey: r.environmentKey, reason: r.reason },
          { source: "engine", title: r.title, description: r.description },
        );
      },
    }),
  ];
}
