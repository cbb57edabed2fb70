-- CreateEnum
CREATE TYPE "PrivacyLevel" AS ENUM ('public', 'internal', 'confidential', 'restricted');

-- CreateEnum
CREATE TYPE "PrivacyScopeKind" AS ENUM ('system', 'interface', 'flow');

-- CreateEnum
CREATE TYPE "ClassificationStatus" AS ENUM ('suggested', 'confirmed', 'dismissed');

-- CreateEnum
CREATE TYPE "TokenKeyStatus" AS ENUM ('active', 'retired');

-- CreateEnum
CREATE TYPE "MaskedDatasetStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "MaskedDatasetSource" AS ENUM ('runs', 'dead_letters');

-- CreateTable
CREATE TABLE "FieldClassification" (
    "id" TEXT NOT NULL,
    "scopeKind" "PrivacyScopeKind" NOT NULL,
    "scopeId" TEXT NOT NULL,
    "scopeName" TEXT NOT NULL,
    "fieldPath" TEXT NOT NULL,
    "level" "PrivacyLevel" NOT NULL,
    "tags" TEXT[],
    "status" "ClassificationStatus" NOT NULL DEFAULT 'suggested',
    "confidence" DOUBLE PRECISION,
    "reason" TEXT NOT NULL DEFAULT '',
    "suggestedAt" TIMESTAMP(3),
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FieldClassification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaskingPolicy" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MaskingPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaskingPolicyVersion" (
    "id" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "document" JSONB NOT NULL,
    "contentHash" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MaskingPolicyVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaskingPolicyDeployment" (
    "id" TEXT NOT NULL,
    "policyId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "activeSlot" TEXT,
    "changeRequestId" TEXT,
    "deployedBy" TEXT NOT NULL,
    "deployedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" TIMESTAMP(3),

    CONSTRAINT "MaskingPolicyDeployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TokenKey" (
    "id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "TokenKeyStatus" NOT NULL DEFAULT 'active',
    "wrappedKey" TEXT NOT NULL,
    "kekFingerprint" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "TokenKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MaskedDatasetJob" (
    "id" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "flowName" TEXT NOT NULL,
    "sourceEnvironmentId" TEXT NOT NULL,
    "targetEnvironmentId" TEXT NOT NULL,
    "source" "MaskedDatasetSource" NOT NULL DEFAULT 'runs',
    "limit" INTEGER NOT NULL,
    "status" "MaskedDatasetStatus" NOT NULL DEFAULT 'queued',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "requestedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MaskedDatasetJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FieldClassification_status_updatedAt_idx" ON "FieldClassification"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "FieldClassification_scopeId_idx" ON "FieldClassification"("scopeId");

-- CreateIndex
CREATE UNIQUE INDEX "FieldClassification_scopeKind_scopeId_fieldPath_key" ON "FieldClassification"("scopeKind", "scopeId", "fieldPath");

-- CreateIndex
CREATE UNIQUE INDEX "MaskingPolicy_key_key" ON "MaskingPolicy"("key");

-- CreateIndex
CREATE UNIQUE INDEX "MaskingPolicyVersion_policyId_contentHash_key" ON "MaskingPolicyVersion"("policyId", "contentHash");

-- CreateIndex
CREATE UNIQUE INDEX "MaskingPolicyVersion_policyId_number_key" ON "MaskingPolicyVersion"("policyId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "MaskingPolicyDeployment_activeSlot_key" ON "MaskingPolicyDeployment"("activeSlot");

-- CreateIndex
CREATE INDEX "MaskingPolicyDeployment_environmentId_activeSlot_idx" ON "MaskingPolicyDeployment"("environmentId", "activeSlot");

-- CreateIndex
CREATE INDEX "MaskingPolicyDeployment_versionId_idx" ON "MaskingPolicyDeployment"("versionId");

-- CreateIndex
CREATE UNIQUE INDEX "TokenKey_version_key" ON "TokenKey"("version");

-- CreateIndex
CREATE INDEX "TokenKey_status_idx" ON "TokenKey"("status");

-- CreateIndex
CREATE INDEX "MaskedDatasetJob_status_createdAt_idx" ON "MaskedDatasetJob"("status", "createdAt");

-- CreateIndex
CREATE INDEX "MaskedDatasetJob_flowId_createdAt_idx" ON "MaskedDatasetJob"("flowId", "createdAt");

-- AddForeignKey
ALTER TABLE "MaskingPolicyVersion" ADD CONSTRAINT "MaskingPolicyVersion_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "MaskingPolicy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaskingPolicyDeployment" ADD CONSTRAINT "MaskingPolicyDeployment_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "MaskingPolicy"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MaskingPolicyDeployment" ADD CONSTRAINT "MaskingPolicyDeployment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "MaskingPolicyVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
