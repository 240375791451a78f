-- AlterTable
ALTER TABLE "tenant" ADD COLUMN "timezone" TEXT;

-- CreateTable
CREATE TABLE "tenant_statement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "tenant_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "from_ms" BIGINT NOT NULL,
    "to_ms" BIGINT NOT NULL,
    "totals" TEXT NOT NULL,
    "pdf" BLOB NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "created_at" BIGINT NOT NULL
);

-- CreateIndex
CREATE INDEX "tenant_statement_period_idx" ON "tenant_statement"("period");

-- CreateIndex
CREATE UNIQUE INDEX "tenant_statement_tenant_id_period_key" ON "tenant_statement"("tenant_id", "period");
