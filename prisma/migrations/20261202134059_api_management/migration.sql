-- CreateEnum
CREATE TYPE "ApiLifecycle" AS ENUM ('draft', 'published', 'deprecated', 'retired');

-- CreateEnum
CREATE TYPE "ApiOperationStatus" AS ENUM ('running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "ApiProduct" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "ownerId" TEXT,
    "systemId" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "ApiProduct_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiVersion" (
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "major" INTEGER NOT NULL,
    "lifecycle" "ApiLifecycle" NOT NULL DEFAULT 'draft',
    "publishedAt" TIMESTAMP(3),
    "deprecatedAt" TIMESTAMP(3),
    "sunsetAt" TIMESTAMP(3),
    "retiredAt" TIMESTAMP(3),
    "successorId" TEXT,
    "deprecationNote" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApiVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiRevision" (
    "id" TEXT NOT NULL,
    "apiVersionId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "semver" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "document" JSONB NOT NULL,
    "source" TEXT NOT NULL,
    "baseRevisionId" TEXT,
    "changes" JSONB NOT NULL DEFAULT '[]',
    "breakingCount" INTEGER NOT NULL DEFAULT 0,
    "note" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiDeployment" (
    "id" TEXT NOT NULL,
    "apiVersionId" TEXT NOT NULL,
    "revisionId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "activeSlot" TEXT,
    "changeRequestId" TEXT,
    "deployedBy" TEXT NOT NULL,
    "deployedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" TIMESTAMP(3),

    CONSTRAINT "ApiDeployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiBreakingWaiver" (
    "id" TEXT NOT NULL,
    "revisionId" TEXT NOT NULL,
    "changeRequestId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "ruleIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiBreakingWaiver_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiPlan" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "ratePerSecond" DOUBLE PRECISION,
    "burst" INTEGER,
    "perMinute" INTEGER,
    "perDay" INTEGER,
    "perMonth" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApiPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiConsumer" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "contactEmail" TEXT NOT NULL DEFAULT '',
    "systemId" TEXT,
    "planId" TEXT NOT NULL,
    "latencyToleranceMs" INTEGER,
    "jwtSubjects" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "callbackSecret" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "disabledAt" TIMESTAMP(3),

    CONSTRAINT "ApiConsumer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "consumerId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "revokedBy" TEXT,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKeyScope" (
    "keyId" TEXT NOT NULL,
    "apiVersionId" TEXT NOT NULL,

    CONSTRAINT "ApiKeyScope_pkey" PRIMARY KEY ("keyId","apiVersionId")
);

-- CreateTable
CREATE TABLE "ApiRateState" (
    "key" TEXT NOT NULL,
    "tatMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiRateState_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ApiQuotaCounter" (
    "key" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ApiQuotaCounter_pkey" PRIMARY KEY ("key","period","windowStart")
);

-- CreateTable
CREATE TABLE "ApiOperation" (
    "id" TEXT NOT NULL,
    "apiVersionId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "consumerId" TEXT,
    "operation" TEXT NOT NULL,
    "status" "ApiOperationStatus" NOT NULL DEFAULT 'running',
    "httpStatus" INTEGER,
    "result" JSONB,
    "callbackUrl" TEXT,
    "callbackStatus" INTEGER,
    "callbackAttempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApiOperation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiCallMinute" (
    "apiVersionId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "consumerId" TEXT NOT NULL DEFAULT '',
    "minute" TIMESTAMP(3) NOT NULL,
    "calls" INTEGER NOT NULL DEFAULT 0,
    "clientErrors" INTEGER NOT NULL DEFAULT 0,
    "serverErrors" INTEGER NOT NULL DEFAULT 0,
    "rateLimited" INTEGER NOT NULL DEFAULT 0,
    "latencyBuckets" INTEGER[],
    "latencySumMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApiCallMinute_pkey" PRIMARY KEY ("apiVersionId","environmentId","operation","consumerId","minute")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiProduct_key_key" ON "ApiProduct"("key");

-- CreateIndex
CREATE INDEX "ApiProduct_ownerId_idx" ON "ApiProduct"("ownerId");

-- CreateIndex
CREATE INDEX "ApiVersion_lifecycle_idx" ON "ApiVersion"("lifecycle");

-- CreateIndex
CREATE UNIQUE INDEX "ApiVersion_productId_major_key" ON "ApiVersion"("productId", "major");

-- CreateIndex
CREATE INDEX "ApiRevision_createdAt_idx" ON "ApiRevision"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiRevision_apiVersionId_contentHash_key" ON "ApiRevision"("apiVersionId", "contentHash");

-- CreateIndex
CREATE UNIQUE INDEX "ApiRevision_apiVersionId_number_key" ON "ApiRevision"("apiVersionId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "ApiDeployment_activeSlot_key" ON "ApiDeployment"("activeSlot");

-- CreateIndex
CREATE INDEX "ApiDeployment_apiVersionId_environmentId_deployedAt_idx" ON "ApiDeployment"("apiVersionId", "environmentId", "deployedAt");

-- CreateIndex
CREATE INDEX "ApiDeployment_environmentId_idx" ON "ApiDeployment"("environmentId");

-- CreateIndex
CREATE INDEX "ApiDeployment_revisionId_idx" ON "ApiDeployment"("revisionId");

-- CreateIndex
CREATE INDEX "ApiBreakingWaiver_revisionId_idx" ON "ApiBreakingWaiver"("revisionId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiPlan_key_key" ON "ApiPlan"("key");

-- CreateIndex
CREATE UNIQUE INDEX "ApiConsumer_key_key" ON "ApiConsumer"("key");

-- CreateIndex
CREATE INDEX "ApiConsumer_planId_idx" ON "ApiConsumer"("planId");

-- CreateIndex
CREATE INDEX "ApiConsumer_systemId_idx" ON "ApiConsumer"("systemId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_consumerId_idx" ON "ApiKey"("consumerId");

-- CreateIndex
CREATE INDEX "ApiKeyScope_apiVersionId_idx" ON "ApiKeyScope"("apiVersionId");

-- CreateIndex
CREATE INDEX "ApiQuotaCounter_windowStart_idx" ON "ApiQuotaCounter"("windowStart");

-- CreateIndex
CREATE INDEX "ApiOperation_expiresAt_idx" ON "ApiOperation"("expiresAt");

-- CreateIndex
CREATE INDEX "ApiCallMinute_minute_idx" ON "ApiCallMinute"("minute");

-- CreateIndex
CREATE INDEX "ApiCallMinute_consumerId_minute_idx" ON "ApiCallMinute"("consumerId", "minute");

-- AddForeignKey
ALTER TABLE "ApiProduct" ADD CONSTRAINT "ApiProduct_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "System"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiVersion" ADD CONSTRAINT "ApiVersion_productId_fkey" FOREIGN KEY ("productId") REFERENCES "ApiProduct"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiVersion" ADD CONSTRAINT "ApiVersion_successorId_fkey" FOREIGN KEY ("successorId") REFERENCES "ApiVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiRevision" ADD CONSTRAINT "ApiRevision_apiVersionId_fkey" FOREIGN KEY ("apiVersionId") REFERENCES "ApiVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiDeployment" ADD CONSTRAINT "ApiDeployment_apiVersionId_fkey" FOREIGN KEY ("apiVersionId") REFERENCES "ApiVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiDeployment" ADD CONSTRAINT "ApiDeployment_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "ApiRevision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiDeployment" ADD CONSTRAINT "ApiDeployment_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiDeployment" ADD CONSTRAINT "ApiDeployment_changeRequestId_fkey" FOREIGN KEY ("changeRequestId") REFERENCES "ChangeRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiBreakingWaiver" ADD CONSTRAINT "ApiBreakingWaiver_revisionId_fkey" FOREIGN KEY ("revisionId") REFERENCES "ApiRevision"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiBreakingWaiver" ADD CONSTRAINT "ApiBreakingWaiver_changeRequestId_fkey" FOREIGN KEY ("changeRequestId") REFERENCES "ChangeRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiConsumer" ADD CONSTRAINT "ApiConsumer_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ApiPlan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiConsumer" ADD CONSTRAINT "ApiConsumer_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "System"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_consumerId_fkey" FOREIGN KEY ("consumerId") REFERENCES "ApiConsumer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyScope" ADD CONSTRAINT "ApiKeyScope_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiKeyScope" ADD CONSTRAINT "ApiKeyScope_apiVersionId_fkey" FOREIGN KEY ("apiVersionId") REFERENCES "ApiVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiOperation" ADD CONSTRAINT "ApiOperation_apiVersionId_fkey" FOREIGN KEY ("apiVersionId") REFERENCES "ApiVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiCallMinute" ADD CONSTRAINT "ApiCallMinute_apiVersionId_fkey" FOREIGN KEY ("apiVersionId") REFERENCES "ApiVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiCallMinute" ADD CONSTRAINT "ApiCallMinute_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
