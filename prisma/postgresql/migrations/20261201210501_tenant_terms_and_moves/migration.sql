-- AlterTable
ALTER TABLE "tenant" ADD COLUMN     "hosting_rate_usd_per_device_month" DOUBLE PRECISION,
ADD COLUMN     "hosting_rate_usd_per_kwh" DOUBLE PRECISION;

-- CreateTable
CREATE TABLE "device_tenant_move" (
    "id" SERIAL NOT NULL,
    "device_id" INTEGER NOT NULL,
    "from_tenant_id" INTEGER,
    "to_tenant_id" INTEGER,
    "moved_at" BIGINT NOT NULL,
    "actor_name" TEXT NOT NULL,

    CONSTRAINT "device_tenant_move_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "device_tenant_move_device_id_moved_at_idx" ON "device_tenant_move"("device_id", "moved_at");
