-- AlterTable
ALTER TABLE "telemetry_rollup_1h" ADD COLUMN "pool_down_n" INTEGER;

-- AlterTable
ALTER TABLE "telemetry_rollup_1m" ADD COLUMN "pool_down_n" INTEGER;

-- AlterTable
ALTER TABLE "telemetry_rollup_5m" ADD COLUMN "pool_down_n" INTEGER;
