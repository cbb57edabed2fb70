-- CreateEnum
CREATE TYPE "ChangeType" AS ENUM ('standard', 'normal', 'emergency');

-- CreateEnum
CREATE TYPE "ChangeStatus" AS ENUM ('draft', 'submitted', 'approved', 'rejected', 'implemented', 'rolled_back', 'closed', 'cancelled');

-- CreateEnum
CREATE TYPE "ChangeRiskLevel" AS ENUM ('low', 'medium', 'high');

-- CreateEnum
CREATE TYPE "ChangeSource" AS ENUM ('portal', 'cli', 'engine');

-- CreateEnum
CREATE TYPE "ApprovalDecision" AS ENUM ('approve', 'reject');

-- CreateEnum
CREATE TYPE "ChangeWindowKind" AS ENUM ('blackout', 'maintenance');

-- CreateEnum
CREATE TYPE "RestorationStatus" AS ENUM ('open', 'done');

-- CreateEnum
CREATE TYPE "RestorationStepStatus" AS ENUM ('pending', 'running', 'done', 'failed', 'skipped');

-- CreateEnum
CREATE TYPE "DataClassification" AS ENUM ('public', 'internal', 'confidential', 'personal', 'sensitive_personal');

-- AlterTable
ALTER TABLE "DataDomain" ADD COLUMN     "classification" "DataClassification" NOT NULL DEFAULT 'internal';

-- AlterTable
ALTER TABLE "Deployment" ADD COLUMN     "activatedAt" TIMESTAMP(3),
ADD COLUMN     "changeRequestId" TEXT,
ADD COLUMN     "rolledBackAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "EnvironmentVariable" (
    "environmentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EnvironmentVariable_pkey" PRIMARY KEY ("environmentId","name")
);

-- CreateTable
CREATE TABLE "SecretReference" (
    "environmentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "provider" TEXT NOT NULL DEFAULT 'env',
    "reference" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SecretReference_pkey" PRIMARY KEY ("environmentId","name")
);

-- CreateTable
CREATE TABLE "ChangeModel" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "maxRisk" "ChangeRiskLevel" NOT NULL DEFAULT 'low',
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChangeModel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeRequest" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "type" "ChangeType" NOT NULL,
    "status" "ChangeStatus" NOT NULL DEFAULT 'submitted',
    "source" "ChangeSource" NOT NULL DEFAULT 'portal',
    "modelId" TEXT,
    "environmentId" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "windowEnd" TIMESTAMP(3) NOT NULL,
    "rolloutPlan" TEXT NOT NULL DEFAULT '',
    "rollbackPlan" TEXT NOT NULL DEFAULT '',
    "riskScore" INTEGER NOT NULL DEFAULT 0,
    "riskLevel" "ChangeRiskLevel" NOT NULL DEFAULT 'low',
    "riskFactors" JSONB NOT NULL DEFAULT '[]',
    "conflicts" JSONB NOT NULL DEFAULT '[]',
    "requiredApprovals" INTEGER NOT NULL DEFAULT 1,
    "requiresDataOwner" BOOLEAN NOT NULL DEFAULT false,
    "requestedById" TEXT,
    "requestedByEmail" TEXT NOT NULL,
    "implementedById" TEXT,
    "implementedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "rollbackOfId" TEXT,
    "pirRequired" BOOLEAN NOT NULL DEFAULT false,
    "pirSummary" TEXT,
    "pirById" TEXT,
    "pirAt" TIMESTAMP(3),
    "remindersSent" INTEGER NOT NULL DEFAULT 0,
    "lastRemindedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChangeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeItem" (
    "id" TEXT NOT NULL,
    "changeRequestId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "itemKey" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "previousVersionId" TEXT,
    "previousHash" TEXT,
    "diffSize" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ChangeItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeApproval" (
    "id" TEXT NOT NULL,
    "changeRequestId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "decision" "ApprovalDecision" NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "asDataOwner" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChangeApproval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeWindow" (
    "id" TEXT NOT NULL,
    "kind" "ChangeWindowKind" NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "rrule" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "systemId" TEXT,
    "environmentId" TEXT,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChangeWindow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChangeRiskPolicy" (
    "id" TEXT NOT NULL DEFAULT 'default',
    "mediumFrom" INTEGER NOT NULL DEFAULT 35,
    "highFrom" INTEGER NOT NULL DEFAULT 65,
    "lowApprovals" INTEGER NOT NULL DEFAULT 1,
    "mediumApprovals" INTEGER NOT NULL DEFAULT 2,
    "highApprovals" INTEGER NOT NULL DEFAULT 2,
    "dataOwnerFrom" "ChangeRiskLevel" NOT NULL DEFAULT 'medium',
    "weights" JSONB NOT NULL DEFAULT '{}',
    "remindAfterHours" INTEGER NOT NULL DEFAULT 24,
    "escalateAfterReminders" INTEGER NOT NULL DEFAULT 2,
    "rollbackErrorRate" DOUBLE PRECISION NOT NULL DEFAULT 0.5,
    "rollbackMinutes" INTEGER NOT NULL DEFAULT 15,
    "rollbackMinMessages" INTEGER NOT NULL DEFAULT 10,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChangeRiskPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RestorationPlan" (
    "id" TEXT NOT NULL,
    "changeRequestId" TEXT NOT NULL,
    "badDeploymentId" TEXT NOT NULL,
    "goodDeploymentId" TEXT NOT NULL,
    "status" "RestorationStatus" NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RestorationPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RestorationStep" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "runId" TEXT,
    "deadLetterId" TEXT,
    "description" TEXT NOT NULL,
    "status" "RestorationStepStatus" NOT NULL DEFAULT 'pending',
    "doneById" TEXT,
    "doneAt" TIMESTAMP(3),
    "note" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "RestorationStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchedulerLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SchedulerLease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "FlowDataDomain" (
    "flowId" TEXT NOT NULL,
    "dataDomainId" TEXT NOT NULL,

    CONSTRAINT "FlowDataDomain_pkey" PRIMARY KEY ("flowId","dataDomainId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ChangeModel_key_key" ON "ChangeModel"("key");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeRequest_number_key" ON "ChangeRequest"("number");

-- CreateIndex
CREATE INDEX "ChangeRequest_status_windowStart_idx" ON "ChangeRequest"("status", "windowStart");

-- CreateIndex
CREATE INDEX "ChangeRequest_environmentId_windowStart_idx" ON "ChangeRequest"("environmentId", "windowStart");

-- CreateIndex
CREATE INDEX "ChangeRequest_requestedById_idx" ON "ChangeRequest"("requestedById");

-- CreateIndex
CREATE INDEX "ChangeRequest_createdAt_idx" ON "ChangeRequest"("createdAt");

-- CreateIndex
CREATE INDEX "ChangeItem_kind_itemId_contentHash_idx" ON "ChangeItem"("kind", "itemId", "contentHash");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeItem_changeRequestId_kind_itemKey_key" ON "ChangeItem"("changeRequestId", "kind", "itemKey");

-- CreateIndex
CREATE INDEX "ChangeApproval_userId_idx" ON "ChangeApproval"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ChangeApproval_changeRequestId_userId_key" ON "ChangeApproval"("changeRequestId", "userId");

-- CreateIndex
CREATE INDEX "ChangeWindow_kind_isActive_idx" ON "ChangeWindow"("kind", "isActive");

-- CreateIndex
CREATE INDEX "ChangeWindow_systemId_idx" ON "ChangeWindow"("systemId");

-- CreateIndex
CREATE INDEX "RestorationPlan_changeRequestId_idx" ON "RestorationPlan"("changeRequestId");

-- CreateIndex
CREATE INDEX "RestorationStep_planId_status_idx" ON "RestorationStep"("planId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "RestorationStep_planId_seq_key" ON "RestorationStep"("planId", "seq");

-- CreateIndex
CREATE INDEX "FlowDataDomain_dataDomainId_idx" ON "FlowDataDomain"("dataDomainId");

-- CreateIndex
CREATE INDEX "Deployment_changeRequestId_idx" ON "Deployment"("changeRequestId");

-- AddForeignKey
ALTER TABLE "EnvironmentVariable" ADD CONSTRAINT "EnvironmentVariable_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SecretReference" ADD CONSTRAINT "SecretReference_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_modelId_fkey" FOREIGN KEY ("modelId") REFERENCES "ChangeModel"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_implementedById_fkey" FOREIGN KEY ("implementedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeRequest" ADD CONSTRAINT "ChangeRequest_rollbackOfId_fkey" FOREIGN KEY ("rollbackOfId") REFERENCES "ChangeRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeItem" ADD CONSTRAINT "ChangeItem_changeRequestId_fkey" FOREIGN KEY ("changeRequestId") REFERENCES "ChangeRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeApproval" ADD CONSTRAINT "ChangeApproval_changeRequestId_fkey" FOREIGN KEY ("changeRequestId") REFERENCES "ChangeRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeApproval" ADD CONSTRAINT "ChangeApproval_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeWindow" ADD CONSTRAINT "ChangeWindow_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "System"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChangeWindow" ADD CONSTRAINT "ChangeWindow_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RestorationPlan" ADD CONSTRAINT "RestorationPlan_changeRequestId_fkey" FOREIGN KEY ("changeRequestId") REFERENCES "ChangeRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RestorationStep" ADD CONSTRAINT "RestorationStep_planId_fkey" FOREIGN KEY ("planId") REFERENCES "RestorationPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowDataDomain" ADD CONSTRAINT "FlowDataDomain_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FlowDataDomain" ADD CONSTRAINT "FlowDataDomain_dataDomainId_fkey" FOREIGN KEY ("dataDomainId") REFERENCES "DataDomain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Deployment" ADD CONSTRAINT "Deployment_changeRequestId_fkey" FOREIGN KEY ("changeRequestId") REFERENCES "ChangeRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;
-- The one risk policy row; the CAB edits it in the portal.
INSERT INTO "ChangeRiskPolicy" ("id", "weights", "updatedAt") VALUES
  ('default', '{"blastRadius": 25, "dataClassification": 25, "health": 20, "diffSize": 15, "changeFailures": 15}', now());

-- Binding a deployment to a change wakes the engines too.
DROP TRIGGER "Deployment_notify" ON "Deployment";
CREATE TRIGGER "Deployment_notify" AFTER INSERT OR UPDATE OF "desiredState", "activeSlot", "flowVersionId", "contentHash", "changeRequestId" OR DELETE ON "Deployment"
  FOR EACH ROW EXECUTE FUNCTION switchboard_notify_deployment();

-- A decision on a change (approval, rejection, new window) can let a refused deployment run or stop one
-- from starting: the engines re-check their deployments, whoever wrote the row.
CREATE FUNCTION switchboard_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('switchboard_deployments', 'change:' || NEW."id");
  RETURN NULL;
END $$;

CREATE TRIGGER "ChangeRequest_notify" AFTER UPDATE OF "status", "windowStart", "windowEnd" ON "ChangeRequest"
  FOR EACH ROW EXECUTE FUNCTION switchboard_notify_change();
