-- CreateEnum
CREATE TYPE "LineageLevel" AS ENUM ('full', 'sampled', 'errors');

-- AlterTable
ALTER TABLE "MessageRun" ADD COLUMN     "lineageLevel" "LineageLevel" NOT NULL DEFAULT 'full';
