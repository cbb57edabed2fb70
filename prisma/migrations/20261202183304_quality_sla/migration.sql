-- CreateTable
CREATE TABLE "QualitySla" (
    "id" TEXT NOT NULL,
    "interfaceId" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "freshnessMaxAgeMinutes" INTEGER,
    "accuracyTargetPct" DOUBLE PRECISION,
    "compliancePct" DOUBLE PRECISION NOT NULL DEFAULT 99,
    "budgetPeriodDays" INTEGER NOT NULL DEFAULT 30,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdBy" TEXT NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QualitySla_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QualitySlaSample" (
    "id" TEXT NOT NULL,
    "slaId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "windowMinutes" INTEGER NOT NULL,
    "freshnessAgeSeconds" INTEGER,
    "freshnessMet" BOOLEAN,
    "received" INTEGER NOT NULL DEFAULT 0,
    "delivered" INTEGER NOT NULL DEFAULT 0,
    "filtered" INTEGER NOT NULL DEFAULT 0,
    "validationChecked" INTEGER NOT NULL DEFAULT 0,
    "validationFailed" INTEGER NOT NULL DEFAULT 0,
    "accuracyPct" DOUBLE PRECISION,
    "accuracyMet" BOOLEAN,
    "met" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QualitySlaSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QualitySlaBreach" (
    "id" TEXT NOT NULL,
    "slaId" TEXT NOT NULL,
    "objective" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "target" DOUBLE PRECISION NOT NULL,
    "worstValue" DOUBLE PRECISION NOT NULL,
    "alertId" TEXT,
    "detail" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QualitySlaBreach_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QualitySla_environmentId_idx" ON "QualitySla"("environmentId");

-- CreateIndex
CREATE UNIQUE INDEX "QualitySla_interfaceId_environmentId_key" ON "QualitySla"("interfaceId", "environmentId");

-- CreateIndex
CREATE INDEX "QualitySlaSample_at_idx" ON "QualitySlaSample"("at");

-- CreateIndex
CREATE UNIQUE INDEX "QualitySlaSample_slaId_at_key" ON "QualitySlaSample"("slaId", "at");

-- CreateIndex
CREATE INDEX "QualitySlaBreach_slaId_startedAt_idx" ON "QualitySlaBreach"("slaId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "QualitySlaBreach_endedAt_idx" ON "QualitySlaBreach"("endedAt");

-- CreateIndex
CREATE INDEX "QualitySlaBreach_startedAt_idx" ON "QualitySlaBreach"("startedAt");

-- AddForeignKey
ALTER TABLE "QualitySlaSample" ADD CONSTRAINT "QualitySlaSample_slaId_fkey" FOREIGN KEY ("slaId") REFERENCES "QualitySla"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QualitySlaBreach" ADD CONSTRAINT "QualitySlaBreach_slaId_fkey" FOREIGN KEY ("slaId") REFERENCES "QualitySla"("id") ON DELETE CASCADE ON UPDATE CASCADE;
