-- CreateTable
CREATE TABLE "allocation_plan" (
    "id" SERIAL NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "source" TEXT NOT NULL DEFAULT 'manual',
    "created_at" BIGINT NOT NULL,
    "created_by" TEXT NOT NULL,
    "actor_kind" TEXT NOT NULL,
    "actor_id" INTEGER,
    "horizon_h" DOUBLE PRECISION NOT NULL,
    "interval_min" INTEGER NOT NULL,
    "solver" TEXT NOT NULL,
    "gap_pct" DOUBLE PRECISION,
    "site_ids" TEXT NOT NULL,
    "request" TEXT,
    "inputs" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "expected_profit_usd" DOUBLE PRECISION NOT NULL,
    "changed_devices" INTEGER NOT NULL,
    "applied_at" BIGINT,
    "applied_by" TEXT,
    "apply_result" TEXT,
    "superseded_at" BIGINT,

    CONSTRAINT "allocation_plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "allocation_decision" (
    "id" SERIAL NOT NULL,
    "ts" BIGINT NOT NULL,
    "site_id" INTEGER NOT NULL,
    "plan_id" INTEGER,
    "mode" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "refused" INTEGER NOT NULL DEFAULT 0,
    "summary" TEXT NOT NULL,
    "actor_name" TEXT NOT NULL,
    "details" TEXT,

    CONSTRAINT "allocation_decision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "allocation_site_setting" (
    "site_id" INTEGER NOT NULL,
    "auto_enabled" BOOLEAN NOT NULL DEFAULT false,
    "interval_min" INTEGER NOT NULL DEFAULT 15,
    "horizon_h" INTEGER NOT NULL DEFAULT 24,
    "max_switch_pct" DOUBLE PRECISION NOT NULL DEFAULT 20,
    "quiet_hours" TEXT NOT NULL DEFAULT '[]',
    "last_run_at" BIGINT,
    "updated_at" BIGINT NOT NULL,
    "updated_by" TEXT NOT NULL,

    CONSTRAINT "allocation_site_setting_pkey" PRIMARY KEY ("site_id")
);

-- CreateIndex
CREATE INDEX "allocation_plan_created_at_idx" ON "allocation_plan"("created_at");

-- CreateIndex
CREATE INDEX "allocation_plan_status_idx" ON "allocation_plan"("status");

-- CreateIndex
CREATE INDEX "allocation_decision_site_id_ts_idx" ON "allocation_decision"("site_id", "ts");

-- CreateIndex
CREATE INDEX "allocation_decision_ts_idx" ON "allocation_decision"("ts");

-- CreateIndex
CREATE INDEX "allocation_decision_plan_id_idx" ON "allocation_decision"("plan_id");
