-- CreateTable
CREATE TABLE "pool_profile" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "urls" TEXT NOT NULL,
    "worker_template" TEXT NOT NULL,
    "fee_pct" REAL NOT NULL,
    "payout_scheme" TEXT NOT NULL,
    "tenant_id" INTEGER,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "pool_coverage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "pool_id" INTEGER NOT NULL,
    "scope" TEXT NOT NULL,
    "scope_id" INTEGER NOT NULL,
    "actor_name" TEXT NOT NULL,
    "created_at" BIGINT NOT NULL,
    CONSTRAINT "pool_coverage_pool_id_fkey" FOREIGN KEY ("pool_id") REFERENCES "pool_profile" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ai_job" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "tenant_id" INTEGER,
    "gpu_count" INTEGER NOT NULL,
    "gpu_model" TEXT,
    "min_gpu_memory_gb" REAL,
    "expected_hours" REAL NOT NULL,
    "price_usd_per_gpu_hour" REAL NOT NULL,
    "deadline" BIGINT,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "preemptible" BOOLEAN NOT NULL DEFAULT false,
    "checkpoint_interval_min" INTEGER,
    "multi_node" BOOLEAN NOT NULL DEFAULT false,
    "needs_firm_power" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "status_reason" TEXT,
    "executor" TEXT NOT NULL DEFAULT 'simulated',
    "progress_pct" REAL NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_at" BIGINT NOT NULL,
    "updated_at" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "job_transition" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "job_id" INTEGER NOT NULL,
    "from_status" TEXT NOT NULL,
    "to_status" TEXT NOT NULL,
    "ts" BIGINT NOT NULL,
    "actor_kind" TEXT NOT NULL,
    "actor_id" INTEGER,
    "actor_name" TEXT NOT NULL,
    "reason" TEXT,
    CONSTRAINT "job_transition_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "ai_job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "assignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "device_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "pool_id" INTEGER,
    "job_id" INTEGER,
    "power_target_w" REAL,
    "gpus" INTEGER,
    "rate_usd_per_gpu_hour" REAL,
    "utilisation_pct" REAL,
    "from_ts" BIGINT NOT NULL,
    "to_ts" BIGINT,
    "source" TEXT NOT NULL,
    "actor_kind" TEXT NOT NULL,
    "actor_id" INTEGER,
    "actor_name" TEXT NOT NULL,
    "reason" TEXT
);

-- CreateTable
CREATE TABLE "device_workload" (
    "device_id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "assignment_id" INTEGER,
    "kind" TEXT NOT NULL,
    "job_id" INTEGER,
    "pool_id" INTEGER,
    "version" INTEGER NOT NULL DEFAULT 0,
    "since_ts" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "executor_outbox" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "job_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" BIGINT NOT NULL,
    "last_error" TEXT,
    "created_at" BIGINT NOT NULL,
    "delivered_at" BIGINT,
    CONSTRAINT "executor_outbox_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "ai_job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "executor_delivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "outbox_id" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL,
    "ts" BIGINT NOT NULL,
    "url" TEXT NOT NULL,
    "status_code" INTEGER,
    "error" TEXT,
    "duration_ms" INTEGER NOT NULL,
    CONSTRAINT "executor_delivery_outbox_id_fkey" FOREIGN KEY ("outbox_id") REFERENCES "executor_outbox" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "job_event" (
    "event_id" TEXT NOT NULL PRIMARY KEY,
    "job_id" INTEGER NOT NULL,
    "received_at" BIGINT NOT NULL,
    "status" TEXT,
    "payload" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    CONSTRAINT "job_event_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "ai_job" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "gpu_rental_setting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "site_id" INTEGER,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "utilisation_pct" REAL NOT NULL DEFAULT 60,
    "min_usd_per_gpu_hour" REAL,
    "updated_at" BIGINT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "pool_profile_name_key" ON "pool_profile"("name");

-- CreateIndex
CREATE INDEX "pool_profile_tenant_id_idx" ON "pool_profile"("tenant_id");

-- CreateIndex
CREATE INDEX "pool_coverage_pool_id_idx" ON "pool_coverage"("pool_id");

-- CreateIndex
CREATE UNIQUE INDEX "pool_coverage_scope_scope_id_key" ON "pool_coverage"("scope", "scope_id");

-- CreateIndex
CREATE INDEX "ai_job_status_idx" ON "ai_job"("status");

-- CreateIndex
CREATE INDEX "ai_job_tenant_id_idx" ON "ai_job"("tenant_id");

-- CreateIndex
CREATE INDEX "job_transition_job_id_ts_idx" ON "job_transition"("job_id", "ts");

-- CreateIndex
CREATE INDEX "assignment_device_id_from_ts_idx" ON "assignment"("device_id", "from_ts");

-- CreateIndex
CREATE INDEX "assignment_job_id_idx" ON "assignment"("job_id");

-- CreateIndex
CREATE INDEX "assignment_kind_to_ts_idx" ON "assignment"("kind", "to_ts");

-- CreateIndex
CREATE INDEX "device_workload_job_id_idx" ON "device_workload"("job_id");

-- CreateIndex
CREATE INDEX "executor_outbox_status_next_attempt_at_idx" ON "executor_outbox"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "executor_outbox_job_id_idx" ON "executor_outbox"("job_id");

-- CreateIndex
CREATE INDEX "executor_delivery_outbox_id_idx" ON "executor_delivery"("outbox_id");

-- CreateIndex
CREATE INDEX "job_event_job_id_received_at_idx" ON "job_event"("job_id", "received_at");

-- CreateIndex
CREATE UNIQUE INDEX "gpu_rental_setting_site_id_key" ON "gpu_rental_setting"("site_id");
