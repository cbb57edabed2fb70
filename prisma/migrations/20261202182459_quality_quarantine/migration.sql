-- CreateEnum
CREATE TYPE "QuarantineStatus" AS ENUM ('pending', 'resubmit_requested', 'resubmitted', 'rejected');

-- CreateEnum
CREATE TYPE "QuarantineBulkAction" AS ENUM ('resubmit', 'reject');

-- CreateEnum
CREATE TYPE "QuarantineBulkStatus" AS ENUM ('running', 'completed', 'cancelled');

-- CreateTable
CREATE TABLE "QuarantineEntry" (
    "id" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "flowVersionId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "deploymentId" TEXT,
    "stepId" TEXT NOT NULL,
    "ruleSetKey" TEXT NOT NULL,
    "ruleSetVersionId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "correlationId" TEXT NOT NULL,
    "inputId" TEXT NOT NULL,
    "recordIndex" INTEGER NOT NULL DEFAULT 0,
    "record" JSONB NOT NULL,
    "violations" JSONB NOT NULL DEFAULT '[]',
    "ruleIds" TEXT[],
    "fields" TEXT[],
    "headers" JSONB NOT NULL DEFAULT '{}',
    "status" "QuarantineStatus" NOT NULL DEFAULT 'pending',
    "fixedRecord" JSONB,
    "fixedBy" TEXT,
    "fixedAt" TIMESTAMP(3),
    "resubmitRequestedBy" TEXT,
    "resubmitRequestedAt" TIMESTAMP(3),
    "resubmittedAt" TIMESTAMP(3),
    "resubmitMessageId" TEXT,
    "resubmitError" TEXT,
    "rejectedBy" TEXT,
    "rejectedAt" TIMESTAMP(3),
    "rejectReason" TEXT,
    "bulkJobId" TEXT,
    "notifiedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuarantineEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuarantineBulkJob" (
    "id" TEXT NOT NULL,
    "action" "QuarantineBulkAction" NOT NULL,
    "filter" JSONB NOT NULL,
    "reason" TEXT,
    "status" "QuarantineBulkStatus" NOT NULL DEFAULT 'running',
    "asOf" TIMESTAMP(3) NOT NULL,
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "cursor" TEXT,
    "requestedBy" TEXT,
    "requestedByEmail" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "QuarantineBulkJob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuarantineNotice" (
    "ruleSetKey" TEXT NOT NULL,
    "lastNotifiedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuarantineNotice_pkey" PRIMARY KEY ("ruleSetKey")
);

-- CreateIndex
CREATE INDEX "QuarantineEntry_status_createdAt_idx" ON "QuarantineEntry"("status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "QuarantineEntry_flowId_environmentId_status_createdAt_idx" ON "QuarantineEntry"("flowId", "environmentId", "status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "QuarantineEntry_ruleSetKey_status_createdAt_idx" ON "QuarantineEntry"("ruleSetKey", "status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "QuarantineEntry_ruleIds_idx" ON "QuarantineEntry" USING GIN ("ruleIds");

-- CreateIndex
CREATE INDEX "QuarantineEntry_fields_idx" ON "QuarantineEntry" USING GIN ("fields");

-- CreateIndex
CREATE INDEX "QuarantineEntry_messageId_idx" ON "QuarantineEntry"("messageId");

-- CreateIndex
CREATE INDEX "QuarantineEntry_inputId_idx" ON "QuarantineEntry"("inputId");

-- CreateIndex
CREATE INDEX "QuarantineEntry_notifiedAt_ruleSetKey_idx" ON "QuarantineEntry"("notifiedAt", "ruleSetKey");

-- CreateIndex
CREATE INDEX "QuarantineBulkJob_status_createdAt_idx" ON "QuarantineBulkJob"("status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "QuarantineBulkJob_requestedBy_createdAt_idx" ON "QuarantineBulkJob"("requestedBy", "createdAt" DESC);
