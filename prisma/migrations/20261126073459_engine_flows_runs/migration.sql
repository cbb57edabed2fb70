-- CreateEnum
CREATE TYPE "DeploymentDesiredState" AS ENUM ('running', 'paused', 'stopped');

-- CreateEnum
CREATE TYPE "DeploymentActualState" AS ENUM ('pending', 'starting', 'running', 'paused', 'stopped', 'failed', 'refused');

-- CreateEnum
CREATE TYPE "MessageRunStatus" AS ENUM ('running', 'succeeded', 'filtered', 'failed', 'dead_lettered');

-- CreateEnum
CREATE TYPE "StepRunStatus" AS ENUM ('ok', 'filtered', 'failed');

-- CreateEnum
CREATE TYPE "DeadLetterStatus" AS ENUM ('pending', 'replay_requested', 'replayed', 'discarded');

-- CreateEnum
CREATE TYPE "AlertSeverity" AS ENUM ('info', 'warning', 'critical');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('open', 'acknowledged', 'resolved');

-- CreateTable
CREATE TABLE "Flow" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "owner" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "Flow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FlowVersion" (
    "id" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "spec" JSONB NOT NULL,
    "contentHash" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FlowVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Environment" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "isProduction" BOOLEAN NOT NULL DEFAULT false,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "Environment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deployment" (
    "id" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "flowVersionId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "desiredState" "DeploymentDesiredState" NOT NULL DEFAULT 'running',
    "actualState" "DeploymentActualState" NOT NULL DEFAULT 'pending',
    "actualError" TEXT,
    "actualAt" TIMESTAMP(3),
    "activeSlot" TEXT,
    "deployedBy" TEXT NOT NULL,
    "deployedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Deployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QueueMessage" (
    "id" BIGSERIAL NOT NULL,
    "queue" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "payload" BYTEA NOT NULL,
    "headers" JSONB NOT NULL DEFAULT '{}',
    "availableAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lockedBy" TEXT,
    "lockedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QueueMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QueueBinding" (
    "topic" TEXT NOT NULL,
    "queue" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QueueBinding_pkey" PRIMARY KEY ("topic","queue")
);

-- CreateTable
CREATE TABLE "MessageRun" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "correlationId" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "flowVersionId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "deploymentId" TEXT,
    "status" "MessageRunStatus" NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 1,
    "inputHash" TEXT NOT NULL,
    "outputHash" TEXT,
    "inputPayload" TEXT,
    "outputPayload" TEXT,
    "outputMeta" JSONB,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER,

    CONSTRAINT "MessageRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StepRun" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "component" TEXT NOT NULL DEFAULT '',
    "status" "StepRunStatus" NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "durationMs" INTEGER NOT NULL,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StepRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DeadLetter" (
    "id" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "flowVersionId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "deploymentId" TEXT,
    "messageId" TEXT NOT NULL,
    "correlationId" TEXT NOT NULL,
    "runId" TEXT,
    "originalBody" TEXT NOT NULL,
    "originalHeaders" JSONB NOT NULL DEFAULT '{}',
    "contentType" TEXT NOT NULL DEFAULT 'application/json',
    "contentEncoding" TEXT NOT NULL DEFAULT 'utf8',
    "failedStep" TEXT NOT NULL,
    "error" TEXT NOT NULL,
    "errorKind" TEXT NOT NULL DEFAULT 'transient',
    "attemptHistory" JSONB NOT NULL DEFAULT '[]',
    "status" "DeadLetterStatus" NOT NULL DEFAULT 'pending',
    "replayFlowVersionId" TEXT,
    "replayBody" TEXT,
    "replayRequestedBy" TEXT,
    "replayRequestedAt" TIMESTAMP(3),
    "replayedAt" TIMESTAMP(3),
    "replayMessageId" TEXT,
    "replayError" TEXT,
    "discardedBy" TEXT,
    "discardedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeadLetter_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricMinute" (
    "flowId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "step" TEXT NOT NULL DEFAULT '',
    "minute" TIMESTAMP(3) NOT NULL,
    "countOk" INTEGER NOT NULL DEFAULT 0,
    "countFailed" INTEGER NOT NULL DEFAULT 0,
    "countFiltered" INTEGER NOT NULL DEFAULT 0,
    "countDeadLettered" INTEGER NOT NULL DEFAULT 0,
    "latencyBuckets" INTEGER[],
    "latencySumMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "p50Ms" DOUBLE PRECISION,
    "p95Ms" DOUBLE PRECISION,
    "p99Ms" DOUBLE PRECISION,
    "dlqDepth" INTEGER,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MetricMinute_pkey" PRIMARY KEY ("flowId","environmentId","step","minute")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "flowId" TEXT,
    "environmentId" TEXT,
    "severity" "AlertSeverity" NOT NULL DEFAULT 'warning',
    "status" "AlertStatus" NOT NULL DEFAULT 'open',
    "message" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "openKey" TEXT,
    "acknowledgedBy" TEXT,
    "acknowledgedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IdempotencyKey" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "messageId" TEXT,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("scope","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Flow_name_key" ON "Flow"("name");

-- CreateIndex
CREATE INDEX "Flow_owner_idx" ON "Flow"("owner");

-- CreateIndex
CREATE INDEX "Flow_createdAt_idx" ON "Flow"("createdAt");

-- CreateIndex
CREATE INDEX "FlowVersion_createdAt_idx" ON "FlowVersion"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "FlowVersion_flowId_contentHash_key" ON "FlowVersion"("flowId", "contentHash");

-- CreateIndex
CREATE UNIQUE INDEX "FlowVersion_flowId_version_key" ON "FlowVersion"("flowId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Environment_key_key" ON "Environment"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Deployment_activeSlot_key" ON "Deployment"("activeSlot");

-- CreateIndex
CREATE INDEX "Deployment_flowId_environmentId_deployedAt_idx" ON "Deployment"("flowId", "environmentId", "deployedAt");

-- CreateIndex
CREATE INDEX "Deployment_environmentId_desiredState_idx" ON "Deployment"("environmentId", "desiredState");

-- CreateIndex
CREATE INDEX "Deployment_flowVersionId_idx" ON "Deployment"("flowVersionId");

-- CreateIndex
CREATE INDEX "QueueMessage_queue_availableAt_id_idx" ON "QueueMessage"("queue", "availableAt", "id");

-- CreateIndex
CREATE INDEX "QueueMessage_messageId_idx" ON "QueueMessage"("messageId");

-- CreateIndex
CREATE INDEX "QueueBinding_queue_idx" ON "QueueBinding"("queue");

-- CreateIndex
CREATE INDEX "MessageRun_flowId_environmentId_startedAt_idx" ON "MessageRun"("flowId", "environmentId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "MessageRun_messageId_idx" ON "MessageRun"("messageId");

-- CreateIndex
CREATE INDEX "MessageRun_correlationId_idx" ON "MessageRun"("correlationId");

-- CreateIndex
CREATE INDEX "MessageRun_status_startedAt_idx" ON "MessageRun"("status", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "MessageRun_startedAt_idx" ON "MessageRun"("startedAt");

-- CreateIndex
CREATE INDEX "MessageRun_flowVersionId_idx" ON "MessageRun"("flowVersionId");

-- CreateIndex
CREATE INDEX "StepRun_step_idx" ON "StepRun"("step");

-- CreateIndex
CREATE UNIQUE INDEX "StepRun_runId_seq_key" ON "StepRun"("runId", "seq");

-- CreateIndex
CREATE INDEX "DeadLetter_flowId_environmentId_status_createdAt_idx" ON "DeadLetter"("flowId", "environmentId", "status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "DeadLetter_status_createdAt_idx" ON "DeadLetter"("status", "createdAt");

-- CreateIndex
CREATE INDEX "DeadLetter_messageId_idx" ON "DeadLetter"("messageId");

-- CreateIndex
CREATE INDEX "DeadLetter_createdAt_idx" ON "DeadLetter"("createdAt");

-- CreateIndex
CREATE INDEX "MetricMinute_minute_idx" ON "MetricMinute"("minute");

-- CreateIndex
CREATE INDEX "MetricMinute_environmentId_minute_idx" ON "MetricMinute"("environmentId", "minute");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_openKey_key" ON "Alert"("openKey");

-- CreateIndex
CREATE INDEX "Alert_status_createdAt_idx" ON "Alert"("status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Alert_kind_createdAt_idx" ON "Alert"("kind", "createdAt");

-- CreateIndex
CREATE INDEX "Alert_flowId_createdAt_idx" ON "Alert"("flowId", "createdAt");

-- CreateIndex
CREATE INDEX "IdempotencyKey_firstSeenAt_idx" ON "IdempotencyKey"("firstSeenAt");

-- AddForeignKey
ALTER TABLE "FlowVersion" ADD CONSTRAINT "FlowVersion_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_flowVersionId_fkey" FOREIGN KEY ("flowVersionId") REFERENCES "FlowVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageRun" ADD CONSTRAINT "MessageRun_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageRun" ADD CONSTRAINT "MessageRun_flowVersionId_fkey" FOREIGN KEY ("flowVersionId") REFERENCES "FlowVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageRun" ADD CONSTRAINT "MessageRun_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageRun" ADD CONSTRAINT "MessageRun_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StepRun" ADD CONSTRAINT "StepRun_runId_fkey" FOREIGN KEY ("runId") REFERENCES "MessageRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadLetter" ADD CONSTRAINT "DeadLetter_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadLetter" ADD CONSTRAINT "DeadLetter_flowVersionId_fkey" FOREIGN KEY ("flowVersionId") REFERENCES "FlowVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadLetter" ADD CONSTRAINT "DeadLetter_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DeadLetter" ADD CONSTRAINT "DeadLetter_deploymentId_fkey" FOREIGN KEY ("deploymentId") REFERENCES "Deployment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricMinute" ADD CONSTRAINT "MetricMinute_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricMinute" ADD CONSTRAINT "MetricMinute_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Environments every installation has.
INSERT INTO "Environment" ("id", "key", "name", "isProduction", "sortOrder") VALUES
  ('env_dev', 'dev', 'Development', false, 1),
  ('env_test', 'test', 'Test', false, 2),
  ('env_prod', 'prod', 'Production', true, 3);

-- Any writer of desired state (portal, CLI, psql) wakes the engines: no caller has to remember to NOTIFY.
CREATE FUNCTION switchboard_notify_deployment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('switchboard_deployments', COALESCE(NEW."id", OLD."id"));
  RETURN NULL;
END $$;

CREATE TRIGGER "Deployment_notify" AFTER INSERT OR UPDATE OF "desiredState", "activeSlot", "flowVersionId", "contentHash" OR DELETE ON "Deployment"
  FOR EACH ROW EXECUTE FUNCTION switchboard_notify_deployment();

CREATE FUNCTION switchboard_notify_replay() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."status" = 'replay_requested' THEN
    PERFORM pg_notify('switchboard_replays', NEW."id");
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER "DeadLetter_notify_replay" AFTER INSERT OR UPDATE OF "status" ON "DeadLetter"
  FOR EACH ROW EXECUTE FUNCTION switchboard_notify_replay();
