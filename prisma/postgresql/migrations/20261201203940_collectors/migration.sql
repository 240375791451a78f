-- AlterTable
ALTER TABLE "site" ADD COLUMN     "collector_interval_s" INTEGER;

-- CreateTable
CREATE TABLE "collector_state" (
    "device_id" INTEGER NOT NULL,
    "next_poll_at" BIGINT NOT NULL,
    "last_poll_at" BIGINT,
    "last_ok_at" BIGINT,
    "last_error" TEXT,
    "last_error_kind" TEXT,
    "last_error_at" BIGINT,
    "consecutive_failures" INTEGER NOT NULL DEFAULT 0,
    "polled_by" TEXT,

    CONSTRAINT "collector_state_pkey" PRIMARY KEY ("device_id")
);

-- CreateTable
CREATE TABLE "collector_lease" (
    "site_id" INTEGER NOT NULL,
    "owner" TEXT NOT NULL,
    "expires_at" BIGINT NOT NULL,

    CONSTRAINT "collector_lease_pkey" PRIMARY KEY ("site_id")
);

-- CreateTable
CREATE TABLE "collector_instance" (
    "id" TEXT NOT NULL,
    "seen_at" BIGINT NOT NULL,

    CONSTRAINT "collector_instance_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "collector_state_next_poll_at_idx" ON "collector_state"("next_poll_at");
