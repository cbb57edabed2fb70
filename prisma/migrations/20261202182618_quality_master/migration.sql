-- CreateEnum
CREATE TYPE "MasterGoldenStatus" AS ENUM ('active', 'merged', 'retired');

-- CreateEnum
CREATE TYPE "MasterReviewStatus" AS ENUM ('open', 'merged', 'rejected');

-- CreateTable
CREATE TABLE "MasterEntity" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "archivedAt" TIMESTAMP(3),

    CONSTRAINT "MasterEntity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MasterEntityVersion" (
    "id" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "config" JSONB NOT NULL,
    "contentHash" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MasterEntityVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MasterSourceRecord" (
    "id" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "attributes" JSONB NOT NULL,
    "observedAt" TIMESTAMP(3) NOT NULL,
    "blockingKeys" TEXT[],
    "goldenId" TEXT NOT NULL,
    "matchScore" DOUBLE PRECISION NOT NULL,
    "matchRule" TEXT NOT NULL,
    "linkedBy" TEXT NOT NULL DEFAULT 'engine',
    "linkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "homeGoldenId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MasterSourceRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MasterGoldenRecord" (
    "id" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "status" "MasterGoldenStatus" NOT NULL DEFAULT 'active',
    "attributes" JSONB NOT NULL,
    "provenance" JSONB NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "configVersion" INTEGER NOT NULL,
    "mergedIntoId" TEXT,
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MasterGoldenRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MasterReviewItem" (
    "id" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "sourceRecordId" TEXT NOT NULL,
    "candidateGoldenId" TEXT NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,
    "fieldScores" JSONB NOT NULL,
    "status" "MasterReviewStatus" NOT NULL DEFAULT 'open',
    "resolvedBy" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MasterReviewItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MasterHistory" (
    "id" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "goldenId" TEXT,
    "action" TEXT NOT NULL,
    "actorId" TEXT,
    "actorEmail" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "undoneBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MasterHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MasterOutbox" (
    "id" BIGSERIAL NOT NULL,
    "entityKey" TEXT NOT NULL,
    "goldenId" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "MasterOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MasterEntity_key_key" ON "MasterEntity"("key");

-- CreateIndex
CREATE INDEX "MasterEntityVersion_entityId_contentHash_idx" ON "MasterEntityVersion"("entityId", "contentHash");

-- CreateIndex
CREATE UNIQUE INDEX "MasterEntityVersion_entityId_version_key" ON "MasterEntityVersion"("entityId", "version");

-- CreateIndex
CREATE INDEX "MasterSourceRecord_goldenId_idx" ON "MasterSourceRecord"("goldenId");

-- CreateIndex
CREATE INDEX "MasterSourceRecord_blockingKeys_idx" ON "MasterSourceRecord" USING GIN ("blockingKeys");

-- CreateIndex
CREATE UNIQUE INDEX "MasterSourceRecord_entityId_system_sourceId_key" ON "MasterSourceRecord"("entityId", "system", "sourceId");

-- CreateIndex
CREATE INDEX "MasterGoldenRecord_entityId_status_updatedAt_idx" ON "MasterGoldenRecord"("entityId", "status", "updatedAt");

-- CreateIndex
CREATE INDEX "MasterReviewItem_entityId_status_createdAt_idx" ON "MasterReviewItem"("entityId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "MasterReviewItem_sourceRecordId_candidateGoldenId_key" ON "MasterReviewItem"("sourceRecordId", "candidateGoldenId");

-- CreateIndex
CREATE INDEX "MasterHistory_goldenId_createdAt_idx" ON "MasterHistory"("goldenId", "createdAt");

-- CreateIndex
CREATE INDEX "MasterHistory_entityId_createdAt_idx" ON "MasterHistory"("entityId", "createdAt");

-- CreateIndex
CREATE INDEX "MasterOutbox_publishedAt_id_idx" ON "MasterOutbox"("publishedAt", "id");

-- AddForeignKey
ALTER TABLE "MasterEntityVersion" ADD CONSTRAINT "MasterEntityVersion_entityId_fkey" FOREIGN KEY ("entityId") REFERENCES "MasterEntity"("id") ON DELETE CASCADE ON UPDATE CASCADE;
