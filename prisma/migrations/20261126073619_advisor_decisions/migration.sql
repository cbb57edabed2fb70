-- CreateEnum
CREATE TYPE "ArchitectureDecisionStatus" AS ENUM ('accepted', 'superseded');

-- CreateTable
CREATE TABLE "ArchitectureDecision" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "interfaceId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "context" TEXT NOT NULL DEFAULT '',
    "status" "ArchitectureDecisionStatus" NOT NULL DEFAULT 'accepted',
    "inputs" JSONB NOT NULL,
    "recommendation" JSONB NOT NULL,
    "architecture" TEXT NOT NULL,
    "pattern" TEXT NOT NULL,
    "deploymentModel" TEXT NOT NULL,
    "payloadFormat" TEXT NOT NULL,
    "overrideReason" TEXT NOT NULL DEFAULT '',
    "residencyFlagged" BOOLEAN NOT NULL DEFAULT false,
    "legalBasis" TEXT NOT NULL DEFAULT 'none',
    "decidedById" TEXT,
    "decidedByEmail" TEXT NOT NULL,
    "supersededAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ArchitectureDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ArchitectureDecision_number_key" ON "ArchitectureDecision"("number");

-- CreateIndex
CREATE INDEX "ArchitectureDecision_interfaceId_createdAt_idx" ON "ArchitectureDecision"("interfaceId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "ArchitectureDecision_residencyFlagged_idx" ON "ArchitectureDecision"("residencyFlagged");

-- CreateIndex
CREATE INDEX "ArchitectureDecision_createdAt_idx" ON "ArchitectureDecision"("createdAt");

-- AddForeignKey
ALTER TABLE "ArchitectureDecision" ADD CONSTRAINT "ArchitectureDecision_interfaceId_fkey" FOREIGN KEY ("interfaceId") REFERENCES "Interface"("id") ON DELETE CASCADE ON UPDATE CASCADE;
