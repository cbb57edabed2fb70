-- CreateEnum
CREATE TYPE "TransportKind" AS ENUM ('postgres', 'rabbitmq');

-- AlterTable
ALTER TABLE "Flow" ADD COLUMN     "interfaceId" TEXT;

-- AlterTable
ALTER TABLE "MetricMinute" ADD COLUMN     "backlogDepth" INTEGER;

-- CreateTable
CREATE TABLE "QueueDepth" (
    "queue" TEXT NOT NULL,
    "environmentId" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "transport" "TransportKind" NOT NULL,
    "depth" INTEGER NOT NULL,
    "measuredAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QueueDepth_pkey" PRIMARY KEY ("queue","environmentId")
);

-- CreateIndex
CREATE INDEX "QueueDepth_flowId_environmentId_idx" ON "QueueDepth"("flowId", "environmentId");

-- CreateIndex
CREATE INDEX "Flow_interfaceId_idx" ON "Flow"("interfaceId");

-- AddForeignKey
ALTER TABLE "Flow" ADD CONSTRAINT "Flow_interfaceId_fkey" FOREIGN KEY ("interfaceId") REFERENCES "Interface"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueDepth" ADD CONSTRAINT "QueueDepth_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QueueDepth" ADD CONSTRAINT "QueueDepth_environmentId_fkey" FOREIGN KEY ("environmentId") REFERENCES "Environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
