-- CreateTable
CREATE TABLE "AggregatePart" (
    "scope" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "partKey" TEXT NOT NULL,
    "message" BYTEA NOT NULL,
    "size" INTEGER NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AggregatePart_pkey" PRIMARY KEY ("scope","groupKey","partKey")
);

-- CreateIndex
CREATE INDEX "AggregatePart_scope_receivedAt_idx" ON "AggregatePart"("scope", "receivedAt");
