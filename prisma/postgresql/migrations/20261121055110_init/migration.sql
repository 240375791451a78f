-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'operator', 'viewer');

-- CreateEnum
CREATE TYPE "DeviceClass" AS ENUM ('asic', 'micro', 'gpu');

-- CreateEnum
CREATE TYPE "DeviceStatus" AS ENUM ('online', 'degraded', 'offline', 'curtailed', 'maintenance');

-- CreateEnum
CREATE TYPE "Protocol" AS ENUM ('cgminer', 'axeos', 'dcgm', 'push');

-- CreateEnum
CREATE TYPE "EnergyContractKind" AS ENUM ('fixed', 'tou', 'spot');

-- CreateTable
CREATE TABLE "tenant" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "tenant_id" INTEGER,
    "disabled_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "last_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ip" TEXT,
    "user_agent" TEXT,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "display_hint" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "tenant_id" INTEGER,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3),
    "last_used_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" SERIAL NOT NULL,
    "ts" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" TEXT NOT NULL,
    "actor_id" INTEGER,
    "actor_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "details" TEXT,
    "ip" TEXT,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rate_limit" (
    "key" TEXT NOT NULL,
    "window_start" BIGINT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "rate_limit_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "site" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "location" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "power_capacity_kw" DOUBLE PRECISION NOT NULL,
    "pue" DOUBLE PRECISION NOT NULL DEFAULT 1.05,
    "contract_kind" "EnergyContractKind" NOT NULL DEFAULT 'fixed',
    "fixed_price_usd_per_mwh" DOUBLE PRECISION,
    "tou_schedule" TEXT,
    "spot_source" TEXT,
    "spot_adder_usd_per_mwh" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "curtailable" BOOLEAN NOT NULL DEFAULT true,
    "firm_power" BOOLEAN NOT NULL DEFAULT false,
    "pool_fee_pct" DOUBLE PRECISION NOT NULL DEFAULT 2,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "site_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rack" (
    "id" SERIAL NOT NULL,
    "site_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "columns" INTEGER NOT NULL,

    CONSTRAINT "rack_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "device_model" (
    "id" SERIAL NOT NULL,
    "vendor" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "class" "DeviceClass" NOT NULL,
    "nominal_hashrate_ths" DOUBLE PRECISION,
    "nominal_power_w" DOUBLE PRECISION NOT NULL,
    "max_temp_c" DOUBLE PRECISION NOT NULL,
    "gpu_count" INTEGER,
    "gpu_memory_gb" DOUBLE PRECISION,
    "gpu_model" TEXT,
    "power_profiles" TEXT,
    "specs_estimated" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT,

    CONSTRAINT "device_model_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "device" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "serial" TEXT NOT NULL,
    "mac_address" TEXT,
    "site_id" INTEGER NOT NULL,
    "model_id" INTEGER NOT NULL,
    "rack_id" INTEGER,
    "slot_row" INTEGER,
    "slot_column" INTEGER,
    "protocol" "Protocol" NOT NULL DEFAULT 'push',
    "host" TEXT,
    "port" INTEGER,
    "tenant_id" INTEGER,
    "status" "DeviceStatus" NOT NULL DEFAULT 'offline',
    "status_reason" TEXT,
    "status_changed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "power_target_w" DOUBLE PRECISION,
    "notes" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "device_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "telemetry_sample" (
    "device_id" INTEGER NOT NULL,
    "ts" BIGINT NOT NULL,
    "hashrate_ths" DOUBLE PRECISION,
    "power_w" DOUBLE PRECISION,
    "chip_temp_c" DOUBLE PRECISION,
    "board_temp_c" DOUBLE PRECISION,
    "inlet_temp_c" DOUBLE PRECISION,
    "fan_rpm" DOUBLE PRECISION,
    "accepted_shares" DOUBLE PRECISION,
    "rejected_shares" DOUBLE PRECISION,
    "hw_errors" DOUBLE PRECISION,
    "gpu_util_pct" DOUBLE PRECISION,
    "gpu_mem_used_gb" DOUBLE PRECISION,
    "gpu_temp_c" DOUBLE PRECISION,
    "status" TEXT,
    "pool_url" TEXT,

    CONSTRAINT "telemetry_sample_pkey" PRIMARY KEY ("ts","device_id")
);

-- CreateTable
CREATE TABLE "device_latest" (
    "device_id" INTEGER NOT NULL,
    "ts" BIGINT NOT NULL,
    "hashrate_ths" DOUBLE PRECISION,
    "power_w" DOUBLE PRECISION,
    "chip_temp_c" DOUBLE PRECISION,
    "board_temp_c" DOUBLE PRECISION,
    "inlet_temp_c" DOUBLE PRECISION,
    "fan_rpm" DOUBLE PRECISION,
    "accepted_shares" DOUBLE PRECISION,
    "rejected_shares" DOUBLE PRECISION,
    "hw_errors" DOUBLE PRECISION,
    "gpu_util_pct" DOUBLE PRECISION,
    "gpu_mem_used_gb" DOUBLE PRECISION,
    "gpu_temp_c" DOUBLE PRECISION,
    "status" TEXT,
    "pool_url" TEXT,

    CONSTRAINT "device_latest_pkey" PRIMARY KEY ("device_id")
);

-- CreateTable
CREATE TABLE "telemetry_rollup_1m" (
    "device_id" INTEGER NOT NULL,
    "bucket" BIGINT NOT NULL,
    "samples" INTEGER NOT NULL,
    "hashrate_ths_sum" DOUBLE PRECISION,
    "hashrate_ths_min" DOUBLE PRECISION,
    "hashrate_ths_max" DOUBLE PRECISION,
    "hashrate_ths_n" INTEGER NOT NULL DEFAULT 0,
    "power_w_sum" DOUBLE PRECISION,
    "power_w_min" DOUBLE PRECISION,
    "power_w_max" DOUBLE PRECISION,
    "power_w_n" INTEGER NOT NULL DEFAULT 0,
    "chip_temp_c_sum" DOUBLE PRECISION,
    "chip_temp_c_min" DOUBLE PRECISION,
    "chip_temp_c_max" DOUBLE PRECISION,
    "chip_temp_c_n" INTEGER NOT NULL DEFAULT 0,
    "board_temp_c_sum" DOUBLE PRECISION,
    "board_temp_c_min" DOUBLE PRECISION,
    "board_temp_c_max" DOUBLE PRECISION,
    "board_temp_c_n" INTEGER NOT NULL DEFAULT 0,
    "inlet_temp_c_sum" DOUBLE PRECISION,
    "inlet_temp_c_min" DOUBLE PRECISION,
    "inlet_temp_c_max" DOUBLE PRECISION,
    "inlet_temp_c_n" INTEGER NOT NULL DEFAULT 0,
    "fan_rpm_sum" DOUBLE PRECISION,
    "fan_rpm_min" DOUBLE PRECISION,
    "fan_rpm_max" DOUBLE PRECISION,
    "fan_rpm_n" INTEGER NOT NULL DEFAULT 0,
    "gpu_util_pct_sum" DOUBLE PRECISION,
    "gpu_util_pct_min" DOUBLE PRECISION,
    "gpu_util_pct_max" DOUBLE PRECISION,
    "gpu_util_pct_n" INTEGER NOT NULL DEFAULT 0,
    "gpu_mem_used_gb_sum" DOUBLE PRECISION,
    "gpu_mem_used_gb_min" DOUBLE PRECISION,
    "gpu_mem_used_gb_max" DOUBLE PRECISION,
    "gpu_mem_used_gb_n" INTEGER NOT NULL DEFAULT 0,
    "gpu_temp_c_sum" DOUBLE PRECISION,
    "gpu_temp_c_min" DOUBLE PRECISION,
    "gpu_temp_c_max" DOUBLE PRECISION,
    "gpu_temp_c_n" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "telemetry_rollup_1m_pkey" PRIMARY KEY ("device_id","bucket")
);

-- CreateTable
CREATE TABLE "telemetry_rollup_5m" (
    "device_id" INTEGER NOT NULL,
    "bucket" BIGINT NOT NULL,
    "samples" INTEGER NOT NULL,
    "hashrate_ths_sum" DOUBLE PRECISION,
    "hashrate_ths_min" DOUBLE PRECISION,
    "hashrate_ths_max" DOUBLE PRECISION,
    "hashrate_ths_n" INTEGER NOT NULL DEFAULT 0,
    "power_w_sum" DOUBLE PRECISION,
    "power_w_min" DOUBLE PRECISION,
    "power_w_max" DOUBLE PRECISION,
    "power_w_n" INTEGER NOT NULL DEFAULT 0,
    "chip_temp_c_sum" DOUBLE PRECISION,
    "chip_temp_c_min" DOUBLE PRECISION,
    "chip_temp_c_max" DOUBLE PRECISION,
    "chip_temp_c_n" INTEGER NOT NULL DEFAULT 0,
    "board_temp_c_sum" DOUBLE PRECISION,
    "board_temp_c_min" DOUBLE PRECISION,
    "board_temp_c_max" DOUBLE PRECISION,
    "board_temp_c_n" INTEGER NOT NULL DEFAULT 0,
    "inlet_temp_c_sum" DOUBLE PRECISION,
    "inlet_temp_c_min" DOUBLE PRECISION,
    "inlet_temp_c_max" DOUBLE PRECISION,
    "inlet_temp_c_n" INTEGER NOT NULL DEFAULT 0,
    "fan_rpm_sum" DOUBLE PRECISION,
    "fan_rpm_min" DOUBLE PRECISION,
    "fan_rpm_max" DOUBLE PRECISION,
    "fan_rpm_n" INTEGER NOT NULL DEFAULT 0,
    "gpu_util_pct_sum" DOUBLE PRECISION,
    "gpu_util_pct_min" DOUBLE PRECISION,
    "gpu_util_pct_max" DOUBLE PRECISION,
    "gpu_util_pct_n" INTEGER NOT NULL DEFAULT 0,
    "gpu_mem_used_gb_sum" DOUBLE PRECISION,
    "gpu_mem_used_gb_min" DOUBLE PRECISION,
    "gpu_mem_used_gb_max" DOUBLE PRECISION,
    "gpu_mem_used_gb_n" INTEGER NOT NULL DEFAULT 0,
    "gpu_temp_c_sum" DOUBLE PRECISION,
    "gpu_temp_c_min" DOUBLE PRECISION,
    "gpu_temp_c_max" DOUBLE PRECISION,
    "gpu_temp_c_n" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "telemetry_rollup_5m_pkey" PRIMARY KEY ("device_id","bucket")
);

-- CreateTable
CREATE TABLE "telemetry_rollup_1h" (
    "device_id" INTEGER NOT NULL,
    "bucket" BIGINT NOT NULL,
    "samples" INTEGER NOT NULL,
    "hashrate_ths_sum" DOUBLE PRECISION,
    "hashrate_ths_min" DOUBLE PRECISION,
    "hashrate_ths_max" DOUBLE PRECISION,
    "hashrate_ths_n" INTEGER NOT NULL DEFAULT 0,
    "power_w_sum" DOUBLE PRECISION,
    "power_w_min" DOUBLE PRECISION,
    "power_w_max" DOUBLE PRECISION,
    "power_w_n" INTEGER NOT NULL DEFAULT 0,
    "chip_temp_c_sum" DOUBLE PRECISION,
    "chip_temp_c_min" DOUBLE PRECISION,
    "chip_temp_c_max" DOUBLE PRECISION,
    "chip_temp_c_n" INTEGER NOT NULL DEFAULT 0,
    "board_temp_c_sum" DOUBLE PRECISION,
    "board_temp_c_min" DOUBLE PRECISION,
    "board_temp_c_max" DOUBLE PRECISION,
    "board_temp_c_n" INTEGER NOT NULL DEFAULT 0,
    "inlet_temp_c_sum" DOUBLE PRECISION,
    "inlet_temp_c_min" DOUBLE PRECISION,
    "inlet_temp_c_max" DOUBLE PRECISION,
    "inlet_temp_c_n" INTEGER NOT NULL DEFAULT 0,
    "fan_rpm_sum" DOUBLE PRECISION,
    "fan_rpm_min" DOUBLE PRECISION,
    "fan_rpm_max" DOUBLE PRECISION,
    "fan_rpm_n" INTEGER NOT NULL DEFAULT 0,
    "gpu_util_pct_sum" DOUBLE PRECISION,
    "gpu_util_pct_min" DOUBLE PRECISION,
    "gpu_util_pct_max" DOUBLE PRECISION,
    "gpu_util_pct_n" INTEGER NOT NULL DEFAULT 0,
    "gpu_mem_used_gb_sum" DOUBLE PRECISION,
    "gpu_mem_used_gb_min" DOUBLE PRECISION,
    "gpu_mem_used_gb_max" DOUBLE PRECISION,
    "gpu_mem_used_gb_n" INTEGER NOT NULL DEFAULT 0,
    "gpu_temp_c_sum" DOUBLE PRECISION,
    "gpu_temp_c_min" DOUBLE PRECISION,
    "gpu_temp_c_max" DOUBLE PRECISION,
    "gpu_temp_c_n" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "telemetry_rollup_1h_pkey" PRIMARY KEY ("device_id","bucket")
);

-- CreateTable
CREATE TABLE "site_rollup" (
    "site_id" INTEGER NOT NULL,
    "tier" TEXT NOT NULL,
    "bucket" BIGINT NOT NULL,
    "buckets" INTEGER NOT NULL,
    "devices_sum" DOUBLE PRECISION NOT NULL,
    "hashrate_ths_sum" DOUBLE PRECISION NOT NULL,
    "power_w_sum" DOUBLE PRECISION NOT NULL,
    "temp_c_sum" DOUBLE PRECISION NOT NULL,
    "temp_devices_sum" DOUBLE PRECISION NOT NULL,
    "temp_c_max" DOUBLE PRECISION,
    "gpu_util_pct_sum" DOUBLE PRECISION NOT NULL,
    "gpu_devices_sum" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "site_rollup_pkey" PRIMARY KEY ("tier","site_id","bucket")
);

-- CreateTable
CREATE TABLE "rollup_dirty" (
    "tier" TEXT NOT NULL,
    "bucket" BIGINT NOT NULL,

    CONSTRAINT "rollup_dirty_pkey" PRIMARY KEY ("tier","bucket")
);

-- CreateTable
CREATE TABLE "device_status_change" (
    "id" SERIAL NOT NULL,
    "device_id" INTEGER NOT NULL,
    "ts" BIGINT NOT NULL,
    "from_status" "DeviceStatus" NOT NULL,
    "to_status" "DeviceStatus" NOT NULL,
    "reason" TEXT,

    CONSTRAINT "device_status_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "market_point" (
    "series" TEXT NOT NULL,
    "ts" BIGINT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "provider" TEXT NOT NULL,
    "fetched_at" BIGINT NOT NULL,

    CONSTRAINT "market_point_pkey" PRIMARY KEY ("series","ts","provider")
);

-- CreateTable
CREATE TABLE "energy_price" (
    "site_id" INTEGER NOT NULL,
    "interval_start" BIGINT NOT NULL,
    "interval_end" BIGINT NOT NULL,
    "price_usd_per_mwh" DOUBLE PRECISION NOT NULL,
    "original_price" DOUBLE PRECISION,
    "currency" TEXT,
    "provider" TEXT NOT NULL,
    "fetched_at" BIGINT NOT NULL,

    CONSTRAINT "energy_price_pkey" PRIMARY KEY ("site_id","interval_start")
);

-- CreateTable
CREATE TABLE "gpu_rate" (
    "gpu_model" TEXT NOT NULL,
    "ts" BIGINT NOT NULL,
    "usd_per_gpu_h" DOUBLE PRECISION NOT NULL,
    "provider" TEXT NOT NULL,
    "fetched_at" BIGINT NOT NULL,

    CONSTRAINT "gpu_rate_pkey" PRIMARY KEY ("gpu_model","ts","provider")
);

-- CreateTable
CREATE TABLE "provider_status" (
    "key" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "last_ok_at" BIGINT,
    "last_error_at" BIGINT,
    "last_error" TEXT,

    CONSTRAINT "provider_status_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenant_name_key" ON "tenant"("name");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE INDEX "session_user_id_idx" ON "session"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");

-- CreateIndex
CREATE INDEX "audit_event_ts_idx" ON "audit_event"("ts");

-- CreateIndex
CREATE UNIQUE INDEX "site_name_key" ON "site"("name");

-- CreateIndex
CREATE UNIQUE INDEX "rack_site_id_name_key" ON "rack"("site_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "device_model_vendor_model_key" ON "device_model"("vendor", "model");

-- CreateIndex
CREATE UNIQUE INDEX "device_serial_key" ON "device"("serial");

-- CreateIndex
CREATE UNIQUE INDEX "device_mac_address_key" ON "device"("mac_address");

-- CreateIndex
CREATE INDEX "device_site_id_status_idx" ON "device"("site_id", "status");

-- CreateIndex
CREATE INDEX "device_status_idx" ON "device"("status");

-- CreateIndex
CREATE INDEX "device_model_id_idx" ON "device"("model_id");

-- CreateIndex
CREATE UNIQUE INDEX "device_rack_id_slot_row_slot_column_key" ON "device"("rack_id", "slot_row", "slot_column");

-- CreateIndex
CREATE INDEX "telemetry_rollup_1m_bucket_idx" ON "telemetry_rollup_1m"("bucket");

-- CreateIndex
CREATE INDEX "telemetry_rollup_5m_bucket_idx" ON "telemetry_rollup_5m"("bucket");

-- CreateIndex
CREATE INDEX "telemetry_rollup_1h_bucket_idx" ON "telemetry_rollup_1h"("bucket");

-- CreateIndex
CREATE INDEX "device_status_change_device_id_ts_idx" ON "device_status_change"("device_id", "ts");

-- CreateIndex
CREATE INDEX "device_status_change_ts_idx" ON "device_status_change"("ts");

-- CreateIndex
CREATE INDEX "market_point_series_ts_idx" ON "market_point"("series", "ts");

-- AddForeignKey
ALTER TABLE "app_user" ADD CONSTRAINT "app_user_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rack" ADD CONSTRAINT "rack_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "device" ADD CONSTRAINT "device_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "device" ADD CONSTRAINT "device_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "device_model"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "device" ADD CONSTRAINT "device_rack_id_fkey" FOREIGN KEY ("rack_id") REFERENCES "rack"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "device" ADD CONSTRAINT "device_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE SET NULL ON UPDATE CASCADE;
