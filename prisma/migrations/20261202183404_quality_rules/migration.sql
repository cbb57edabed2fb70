-- CreateTable
CREATE TABLE "QualityRuleSet" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "ownerId" TEXT NOT NULL,
    "dataDomainId" TEXT,
    "flowId" TEXT,
    "interfaceId" TEXT,
    "archivedAt" TIMESTAMP(3),
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QualityRuleSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QualityRuleSetVersion" (
    "id" TEXT NOT NULL,
    "ruleSetId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "contentHash" TEXT NOT NULL,
    "document" JSONB NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QualityRuleSetVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QualityRuleSetDeployment" (
    "id" TEXT NOT NULL,
    "ruleSetId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "activeSlot" TEXT,
    "changeRequestId" TEXT,
    "deployedBy" TEXT NOT NULL,
    "deployedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "supersededAt" TIMESTAMP(3),

    CONSTRAINT "QualityRuleSetDeployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QualityCheckMinute" (
    "flowId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "ruleSetKey" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "records" INTEGER NOT NULL DEFAULT 0,
    "passed" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "QualityCheckMinute_pkey" PRIMARY KEY ("flowId","environmentId","ruleSetKey","stepId","minute")
);

-- CreateTable
CREATE TABLE "QualityRecordSample" (
    "id" BIGSERIAL NOT NULL,
    "ruleSetKey" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "record" JSONB NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QualityRecordSample_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "QualityRuleSet_key_key" ON "QualityRuleSet"("key");

-- CreateIndex
CREATE INDEX "QualityRuleSet_ownerId_idx" ON "QualityRuleSet"("ownerId");

-- CreateIndex
CREATE INDEX "QualityRuleSet_dataDomainId_idx" ON "QualityRuleSet"("dataDomainId");

-- CreateIndex
CREATE INDEX "QualityRuleSet_flowId_idx" ON "QualityRuleSet"("flowId");

-- CreateIndex
CREATE INDEX "QualityRuleSet_interfaceId_idx" ON "QualityRuleSet"("interfaceId");

-- CreateIndex
CREATE UNIQUE INDEX "QualityRuleSetVersion_ruleSetId_contentHash_key" ON "QualityRuleSetVersion"("ruleSetId", "contentHash");

-- CreateIndex
CREATE UNIQUE INDEX "QualityRuleSetVersion_ruleSetId_number_key" ON "QualityRuleSetVersion"("ruleSetId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "QualityRuleSetDeployment_activeSlot_key" ON "QualityRuleSetDeployment"("activeSlot");

-- CreateIndex
CREATE INDEX "QualityRuleSetDeployment_ruleSetId_environmentId_deployedAt_idx" ON "QualityRuleSetDeployment"("ruleSetId", "environmentId", "deployedAt");

-- CreateIndex
CREATE INDEX "QualityRuleSetDeployment_environmentId_idx" ON "QualityRuleSetDeployment"("environmentId");

-- CreateIndex
CREATE INDEX "QualityRuleSetDeployment_versionId_idx" ON "QualityRuleSetDeployment"("versionId");

-- CreateIndex
CREATE INDEX "QualityRuleSetDeployment_changeRequestId_idx" ON "QualityRuleSetDeployment"("changeRequestId");

-- CreateIndex
CREATE INDEX "QualityCheckMinute_environmentId_ruleSetKey_minute_idx" ON "QualityCheckMinute"("environmentId", "ruleSetKey", "minute");

-- CreateIndex
CREATE INDEX "QualityCheckMinute_minute_idx" ON "QualityCheckMinute"("minute");

-- CreateIndex
CREATE INDEX "QualityRecordSample_ruleSetKey_environmentId_id_idx" ON "QualityRecordSample"("ruleSetKey", "environmentId", "id");

-- AddForeignKey
ALTER TABLE "QualityRuleSetVersion" ADD CONSTRAINT "QualityRuleSetVersion_ruleSetId_fkey" FOREIGN KEY ("ruleSetId") REFERENCES "QualityRuleSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QualityRuleSetDeployment" ADD CONSTRAINT "QualityRuleSetDeployment_ruleSetId_fkey" FOREIGN KEY ("ruleSetId") REFERENCES "QualityRuleSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QualityRuleSetDeployment" ADD CONSTRAINT "QualityRuleSetDeployment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "QualityRuleSetVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
