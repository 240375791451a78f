-- AlterTable
ALTER TABLE "tenant" ADD COLUMN     "timezone" TEXT;

-- CreateTable
CREATE TABLE "tenant_statement" (
    "id" SERIAL NOT NULL,
    "tenant_id" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "from_ms" BIGINT NOT NULL,
    "to_ms" BIGINT NOT NULL,
    "totals" TEXT NOT NULL,
    "pdf" BYTEA NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "created_at" BIGINT NOT NULL,

    CONSTRAINT "tenant_statement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "tenant_statement_period_idx" ON "tenant_statement"("period");

-- CreateIndex
CREATE UNIQUE INDEX "tenant_statement_tenant_id_period_key" ON "tenant_statement"("tenant_id", "period");
