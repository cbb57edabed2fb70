-- CreateEnum
CREATE TYPE "CandidateStatus" AS ENUM ('draft', 'proposed', 'approved');

-- CreateEnum
CREATE TYPE "WorkshopStatus" AS ENUM ('open', 'locked');

-- CreateEnum
CREATE TYPE "ProcessDecisionKind" AS ENUM ('standardize', 'customize');

-- CreateEnum
CREATE TYPE "ArchitectureReviewOutcome" AS ENUM ('approved', 'rejected', 'changes_requested');

-- CreateTable
CREATE TABLE "IntegrationCandidate" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" "CandidateStatus" NOT NULL DEFAULT 'draft',
    "departmentId" TEXT,
    "effortFte" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "useInventoryInputs" BOOLEAN NOT NULL DEFAULT true,
    "volumePerMonth" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "manualMinutesPerTxn" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "minutesPerTxnAfter" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "errorRate" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "errorRateAfter" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "costPerError" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "loadedCostPerHour" DOUBLE PRECISION NOT NULL DEFAULT 55,
    "buildCost" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "runCostPerYear" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "discountRate" DOUBLE PRECISION NOT NULL DEFAULT 0.08,
    "years" INTEGER NOT NULL DEFAULT 5,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IntegrationCandidate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CandidateProcess" (
    "candidateId" TEXT NOT NULL,
    "processId" TEXT NOT NULL,

    CONSTRAINT "CandidateProcess_pkey" PRIMARY KEY ("candidateId","processId")
);

-- CreateTable
CREATE TABLE "CandidateInterface" (
    "candidateId" TEXT NOT NULL,
    "interfaceId" TEXT NOT NULL,

    CONSTRAINT "CandidateInterface_pkey" PRIMARY KEY ("candidateId","interfaceId")
);

-- CreateTable
CREATE TABLE "CandidateDependency" (
    "candidateId" TEXT NOT NULL,
    "dependsOnId" TEXT NOT NULL,

    CONSTRAINT "CandidateDependency_pkey" PRIMARY KEY ("candidateId","dependsOnId")
);

-- CreateTable
CREATE TABLE "Criterion" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "weight" DOUBLE PRECISION NOT NULL,
    "isInverted" BOOLEAN NOT NULL DEFAULT false,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Criterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkshopSession" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "facilitatorId" TEXT NOT NULL,
    "status" "WorkshopStatus" NOT NULL DEFAULT 'open',
    "criteria" JSONB NOT NULL,
    "snapshot" JSONB,
    "lockedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkshopSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkshopCandidate" (
    "sessionId" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,

    CONSTRAINT "WorkshopCandidate_pkey" PRIMARY KEY ("sessionId","candidateId")
);

-- CreateTable
CREATE TABLE "WorkshopParticipant" (
    "sessionId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "lastScoredAt" TIMESTAMP(3),

    CONSTRAINT "WorkshopParticipant_pkey" PRIMARY KEY ("sessionId","userId")
);

-- CreateTable
CREATE TABLE "WorkshopScore" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "participantId" TEXT NOT NULL,
    "candidateId" TEXT NOT NULL,
    "criterionKey" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WorkshopScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GovernanceRule" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "metric" TEXT NOT NULL,
    "operator" TEXT NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "isActive" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GovernanceRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessDecision" (
    "id" TEXT NOT NULL,
    "processId" TEXT NOT NULL,
    "decision" "ProcessDecisionKind" NOT NULL,
    "customizationScore" INTEGER NOT NULL DEFAULT 1,
    "deviationCount" INTEGER NOT NULL DEFAULT 0,
    "rationale" TEXT NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessDecision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArchitectureReview" (
    "id" TEXT NOT NULL,
    "processId" TEXT NOT NULL,
    "outcome" "ArchitectureReviewOutcome" NOT NULL,
    "notes" TEXT NOT NULL,
    "reviewerId" TEXT,
    "reviewedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArchitectureReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataDomain" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "DataDomain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Ownership" (
    "id" TEXT NOT NULL,
    "processId" TEXT,
    "dataDomainId" TEXT,
    "ownerId" TEXT,
    "stewardId" TEXT,
    "responsibilities" TEXT NOT NULL DEFAULT '',
    "attestationPeriodDays" INTEGER NOT NULL DEFAULT 180,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Ownership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attestation" (
    "id" TEXT NOT NULL,
    "ownershipId" TEXT NOT NULL,
    "signedById" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "statement" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "Attestation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "href" TEXT NOT NULL DEFAULT '',
    "dedupeKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReadinessAssessment" (
    "id" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "answers" JSONB NOT NULL,
    "score" INTEGER NOT NULL,
    "waveCapacityFte" DOUBLE PRECISION NOT NULL,
    "assessedById" TEXT,
    "assessedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReadinessAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IntegrationCandidate_name_key" ON "IntegrationCandidate"("name");

-- CreateIndex
CREATE INDEX "IntegrationCandidate_status_idx" ON "IntegrationCandidate"("status");

-- CreateIndex
CREATE INDEX "IntegrationCandidate_departmentId_idx" ON "IntegrationCandidate"("departmentId");

-- CreateIndex
CREATE INDEX "CandidateProcess_processId_idx" ON "CandidateProcess"("processId");

-- CreateIndex
CREATE INDEX "CandidateInterface_interfaceId_idx" ON "CandidateInterface"("interfaceId");

-- CreateIndex
CREATE INDEX "CandidateDependency_dependsOnId_idx" ON "CandidateDependency"("dependsOnId");

-- CreateIndex
CREATE UNIQUE INDEX "Criterion_key_key" ON "Criterion"("key");

-- CreateIndex
CREATE INDEX "WorkshopSession_status_lockedAt_idx" ON "WorkshopSession"("status", "lockedAt");

-- CreateIndex
CREATE INDEX "WorkshopSession_facilitatorId_idx" ON "WorkshopSession"("facilitatorId");

-- CreateIndex
CREATE INDEX "WorkshopParticipant_userId_idx" ON "WorkshopParticipant"("userId");

-- CreateIndex
CREATE INDEX "WorkshopScore_sessionId_candidateId_idx" ON "WorkshopScore"("sessionId", "candidateId");

-- CreateIndex
CREATE UNIQUE INDEX "WorkshopScore_sessionId_participantId_candidateId_criterion_key" ON "WorkshopScore"("sessionId", "participantId", "candidateId", "criterionKey");

-- CreateIndex
CREATE UNIQUE INDEX "GovernanceRule_name_key" ON "GovernanceRule"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ProcessDecision_processId_key" ON "ProcessDecision"("processId");

-- CreateIndex
CREATE INDEX "ArchitectureReview_processId_reviewedAt_idx" ON "ArchitectureReview"("processId", "reviewedAt");

-- CreateIndex
CREATE UNIQUE INDEX "DataDomain_key_key" ON "DataDomain"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Ownership_processId_key" ON "Ownership"("processId");

-- CreateIndex
CREATE UNIQUE INDEX "Ownership_dataDomainId_key" ON "Ownership"("dataDomainId");

-- CreateIndex
CREATE INDEX "Ownership_ownerId_idx" ON "Ownership"("ownerId");

-- CreateIndex
CREATE INDEX "Ownership_stewardId_idx" ON "Ownership"("stewardId");

-- CreateIndex
CREATE INDEX "Attestation_ownershipId_signedAt_idx" ON "Attestation"("ownershipId", "signedAt");

-- CreateIndex
CREATE INDEX "Attestation_expiresAt_idx" ON "Attestation"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReadinessAssessment_departmentId_key" ON "ReadinessAssessment"("departmentId");

-- AddForeignKey
ALTER TABLE "CandidateProcess" ADD CONSTRAINT "CandidateProcess_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "IntegrationCandidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateInterface" ADD CONSTRAINT "CandidateInterface_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "IntegrationCandidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateDependency" ADD CONSTRAINT "CandidateDependency_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "IntegrationCandidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CandidateDependency" ADD CONSTRAINT "CandidateDependency_dependsOnId_fkey" FOREIGN KEY ("dependsOnId") REFERENCES "IntegrationCandidate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopCandidate" ADD CONSTRAINT "WorkshopCandidate_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "WorkshopSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopCandidate" ADD CONSTRAINT "WorkshopCandidate_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "IntegrationCandidate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopParticipant" ADD CONSTRAINT "WorkshopParticipant_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "WorkshopSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopScore" ADD CONSTRAINT "WorkshopScore_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "WorkshopSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WorkshopScore" ADD CONSTRAINT "WorkshopScore_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "IntegrationCandidate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ownership" ADD CONSTRAINT "Ownership_dataDomainId_fkey" FOREIGN KEY ("dataDomainId") REFERENCES "DataDomain"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attestation" ADD CONSTRAINT "Attestation_ownershipId_fkey" FOREIGN KEY ("ownershipId") REFERENCES "Ownership"("id") ON DELETE CASCADE ON UPDATE CASCADE;
