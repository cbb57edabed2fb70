-- Trigram indexes below back ILIKE search over the inventory.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "SystemType" AS ENUM ('erp', 'crm', 'hris', 'scm', 'finance', 'custom', 'saas');

-- CreateEnum
CREATE TYPE "SystemHosting" AS ENUM ('on_prem', 'cloud', 'hybrid');

-- CreateEnum
CREATE TYPE "SystemCriticality" AS ENUM ('low', 'medium', 'high', 'mission_critical');

-- CreateEnum
CREATE TYPE "SystemLifecycle" AS ENUM ('plan', 'phase_in', 'active', 'phase_out', 'end_of_life');

-- CreateEnum
CREATE TYPE "InterfaceDirection" AS ENUM ('one_way', 'two_way');

-- CreateEnum
CREATE TYPE "IntegrationMechanism" AS ENUM ('manual', 'file', 'point_to_point', 'api', 'queue');

-- CreateEnum
CREATE TYPE "PayloadFormat" AS ENUM ('csv', 'json', 'xml', 'edi_x12', 'edifact', 'idoc', 'fixed_width', 'excel', 'pdf', 'other');

-- CreateEnum
CREATE TYPE "InterfaceFrequency" AS ENUM ('real_time', 'hourly', 'daily', 'weekly', 'monthly', 'on_demand');

-- CreateEnum
CREATE TYPE "PainSeverity" AS ENUM ('low', 'medium', 'high', 'critical');

-- CreateTable
CREATE TABLE "Department" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Department_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BusinessProcess" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "departmentId" TEXT NOT NULL,
    "ownerId" TEXT,
    "ownerName" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "volumePerMonth" INTEGER NOT NULL DEFAULT 0,
    "manualMinutesPerTxn" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "errorRatePct" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "cycleTimeHours" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BusinessProcess_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PainPoint" (
    "id" TEXT NOT NULL,
    "processId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "severity" "PainSeverity" NOT NULL,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "position" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PainPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "System" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "SystemType" NOT NULL,
    "vendor" TEXT NOT NULL DEFAULT '',
    "hosting" "SystemHosting" NOT NULL,
    "region" TEXT NOT NULL DEFAULT '',
    "criticality" "SystemCriticality" NOT NULL,
    "lifecycle" "SystemLifecycle" NOT NULL DEFAULT 'active',
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "System_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessSystem" (
    "processId" TEXT NOT NULL,
    "systemId" TEXT NOT NULL,

    CONSTRAINT "ProcessSystem_pkey" PRIMARY KEY ("processId","systemId")
);

-- CreateTable
CREATE TABLE "Interface" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "sourceSystemId" TEXT NOT NULL,
    "targetSystemId" TEXT NOT NULL,
    "direction" "InterfaceDirection" NOT NULL DEFAULT 'one_way',
    "mechanism" "IntegrationMechanism" NOT NULL,
    "payloadFormat" "PayloadFormat" NOT NULL,
    "frequency" "InterfaceFrequency" NOT NULL,
    "volumePerMonth" INTEGER NOT NULL DEFAULT 0,
    "description" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Interface_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Department_name_key" ON "Department"("name");

-- CreateIndex
CREATE INDEX "BusinessProcess_ownerId_idx" ON "BusinessProcess"("ownerId");

-- CreateIndex
CREATE INDEX "BusinessProcess_name_idx" ON "BusinessProcess"("name");

-- CreateIndex
CREATE INDEX "BusinessProcess_volumePerMonth_idx" ON "BusinessProcess"("volumePerMonth");

-- CreateIndex
CREATE INDEX "BusinessProcess_name_trgm_idx" ON "BusinessProcess" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "BusinessProcess_description_trgm_idx" ON "BusinessProcess" USING GIN ("description" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "BusinessProcess_departmentId_name_key" ON "BusinessProcess"("departmentId", "name");

-- CreateIndex
CREATE INDEX "PainPoint_processId_idx" ON "PainPoint"("processId");

-- CreateIndex
CREATE INDEX "PainPoint_severity_processId_idx" ON "PainPoint"("severity", "processId");

-- CreateIndex
CREATE UNIQUE INDEX "System_name_key" ON "System"("name");

-- CreateIndex
CREATE INDEX "System_type_idx" ON "System"("type");

-- CreateIndex
CREATE INDEX "System_criticality_idx" ON "System"("criticality");

-- CreateIndex
CREATE INDEX "System_name_trgm_idx" ON "System" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "System_vendor_trgm_idx" ON "System" USING GIN ("vendor" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "ProcessSystem_systemId_idx" ON "ProcessSystem"("systemId");

-- CreateIndex
CREATE INDEX "Interface_targetSystemId_idx" ON "Interface"("targetSystemId");

-- CreateIndex
CREATE INDEX "Interface_mechanism_idx" ON "Interface"("mechanism");

-- CreateIndex
CREATE INDEX "Interface_name_idx" ON "Interface"("name");

-- CreateIndex
CREATE INDEX "Interface_name_trgm_idx" ON "Interface" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "Interface_sourceSystemId_targetSystemId_name_key" ON "Interface"("sourceSystemId", "targetSystemId", "name");

-- AddForeignKey
ALTER TABLE "BusinessProcess" ADD CONSTRAINT "BusinessProcess_departmentId_fkey" FOREIGN KEY ("departmentId") REFERENCES "Department"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BusinessProcess" ADD CONSTRAINT "BusinessProcess_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PainPoint" ADD CONSTRAINT "PainPoint_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BusinessProcess"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcessSystem" ADD CONSTRAINT "ProcessSystem_processId_fkey" FOREIGN KEY ("processId") REFERENCES "BusinessProcess"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcessSystem" ADD CONSTRAINT "ProcessSystem_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "System"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interface" ADD CONSTRAINT "Interface_sourceSystemId_fkey" FOREIGN KEY ("sourceSystemId") REFERENCES "System"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interface" ADD CONSTRAINT "Interface_targetSystemId_fkey" FOREIGN KEY ("targetSystemId") REFERENCES "System"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
