-- Lineage keeps each run's steps in the run's own row (plain json) instead of one StepRun row per
-- step: existing step rows are folded into their run before the table goes.

-- AlterTable
ALTER TABLE "MessageRun" ADD COLUMN     "steps" JSON NOT NULL DEFAULT '[]';

-- Backfill
UPDATE "MessageRun" r SET "steps" = s."steps"
FROM (
  SELECT st."runId",
         json_agg(json_strip_nulls(json_build_object(
           'step', st."step", 'kind', st."kind", 'component', st."component", 'status', st."status"::text,
           'attempts', st."attempts", 'durationMs', st."durationMs",
           'offsetMs', GREATEST(0, (EXTRACT(EPOCH FROM (st."startedAt" - mr."startedAt")) * 1000)::int),
           'error', st."error")) ORDER BY st."seq") AS "steps"
  FROM "StepRun" st JOIN "MessageRun" mr ON mr."id" = st."runId"
  GROUP BY st."runId"
) s
WHERE s."runId" = r."id";

-- DropForeignKey
ALTER TABLE "StepRun" DROP CONSTRAINT "StepRun_runId_fkey";

-- DropTable
DROP TABLE "StepRun";

-- DropEnum
DROP TYPE "StepRunStatus";
