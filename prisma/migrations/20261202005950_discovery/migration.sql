-- AlterTable
ALTER TABLE "collector_state" ADD COLUMN "best_diff_all_time" REAL;
ALTER TABLE "collector_state" ADD COLUMN "best_diff_session" REAL;
ALTER TABLE "collector_state" ADD COLUMN "firmware" TEXT;

-- CreateTable
CREATE TABLE "discovery_scan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeat_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" DATETIME
);

-- CreateIndex
CREATE INDEX "discovery_scan_created_at_idx" ON "discovery_scan"("created_at");
