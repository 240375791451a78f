-- CreateTable
CREATE TABLE "tenant" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "tenant_id" INTEGER,
    "disabled_at" DATETIME,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "app_user_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "user_id" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" DATETIME NOT NULL,
    "last_seen_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "ip" TEXT,
    "user_agent" TEXT,
    CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "api_token" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "display_hint" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "tenant_id" INTEGER,
    "created_by_id" INTEGER,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" DATETIME,
    "last_used_at" DATETIME,
    "revoked_at" DATETIME,
    CONSTRAINT "api_token_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "api_token_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "app_user" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ts" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" TEXT NOT NULL,
    "actor_id" INTEGER,
    "actor_name" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "details" TEXT,
    "ip" TEXT
);

-- CreateTable
CREATE TABLE "rate_limit" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "window_start" BIGINT NOT NULL,
    "count" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "site" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "location" TEXT,
    "latitude" REAL,
    "longitude" REAL,
    "power_capacity_kw" REAL NOT NULL,
    "pue" REAL NOT NULL DEFAULT 1.05,
    "contract_kind" TEXT NOT NULL DEFAULT 'fixed',
    "fixed_price_usd_per_mwh" REAL,
    "tou_schedule" TEXT,
    "spot_source" TEXT,
    "spot_adder_usd_per_mwh" REAL NOT NULL DEFAULT 0,
    "curtailable" BOOLEAN NOT NULL DEFAULT true,
    "firm_power" BOOLEAN NOT NULL DEFAULT false,
    "pool_fee_pct" REAL NOT NULL DEFAULT 2,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "rack" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "site_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "rows" INTEGER NOT NULL,
    "columns" INTEGER NOT NULL,
    CONSTRAINT "rack_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "site" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "device_model" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "vendor" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "class" TEXT NOT NULL,
    "nominal_hashrate_ths" REAL,
    "nominal_power_w" REAL NOT NULL,
    "max_temp_c" REAL NOT NULL,
    "gpu_count" INTEGER,
    "gpu_memory_gb" REAL,
    "gpu_model" TEXT,
    "power_profiles" TEXT,
    "specs_estimated" BOOLEAN NOT NULL DEFAULT false,
    "source" TEXT
);

-- CreateTable
CREATE TABLE "device" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "serial" TEXT NOT NULL,
    "mac_address" TEXT,
    "site_id" INTEGER NOT NULL,
    "model_id" INTEGER NOT NULL,
    "rack_id" INTEGER,
    "slot_row" INTEGER,
    "slot_column" INTEGER,
    "protocol" TEXT NOT NULL DEFAULT 'push',
    "host" TEXT,
    "port" INTEGER,
    "tenant_id" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'offline',
    "status_reason" TEXT,
    "status_changed_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "power_target_w" REAL,
    "notes" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "device_site_id_fkey" FOREIGN KEY ("site_id") REFERENCES "site" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "device_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "device_model" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "device_rack_id_fkey" FOREIGN KEY ("rack_id") REFERENCES "rack" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "device_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "telemetry_sample" (
    "device_id" INTEGER NOT NULL,
    "ts" BIGINT NOT NULL,
    "hashrate_ths" REAL,
    "power_w" REAL,
    "chip_temp_c" REAL,
    "board_temp_c" REAL,
    "inlet_temp_c" REAL,
    "fan_rpm" REAL,
    "accepted_shares" REAL,
    "rejected_shares" REAL,
    "hw_errors" REAL,
    "gpu_util_pct" REAL,
    "gpu_mem_used_gb" REAL,
    "gpu_temp_c" REAL,
    "status" TEXT,
    "pool_url" TEXT,

    PRIMARY KEY ("ts", "device_id")
);

-- CreateTable
CREATE TABLE "device_latest" (
    "device_id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ts" BIGINT NOT NULL,
    "hashrate_ths" REAL,
    "power_w" REAL,
    "chip_temp_c" REAL,
    "board_temp_c" REAL,
    "inlet_temp_c" REAL,
    "fan_rpm" REAL,
    "accepted_shares" REAL,
    "rejected_shares" REAL,
    "hw_errors" REAL,
    "gpu_util_pct" REAL,
    "gpu_mem_used_gb" REAL,
    "gpu_temp_c" REAL,
    "status" TEXT,
    "pool_url" TEXT
);

-- CreateTable
CREATE TABLE "telemetry_rollup_1m" (
    "device_id" INTEGER NOT NULL,
    "bucket" BIGINT NOT NULL,
    "samples" INTEGER NOT NULL,
    "hashrate_ths_sum" REAL,
    "hashrate_ths_min" REAL,
    "hashrate_ths_max" REAL,
    "hashrate_ths_n" INTEGER NOT NULL DEFAULT 0,
    "power_w_sum" REAL,
    "power_w_min" REAL,
    "power_w_max" REAL,
    "power_w_n" INTEGER NOT NULL DEFAULT 0,
    "chip_temp_c_sum" REAL,
    "chip_temp_c_min" REAL,
    "chip_temp_c_max" REAL,
    "chip_temp_c_n" INTEGER NOT NULL DEFAULT 0,
    "board_temp_c_sum" REAL,
    "board_temp_c_min" REAL,
    "board_temp_c_max" REAL,
    "board_temp_c_n" INTEGER NOT NULL DEFAULT 0,
    "inlet_temp_c_sum" REAL,
    "inlet_temp_c_min" REAL,
    "inlet_temp_c_max" REAL,
    "inlet_temp_c_n" INTEGER NOT NULL DEFAULT 0,
    "fan_rpm_sum" REAL,
    "fan_rpm_min" REAL,
    "fan_rpm_max" REAL,
    "fan_rpm_n" INTEGER NOT NULL DEFAULT 0,
    "gpu_util_pct_sum" REAL,
    "gpu_util_pct_min" REAL,
    "gpu_util_pct_max" REAL,
    "gpu_util_pct_n" INTEGER NOT NULL DEFAULT 0,
    "gpu_mem_used_gb_sum" REAL,
    "gpu_mem_used_gb_min" REAL,
    "gpu_mem_used_gb_max" REAL,
    "gpu_mem_used_gb_n" INTEGER NOT NULL DEFAULT 0,
    "gpu_temp_c_sum" REAL,
    "gpu_temp_c_min" REAL,
    "gpu_temp_c_max" REAL,
    "gpu_temp_c_n" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("device_id", "bucket")
);

-- CreateTable
CREATE TABLE "telemetry_rollup_5m" (
    "device_id" INTEGER NOT NULL,
    "bucket" BIGINT NOT NULL,
    "samples" INTEGER NOT NULL,
    "hashrate_ths_sum" REAL,
    "hashrate_ths_min" REAL,
    "hashrate_ths_max" REAL,
    "hashrate_ths_n" INTEGER NOT NULL DEFAULT 0,
    "power_w_sum" REAL,
    "power_w_min" REAL,
    "power_w_max" REAL,
    "power_w_n" INTEGER NOT NULL DEFAULT 0,
    "chip_temp_c_sum" REAL,
    "chip_temp_c_min" REAL,
    "chip_temp_c_max" REAL,
    "chip_temp_c_n" INTEGER NOT NULL DEFAULT 0,
    "board_temp_c_sum" REAL,
    "board_temp_c_min" REAL,
    "board_temp_c_max" REAL,
    "board_temp_c_n" INTEGER NOT NULL DEFAULT 0,
    "inlet_temp_c_sum" REAL,
    "inlet_temp_c_min" REAL,
    "inlet_temp_c_max" REAL,
    "inlet_temp_c_n" INTEGER NOT NULL DEFAULT 0,
    "fan_rpm_sum" REAL,
    "fan_rpm_min" REAL,
    "fan_rpm_max" REAL,
    "fan_rpm_n" INTEGER NOT NULL DEFAULT 0,
    "gpu_util_pct_sum" REAL,
    "gpu_util_pct_min" REAL,
    "gpu_util_pct_max" REAL,
    "gpu_util_pct_n" INTEGER NOT NULL DEFAULT 0,
    "gpu_mem_used_gb_sum" REAL,
    "gpu_mem_used_gb_min" REAL,
    "gpu_mem_used_gb_max" REAL,
    "gpu_mem_used_gb_n" INTEGER NOT NULL DEFAULT 0,
    "gpu_temp_c_sum" REAL,
    "gpu_temp_c_min" REAL,
    "gpu_temp_c_max" REAL,
    "gpu_temp_c_n" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("device_id", "bucket")
);

-- CreateTable
CREATE TABLE "telemetry_rollup_1h" (
    "device_id" INTEGER NOT NULL,
    "bucket" BIGINT NOT NULL,
    "samples" INTEGER NOT NULL,
    "hashrate_ths_sum" REAL,
    "hashrate_ths_min" REAL,
    "hashrate_ths_max" REAL,
    "hashrate_ths_n" INTEGER NOT NULL DEFAULT 0,
    "power_w_sum" REAL,
    "power_w_min" REAL,
    "power_w_max" REAL,
    "power_w_n" INTEGER NOT NULL DEFAULT 0,
    "chip_temp_c_sum" REAL,
    "chip_temp_c_min" REAL,
    "chip_temp_c_max" REAL,
    "chip_temp_c_n" INTEGER NOT NULL DEFAULT 0,
    "board_temp_c_sum" REAL,
    "board_temp_c_min" REAL,
    "board_temp_c_max" REAL,
    "board_temp_c_n" INTEGER NOT NULL DEFAULT 0,
    "inlet_temp_c_sum" REAL,
    "inlet_temp_c_min" REAL,
    "inlet_temp_c_max" REAL,
    "inlet_temp_c_n" INTEGER NOT NULL DEFAULT 0,
    "fan_rpm_sum" REAL,
    "fan_rpm_min" REAL,
    "fan_rpm_max" REAL,
    "fan_rpm_n" INTEGER NOT NULL DEFAULT 0,
    "gpu_util_pct_sum" REAL,
    "gpu_util_pct_min" REAL,
    "gpu_util_pct_max" REAL,
    "gpu_util_pct_n" INTEGER NOT NULL DEFAULT 0,
    "gpu_mem_used_gb_sum" REAL,
    "gpu_mem_used_gb_min" REAL,
    "gpu_mem_used_gb_max" REAL,
    "gpu_mem_used_gb_n" INTEGER NOT NULL DEFAULT 0,
    "gpu_temp_c_sum" REAL,
    "gpu_temp_c_min" REAL,
    "gpu_temp_c_max" REAL,
    "gpu_temp_c_n" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("device_id", "bucket")
);

-- CreateTable
CREATE TABLE "site_rollup" (
    "site_id" INTEGER NOT NULL,
    "tier" TEXT NOT NULL,
    "bucket" BIGINT NOT NULL,
    "buckets" INTEGER NOT NULL,
    "devices_sum" REAL NOT NULL,
    "hashrate_ths_sum" REAL NOT NULL,
    "power_w_sum" REAL NOT NULL,
    "temp_c_sum" REAL NOT NULL,
    "temp_devices_sum" REAL NOT NULL,
    "temp_c_max" REAL,
    "gpu_util_pct_sum" REAL NOT NULL,
    "gpu_devices_sum" REAL NOT NULL,

    PRIMARY KEY ("tier", "site_id", "bucket")
);

-- CreateTable
CREATE TABLE "rollup_dirty" (
    "tier" TEXT NOT NULL,
    "bucket" BIGINT NOT NULL,

    PRIMARY KEY ("tier", "bucket")
);

-- CreateTable
CREATE TABLE "device_status_change" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "device_id" INTEGER NOT NULL,
    "ts" BIGINT NOT NULL,
    "from_status" TEXT NOT NULL,
    "to_status" TEXT NOT NULL,
    "reason" TEXT
);

-- CreateTable
CREATE TABLE "market_point" (
    "series" TEXT NOT NULL,
    "ts" BIGINT NOT NULL,
    "value" REAL NOT NULL,
    "provider" TEXT NOT NULL,
    "fetched_at" BIGINT NOT NULL,

    PRIMARY KEY ("series", "ts", "provider")
);

-- CreateTable
CREATE TABLE "energy_price" (
    "site_id" INTEGER NOT NULL,
    "interval_start" BIGINT NOT NULL,
    "interval_end" BIGINT NOT NULL,
    "price_usd_per_mwh" REAL NOT NULL,
    "original_price" REAL,
    "currency" TEXT,
    "provider" TEXT NOT NULL,
    "fetched_at" BIGINT NOT NULL,

    PRIMARY KEY ("site_id", "interval_start")
);

-- CreateTable
CREATE TABLE "gpu_rate" (
    "gpu_model" TEXT NOT NULL,
    "ts" BIGINT NOT NULL,
    "usd_per_gpu_h" REAL NOT NULL,
    "provider" TEXT NOT NULL,
    "fetched_at" BIGINT NOT NULL,

    PRIMARY KEY ("gpu_model", "ts", "provider")
);

-- CreateTable
CREATE TABLE "provider_status" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "provider" TEXT NOT NULL,
    "last_ok_at" BIGINT,
    "last_error_at" BIGINT,
    "last_error" TEXT
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
