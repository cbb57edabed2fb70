-- CreateEnum
CREATE TYPE "CatalogKind" AS ENUM ('system', 'flow', 'queue', 'api');

-- CreateEnum
CREATE TYPE "CatalogLifecycle" AS ENUM ('experimental', 'production', 'deprecated', 'retired');

-- CreateEnum
CREATE TYPE "DependencyDirection" AS ENUM ('inbound', 'outbound');

-- CreateEnum
CREATE TYPE "RetirementStatus" AS ENUM ('deprecated', 'retired', 'cancelled');

-- CreateEnum
CREATE TYPE "HealthAssessmentStatus" AS ENUM ('due', 'completed');

-- CreateEnum
CREATE TYPE "ActionItemStatus" AS ENUM ('open', 'done');

-- AlterTable
ALTER TABLE "Interface" ADD COLUMN     "retiredAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "System" ADD COLUMN     "callerIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "endpoints" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "CatalogEntry" (
    "id" TEXT NOT NULL,
    "kind" "CatalogKind" NOT NULL,
    "key" TEXT NOT NULL,
    "ownerId" TEXT,
    "ownerName" TEXT NOT NULL DEFAULT '',
    "lifecycle" "CatalogLifecycle" NOT NULL DEFAULT 'production',
    "tier" INTEGER NOT NULL DEFAULT 3,
    "docsUrl" TEXT NOT NULL DEFAULT '',
    "runbookUrl" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "assessmentIntervalDays" INTEGER NOT NULL DEFAULT 91,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CatalogEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ObservedDependency" (
    "id" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "direction" "DependencyDirection" NOT NULL,
    "endpointKind" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "caller" TEXT NOT NULL DEFAULT '',
    "messages" BIGINT NOT NULL DEFAULT 0,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ObservedDependency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Retirement" (
    "id" TEXT NOT NULL,
    "subjectKind" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "subjectName" TEXT NOT NULL,
    "status" "RetirementStatus" NOT NULL DEFAULT 'deprecated',
    "reason" TEXT NOT NULL DEFAULT '',
    "replacement" TEXT NOT NULL DEFAULT '',
    "deprecatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sunsetAt" TIMESTAMP(3) NOT NULL,
    "quietDays" INTEGER NOT NULL DEFAULT 30,
    "consumers" JSONB NOT NULL DEFAULT '[]',
    "notifiedUserIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "waiverChangeId" TEXT,
    "retiredAt" TIMESTAMP(3),
    "retiredBy" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Retirement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RetirementBrownout" (
    "id" TEXT NOT NULL,
    "retirementId" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RetirementBrownout_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HealthAssessment" (
    "id" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "status" "HealthAssessmentStatus" NOT NULL DEFAULT 'due',
    "dueAt" TIMESTAMP(3) NOT NULL,
    "assigneeId" TEXT,
    "signals" JSONB NOT NULL DEFAULT '[]',
    "answers" JSONB NOT NULL DEFAULT '{}',
    "score" INTEGER,
    "previousScore" INTEGER,
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "lastRemindedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "completedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HealthAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HealthActionItem" (
    "id" TEXT NOT NULL,
    "assessmentId" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" TEXT,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "ActionItemStatus" NOT NULL DEFAULT 'open',
    "doneAt" TIMESTAMP(3),
    "doneById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HealthActionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricDay" (
    "flowId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "countOk" INTEGER NOT NULL DEFAULT 0,
    "countFailed" INTEGER NOT NULL DEFAULT 0,
    "countFiltered" INTEGER NOT NULL DEFAULT 0,
    "countDeadLettered" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MetricDay_pkey" PRIMARY KEY ("flowId","environmentId","day")
);

-- CreateIndex
CREATE INDEX "CatalogEntry_ownerId_idx" ON "CatalogEntry"("ownerId");

-- CreateIndex
CREATE INDEX "CatalogEntry_lifecycle_idx" ON "CatalogEntry"("lifecycle");

-- CreateIndex
CREATE UNIQUE INDEX "CatalogEntry_kind_key_key" ON "CatalogEntry"("kind", "key");

-- CreateIndex
CREATE INDEX "ObservedDependency_lastSeenAt_idx" ON "ObservedDependency"("lastSeenAt");

-- CreateIndex
CREATE INDEX "ObservedDependency_endpoint_idx" ON "ObservedDependency"("endpoint");

-- CreateIndex
CREATE UNIQUE INDEX "ObservedDependency_flowId_environmentId_direction_endpoint__key" ON "ObservedDependency"("flowId", "environmentId", "direction", "endpoint", "caller");

-- CreateIndex
CREATE INDEX "Retirement_subjectKind_subjectId_idx" ON "Retirement"("subjectKind", "subjectId");

-- CreateIndex
CREATE INDEX "Retirement_status_sunsetAt_idx" ON "Retirement"("status", "sunsetAt");

-- CreateIndex
CREATE INDEX "RetirementBrownout_retirementId_idx" ON "RetirementBrownout"("retirementId");

-- CreateIndex
CREATE INDEX "RetirementBrownout_endsAt_idx" ON "RetirementBrownout"("endsAt");

-- CreateIndex
CREATE INDEX "HealthAssessment_flowId_createdAt_idx" ON "HealthAssessment"("flowId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "HealthAssessment_status_dueAt_idx" ON "HealthAssessment"("status", "dueAt");

-- CreateIndex
CREATE INDEX "HealthAssessment_assigneeId_status_idx" ON "HealthAssessment"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "HealthActionItem_flowId_status_idx" ON "HealthActionItem"("flowId", "status");

-- CreateIndex
CREATE INDEX "HealthActionItem_ownerId_status_dueAt_idx" ON "HealthActionItem"("ownerId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "MetricDay_environmentId_day_idx" ON "MetricDay"("environmentId", "day");

-- AddForeignKey
ALTER TABLE "ObservedDependency" ADD CONSTRAINT "ObservedDependency_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ObservedDependency" ADD CONSTRAINT "ObservedDependency_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RetirementBrownout" ADD CONSTRAINT "RetirementBrownout_retirementId_fkey" FOREIGN KEY ("retirementId") REFERENCES "Retirement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HealthAssessment" ADD CONSTRAINT "HealthAssessment_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HealthActionItem" ADD CONSTRAINT "HealthActionItem_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "HealthAssessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricDay" ADD CONSTRAINT "MetricDay_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricDay" ADD CONSTRAINT "MetricDay_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
