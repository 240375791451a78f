-- AlterTable
ALTER TABLE "collector_state" ADD COLUMN     "best_diff_all_time" DOUBLE PRECISION,
ADD COLUMN     "best_diff_session" DOUBLE PRECISION,
ADD COLUMN     "firmware" TEXT;

-- CreateTable
CREATE TABLE "discovery_scan" (
    "id" SERIAL NOT NULL,
    "cidr" TEXT NOT NULL,
    "ports" TEXT NOT NULL,
    "protocols" TEXT NOT NULL,
    "allow_public" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'running',
    "total" INTEGER NOT NULL,
    "probed" INTEGER NOT NULL DEFAULT 0,
    "found" TEXT NOT NULL DEFAULT '[]',
    "error" TEXT,
    "tenant_id" INTEGER,
    "actor_name" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeat_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "discovery_scan_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "discovery_scan_created_at_idx" ON "discovery_scan"("created_at");
