-- CreateTable
CREATE TABLE "device_action" (
    "id" SERIAL NOT NULL,
    "device_id" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "params" TEXT,
    "status" TEXT NOT NULL,
    "phase" TEXT NOT NULL DEFAULT 'queued',
    "reason" TEXT,
    "reason_kind" TEXT,
    "requested_by" TEXT NOT NULL,
    "actor_type" TEXT NOT NULL,
    "actor_id" INTEGER,
    "batch_id" TEXT,
    "simulated" BOOLEAN NOT NULL DEFAULT false,
    "due_at" BIGINT NOT NULL,
    "claimed_by" TEXT,
    "claimed_until" BIGINT,
    "created_at" BIGINT NOT NULL,
    "sent_at" BIGINT,
    "deadline_at" BIGINT,
    "ended_at" BIGINT,

    CONSTRAINT "device_action_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "action_batch" (
    "id" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "params" TEXT,
    "selection" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "batch_size" INTEGER NOT NULL,
    "interval_s" INTEGER NOT NULL,
    "requested_by" TEXT NOT NULL,
    "tenant_id" INTEGER,
    "created_at" BIGINT NOT NULL,

    CONSTRAINT "action_batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "device_credential" (
    "device_id" INTEGER NOT NULL,
    "ciphertext" TEXT NOT NULL,
    "updated_at" BIGINT NOT NULL,

    CONSTRAINT "device_credential_pkey" PRIMARY KEY ("device_id")
);

-- CreateTable
CREATE TABLE "sim_device_control" (
    "device_id" INTEGER NOT NULL,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "power_target_w" DOUBLE PRECISION,
    "pool_url" TEXT,
    "updated_at" BIGINT NOT NULL,

    CONSTRAINT "sim_device_control_pkey" PRIMARY KEY ("device_id")
);

-- CreateIndex
CREATE INDEX "device_action_status_phase_due_at_idx" ON "device_action"("status", "phase", "due_at");

-- CreateIndex
CREATE INDEX "device_action_device_id_created_at_idx" ON "device_action"("device_id", "created_at");

-- CreateIndex
CREATE INDEX "device_action_batch_id_idx" ON "device_action"("batch_id");

-- CreateIndex
CREATE INDEX "sim_device_control_updated_at_idx" ON "sim_device_control"("updated_at");
