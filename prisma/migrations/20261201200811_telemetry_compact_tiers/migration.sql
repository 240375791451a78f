-- Compact telemetry tiers (lib/telemetry/rollup-columns.ts, docs/architecture.md):
-- device rollups keep one mean per metric (fixed-point integers where the metric allows), the
-- sample count, per-metric counts only where they differ from it, and the two maxima charts
-- draw. Sums, minima and the other maxima go. Every bucket is carried over: mean = sum / n of
-- the old row, rounded to the stored precision (0.1 W, 0.01 °C, 1 rpm, 0.1 %, 0.01 GB).
-- The bucket indexes go (jobs reach rows through device ids).

-- SQLite: raw and device rollup tables become WITHOUT ROWID (the key is the table: one B-tree
-- per table instead of two). Prisma's schema language cannot express it, so it lives here.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_telemetry_sample" (
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
) WITHOUT ROWID;
INSERT INTO "new_telemetry_sample" SELECT "device_id", "ts", "hashrate_ths", "power_w", "chip_temp_c", "board_temp_c", "inlet_temp_c", "fan_rpm", "accepted_shares", "rejected_shares", "hw_errors", "gpu_util_pct", "gpu_mem_used_gb", "gpu_temp_c", "status", "pool_url" FROM "telemetry_sample" ORDER BY "ts", "device_id";
DROP TABLE "telemetry_sample";
ALTER TABLE "new_telemetry_sample" RENAME TO "telemetry_sample";

CREATE TABLE "new_telemetry_rollup_1m" (
    "bucket" BIGINT NOT NULL,
    "hashrate_ths" REAL,
    "device_id" INTEGER NOT NULL,
    "samples" INTEGER NOT NULL,
    "power_w_x10" INTEGER,
    "chip_temp_c_x100" INTEGER,
    "board_temp_c_x100" INTEGER,
    "inlet_temp_c_x100" INTEGER,
    "fan_rpm" INTEGER,
    "gpu_util_pct_x10" INTEGER,
    "gpu_mem_used_gb_x100" INTEGER,
    "gpu_temp_c_x100" INTEGER,
    "chip_temp_c_max_x100" INTEGER,
    "gpu_temp_c_max_x100" INTEGER,
    "hashrate_ths_n" INTEGER,
    "power_w_n" INTEGER,
    "chip_temp_c_n" INTEGER,
    "board_temp_c_n" INTEGER,
    "inlet_temp_c_n" INTEGER,
    "fan_rpm_n" INTEGER,
    "gpu_util_pct_n" INTEGER,
    "gpu_mem_used_gb_n" INTEGER,
    "gpu_temp_c_n" INTEGER,

    PRIMARY KEY ("device_id", "bucket")
) WITHOUT ROWID;
INSERT INTO "new_telemetry_rollup_1m" ("bucket", "hashrate_ths", "device_id", "samples", "power_w_x10", "chip_temp_c_x100", "board_temp_c_x100", "inlet_temp_c_x100", "fan_rpm", "gpu_util_pct_x10", "gpu_mem_used_gb_x100", "gpu_temp_c_x100", "chip_temp_c_max_x100", "gpu_temp_c_max_x100", "hashrate_ths_n", "power_w_n", "chip_temp_c_n", "board_temp_c_n", "inlet_temp_c_n", "fan_rpm_n", "gpu_util_pct_n", "gpu_mem_used_gb_n", "gpu_temp_c_n")
SELECT "bucket",
       "hashrate_ths_sum" / NULLIF("hashrate_ths_n", 0),
       "device_id",
       "samples",
       CAST(ROUND("power_w_sum" * 10 / NULLIF("power_w_n", 0)) AS INTEGER),
       CAST(ROUND("chip_temp_c_sum" * 100 / NULLIF("chip_temp_c_n", 0)) AS INTEGER),
       CAST(ROUND("board_temp_c_sum" * 100 / NULLIF("board_temp_c_n", 0)) AS INTEGER),
       CAST(ROUND("inlet_temp_c_sum" * 100 / NULLIF("inlet_temp_c_n", 0)) AS INTEGER),
       CAST(ROUND("fan_rpm_sum" * 1 / NULLIF("fan_rpm_n", 0)) AS INTEGER),
       CAST(ROUND("gpu_util_pct_sum" * 10 / NULLIF("gpu_util_pct_n", 0)) AS INTEGER),
       CAST(ROUND("gpu_mem_used_gb_sum" * 100 / NULLIF("gpu_mem_used_gb_n", 0)) AS INTEGER),
       CAST(ROUND("gpu_temp_c_sum" * 100 / NULLIF("gpu_temp_c_n", 0)) AS INTEGER),
       CAST(ROUND("chip_temp_c_max" * 100) AS INTEGER),
       CAST(ROUND("gpu_temp_c_max" * 100) AS INTEGER),
       CASE WHEN "hashrate_ths_n" IN (0, "samples") THEN NULL ELSE "hashrate_ths_n" END,
       CASE WHEN "power_w_n" IN (0, "samples") THEN NULL ELSE "power_w_n" END,
       CASE WHEN "chip_temp_c_n" IN (0, "samples") THEN NULL ELSE "chip_temp_c_n" END,
       CASE WHEN "board_temp_c_n" IN (0, "samples") THEN NULL ELSE "board_temp_c_n" END,
       CASE WHEN "inlet_temp_c_n" IN (0, "samples") THEN NULL ELSE "inlet_temp_c_n" END,
       CASE WHEN "fan_rpm_n" IN (0, "samples") THEN NULL ELSE "fan_rpm_n" END,
       CASE WHEN "gpu_util_pct_n" IN (0, "samples") THEN NULL ELSE "gpu_util_pct_n" END,
       CASE WHEN "gpu_mem_used_gb_n" IN (0, "samples") THEN NULL ELSE "gpu_mem_used_gb_n" END,
       CASE WHEN "gpu_temp_c_n" IN (0, "samples") THEN NULL ELSE "gpu_temp_c_n" END
FROM "telemetry_rollup_1m" ORDER BY "device_id", "bucket";
DROP TABLE "telemetry_rollup_1m";
ALTER TABLE "new_telemetry_rollup_1m" RENAME TO "telemetry_rollup_1m";

CREATE TABLE "new_telemetry_rollup_5m" (
    "bucket" BIGINT NOT NULL,
    "hashrate_ths" REAL,
    "device_id" INTEGER NOT NULL,
    "samples" INTEGER NOT NULL,
    "power_w_x10" INTEGER,
    "chip_temp_c_x100" INTEGER,
    "board_temp_c_x100" INTEGER,
    "inlet_temp_c_x100" INTEGER,
    "fan_rpm" INTEGER,
    "gpu_util_pct_x10" INTEGER,
    "gpu_mem_used_gb_x100" INTEGER,
    "gpu_temp_c_x100" INTEGER,
    "chip_temp_c_max_x100" INTEGER,
    "gpu_temp_c_max_x100" INTEGER,
    "hashrate_ths_n" INTEGER,
    "power_w_n" INTEGER,
    "chip_temp_c_n" INTEGER,
    "board_temp_c_n" INTEGER,
    "inlet_temp_c_n" INTEGER,
    "fan_rpm_n" INTEGER,
    "gpu_util_pct_n" INTEGER,
    "gpu_mem_used_gb_n" INTEGER,
    "gpu_temp_c_n" INTEGER,

    PRIMARY KEY ("device_id", "bucket")
) WITHOUT ROWID;
INSERT INTO "new_telemetry_rollup_5m" ("bucket", "hashrate_ths", "device_id", "samples", "power_w_x10", "chip_temp_c_x100", "board_temp_c_x100", "inlet_temp_c_x100", "fan_rpm", "gpu_util_pct_x10", "gpu_mem_used_gb_x100", "gpu_temp_c_x100", "chip_temp_c_max_x100", "gpu_temp_c_max_x100", "hashrate_ths_n", "power_w_n", "chip_temp_c_n", "board_temp_c_n", "inlet_temp_c_n", "fan_rpm_n", "gpu_util_pct_n", "gpu_mem_used_gb_n", "gpu_temp_c_n")
SELECT "bucket",
       "hashrate_ths_sum" / NULLIF("hashrate_ths_n", 0),
       "device_id",
       "samples",
       CAST(ROUND("power_w_sum" * 10 / NULLIF("power_w_n", 0)) AS INTEGER),
       CAST(ROUND("chip_temp_c_sum" * 100 / NULLIF("chip_temp_c_n", 0)) AS INTEGER),
       CAST(ROUND("board_temp_c_sum" * 100 / NULLIF("board_temp_c_n", 0)) AS INTEGER),
       CAST(ROUND("inlet_temp_c_sum" * 100 / NULLIF("inlet_temp_c_n", 0)) AS INTEGER),
       CAST(ROUND("fan_rpm_sum" * 1 / NULLIF("fan_rpm_n", 0)) AS INTEGER),
       CAST(ROUND("gpu_util_pct_sum" * 10 / NULLIF("gpu_util_pct_n", 0)) AS INTEGER),
       CAST(ROUND("gpu_mem_used_gb_sum" * 100 / NULLIF("gpu_mem_used_gb_n", 0)) AS INTEGER),
       CAST(ROUND("gpu_temp_c_sum" * 100 / NULLIF("gpu_temp_c_n", 0)) AS INTEGER),
       CAST(ROUND("chip_temp_c_max" * 100) AS INTEGER),
       CAST(ROUND("gpu_temp_c_max" * 100) AS INTEGER),
       CASE WHEN "hashrate_ths_n" IN (0, "samples") THEN NULL ELSE "hashrate_ths_n" END,
       CASE WHEN "power_w_n" IN (0, "samples") THEN NULL ELSE "power_w_n" END,
       CASE WHEN "chip_temp_c_n" IN (0, "samples") THEN NULL ELSE "chip_temp_c_n" END,
       CASE WHEN "board_temp_c_n" IN (0, "samples") THEN NULL ELSE "board_temp_c_n" END,
       CASE WHEN "inlet_temp_c_n" IN (0, "samples") THEN NULL ELSE "inlet_temp_c_n" END,
       CASE WHEN "fan_rpm_n" IN (0, "samples") THEN NULL ELSE "fan_rpm_n" END,
       CASE WHEN "gpu_util_pct_n" IN (0, "samples") THEN NULL ELSE "gpu_util_pct_n" END,
       CASE WHEN "gpu_mem_used_gb_n" IN (0, "samples") THEN NULL ELSE "gpu_mem_used_gb_n" END,
       CASE WHEN "gpu_temp_c_n" IN (0, "samples") THEN NULL ELSE "gpu_temp_c_n" END
FROM "telemetry_rollup_5m" ORDER BY "device_id", "bucket";
DROP TABLE "telemetry_rollup_5m";
ALTER TABLE "new_telemetry_rollup_5m" RENAME TO "telemetry_rollup_5m";

CREATE TABLE "new_telemetry_rollup_1h" (
    "bucket" BIGINT NOT NULL,
    "hashrate_ths" REAL,
    "device_id" INTEGER NOT NULL,
    "samples" INTEGER NOT NULL,
    "power_w_x10" INTEGER,
    "chip_temp_c_x100" INTEGER,
    "board_temp_c_x100" INTEGER,
    "inlet_temp_c_x100" INTEGER,
    "fan_rpm" INTEGER,
    "gpu_util_pct_x10" INTEGER,
    "gpu_mem_used_gb_x100" INTEGER,
    "gpu_temp_c_x100" INTEGER,
    "chip_temp_c_max_x100" INTEGER,
    "gpu_temp_c_max_x100" INTEGER,
    "hashrate_ths_n" INTEGER,
    "power_w_n" INTEGER,
    "chip_temp_c_n" INTEGER,
    "board_temp_c_n" INTEGER,
    "inlet_temp_c_n" INTEGER,
    "fan_rpm_n" INTEGER,
    "gpu_util_pct_n" INTEGER,
    "gpu_mem_used_gb_n" INTEGER,
    "gpu_temp_c_n" INTEGER,

    PRIMARY KEY ("device_id", "bucket")
) WITHOUT ROWID;
INSERT INTO "new_telemetry_rollup_1h" ("bucket", "hashrate_ths", "device_id", "samples", "power_w_x10", "chip_temp_c_x100", "board_temp_c_x100", "inlet_temp_c_x100", "fan_rpm", "gpu_util_pct_x10", "gpu_mem_used_gb_x100", "gpu_temp_c_x100", "chip_temp_c_max_x100", "gpu_temp_c_max_x100", "hashrate_ths_n", "power_w_n", "chip_temp_c_n", "board_temp_c_n", "inlet_temp_c_n", "fan_rpm_n", "gpu_util_pct_n", "gpu_mem_used_gb_n", "gpu_temp_c_n")
SELECT "bucket",
       "hashrate_ths_sum" / NULLIF("hashrate_ths_n", 0),
       "device_id",
       "samples",
       CAST(ROUND("power_w_sum" * 10 / NULLIF("power_w_n", 0)) AS INTEGER),
       CAST(ROUND("chip_temp_c_sum" * 100 / NULLIF("chip_temp_c_n", 0)) AS INTEGER),
       CAST(ROUND("board_temp_c_sum" * 100 / NULLIF("board_temp_c_n", 0)) AS INTEGER),
       CAST(ROUND("inlet_temp_c_sum" * 100 / NULLIF("inlet_temp_c_n", 0)) AS INTEGER),
       CAST(ROUND("fan_rpm_sum" * 1 / NULLIF("fan_rpm_n", 0)) AS INTEGER),
       CAST(ROUND("gpu_util_pct_sum" * 10 / NULLIF("gpu_util_pct_n", 0)) AS INTEGER),
       CAST(ROUND("gpu_mem_used_gb_sum" * 100 / NULLIF("gpu_mem_used_gb_n", 0)) AS INTEGER),
       CAST(ROUND("gpu_temp_c_sum" * 100 / NULLIF("gpu_temp_c_n", 0)) AS INTEGER),
       CAST(ROUND("chip_temp_c_max" * 100) AS INTEGER),
       CAST(ROUND("gpu_temp_c_max" * 100) AS INTEGER),
       CASE WHEN "hashrate_ths_n" IN (0, "samples") THEN NULL ELSE "hashrate_ths_n" END,
       CASE WHEN "power_w_n" IN (0, "samples") THEN NULL ELSE "power_w_n" END,
       CASE WHEN "chip_temp_c_n" IN (0, "samples") THEN NULL ELSE "chip_temp_c_n" END,
       CASE WHEN "board_temp_c_n" IN (0, "samples") THEN NULL ELSE "board_temp_c_n" END,
       CASE WHEN "inlet_temp_c_n" IN (0, "samples") THEN NULL ELSE "inlet_temp_c_n" END,
       CASE WHEN "fan_rpm_n" IN (0, "samples") THEN NULL ELSE "fan_rpm_n" END,
       CASE WHEN "gpu_util_pct_n" IN (0, "samples") THEN NULL ELSE "gpu_util_pct_n" END,
       CASE WHEN "gpu_mem_used_gb_n" IN (0, "samples") THEN NULL ELSE "gpu_mem_used_gb_n" END,
       CASE WHEN "gpu_temp_c_n" IN (0, "samples") THEN NULL ELSE "gpu_temp_c_n" END
FROM "telemetry_rollup_1h" ORDER BY "device_id", "bucket";
DROP TABLE "telemetry_rollup_1h";
ALTER TABLE "new_telemetry_rollup_1h" RENAME TO "telemetry_rollup_1h";

PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
