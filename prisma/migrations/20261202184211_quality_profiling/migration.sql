-- CreateTable
CREATE TABLE "ProfileDefinition" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "targetKind" TEXT NOT NULL,
    "flowId" TEXT,
    "environmentId" TEXT,
    "stepId" TEXT,
    "sqlTable" TEXT,
    "sqlConnection" TEXT,
    "scheduleKind" TEXT NOT NULL DEFAULT 'interval',
    "intervalMinutes" INTEGER,
    "cron" TEXT,
    "bounds" JSONB NOT NULL DEFAULT '{}',
    "baselineRuns" INTEGER NOT NULL DEFAULT 7,
    "thresholds" JSONB NOT NULL DEFAULT '{}',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "runRequestedAt" TIMESTAMP(3),
    "runRequestedBy" TEXT,
    "nextRunAt" TIMESTAMP(3),
    "lastRunAt" TIMESTAMP(3),
    "createdBy" TEXT NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProfileDefinition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProfileRun" (
    "id" TEXT NOT NULL,
    "definitionId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "trigger" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3),
    "windowEnd" TIMESTAMP(3),
    "rowsDone" INTEGER NOT NULL DEFAULT 0,
    "rowsTotal" INTEGER,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProfileRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProfileColumnResult" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "nulls" INTEGER NOT NULL,
    "nullRate" DOUBLE PRECISION NOT NULL,
    "distinct" INTEGER NOT NULL,
    "profile" JSONB NOT NULL,

    CONSTRAINT "ProfileColumnResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProfileBaseline" (
    "id" TEXT NOT NULL,
    "definitionId" TEXT NOT NULL,
    "runs" INTEGER NOT NULL,
    "stats" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProfileBaseline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProfileAnomaly" (
    "id" TEXT NOT NULL,
    "definitionId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "column" TEXT,
    "severity" TEXT NOT NULL DEFAULT 'warning',
    "message" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "alertId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProfileAnomaly_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProfileStreamPartial" (
    "id" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "rows" INTEGER NOT NULL,
    "state" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProfileStreamPartial_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProfileDefinition_name_key" ON "ProfileDefinition"("name");

-- CreateIndex
CREATE INDEX "ProfileDefinition_flowId_environmentId_idx" ON "ProfileDefinition"("flowId", "environmentId");

-- CreateIndex
CREATE INDEX "ProfileDefinition_enabled_nextRunAt_idx" ON "ProfileDefinition"("enabled", "nextRunAt");

-- CreateIndex
CREATE INDEX "ProfileRun_definitionId_createdAt_idx" ON "ProfileRun"("definitionId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "ProfileRun_status_idx" ON "ProfileRun"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ProfileColumnResult_runId_name_key" ON "ProfileColumnResult"("runId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "ProfileBaseline_definitionId_key" ON "ProfileBaseline"("definitionId");

-- CreateIndex
CREATE INDEX "ProfileAnomaly_definitionId_createdAt_idx" ON "ProfileAnomaly"("definitionId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "ProfileAnomaly_runId_idx" ON "ProfileAnomaly"("runId");

-- CreateIndex
CREATE INDEX "ProfileAnomaly_alertId_idx" ON "ProfileAnomaly"("alertId");

-- CreateIndex
CREATE INDEX "ProfileStreamPartial_flowId_environmentId_minute_idx" ON "ProfileStreamPartial"("flowId", "environmentId", "minute");

-- AddForeignKey
ALTER TABLE "ProfileRun" ADD CONSTRAINT "ProfileRun_definitionId_fkey" FOREIGN KEY ("definitionId") REFERENCES "ProfileDefinition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProfileColumnResult" ADD CONSTRAINT "ProfileColumnResult_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ProfileRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProfileBaseline" ADD CONSTRAINT "ProfileBaseline_definitionId_fkey" FOREIGN KEY ("definitionId") REFERENCES "ProfileDefinition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProfileAnomaly" ADD CONSTRAINT "ProfileAnomaly_definitionId_fkey" FOREIGN KEY ("definitionId") REFERENCES "ProfileDefinition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProfileAnomaly" ADD CONSTRAINT "ProfileAnomaly_runId_fkey" FOREIGN KEY ("runId") REFERENCES "ProfileRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
