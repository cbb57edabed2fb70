-- CreateTable
CREATE TABLE "PollState" (
    "key" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "position" JSONB,
    "owner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PollState_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "PollState_flowId_idx" ON "PollState"("flowId");

-- AddForeignKey
ALTER TABLE "PollState" ADD CONSTRAINT "PollState_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
