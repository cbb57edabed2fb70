-- DropForeignKey
ALTER TABLE "MessageRun" DROP CONSTRAINT "MessageRun_deploymentId_fkey";

-- DropForeignKey
ALTER TABLE "MessageRun" DROP CONSTRAINT "MessageRun_environmentId_fkey";

-- DropForeignKey
ALTER TABLE "MessageRun" DROP CONSTRAINT "MessageRun_flowId_fkey";

-- DropForeignKey
ALTER TABLE "MessageRun" DROP CONSTRAINT "MessageRun_flowVersionId_fkey";

-- DropIndex
DROP INDEX "MessageRun_flowVersionId_idx";
