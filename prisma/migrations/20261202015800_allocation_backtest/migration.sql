-- CreateTable
CREATE TABLE "allocation_backtest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tenant_id" INTEGER,
    "created_by" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'queued',
    "progress" REAL NOT NULL DEFAULT 0,
    "request" TEXT NOT NULL,
    "results" TEXT,
    "meta" TEXT,
    "error" TEXT,
    "created_at" BIGINT NOT NULL,
    "started_at" BIGINT,
    "finished_at" BIGINT,
    "updated_at" BIGINT NOT NULL
);

-- CreateTable
CREATE TABLE "backtest_upload" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tenant_id" INTEGER,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "rows" TEXT NOT NULL,
    "row_count" INTEGER NOT NULL,
    "from_ts" BIGINT NOT NULL,
    "to_ts" BIGINT NOT NULL,
    "created_at" BIGINT NOT NULL
);

-- CreateIndex
CREATE INDEX "allocation_backtest_status_idx" ON "allocation_backtest"("status");

-- CreateIndex
CREATE INDEX "allocation_backtest_tenant_id_idx" ON "allocation_backtest"("tenant_id");

-- CreateIndex
CREATE INDEX "backtest_upload_tenant_id_idx" ON "backtest_upload"("tenant_id");
