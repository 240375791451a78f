-- AlterTable
ALTER TABLE "tenant" ADD COLUMN "hosting_rate_usd_per_device_month" REAL;
ALTER TABLE "tenant" ADD COLUMN "hosting_rate_usd_per_kwh" REAL;

-- CreateTable
CREATE TABLE "device_tenant_move" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "device_id" INTEGER NOT NULL,
    "from_tenant_id" INTEGER,
    "to_tenant_id" INTEGER,
    "moved_at" BIGINT NOT NULL,
    "actor_name" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "device_tenant_move_device_id_moved_at_idx" ON "device_tenant_move"("device_id", "moved_at");
