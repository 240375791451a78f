-- CreateTable
CREATE TABLE "alert_rule" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "op" TEXT NOT NULL,
    "threshold" TEXT NOT NULL,
    "relative_to" TEXT,
    "for_s" INTEGER NOT NULL,
    "clear_threshold" DOUBLE PRECISION,
    "cooldown_s" INTEGER NOT NULL DEFAULT 0,
    "severity" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT '{}',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "builtin" TEXT,
    "created_at" BIGINT NOT NULL,
    "updated_at" BIGINT NOT NULL,

    CONSTRAINT "alert_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert" (
    "id" SERIAL NOT NULL,
    "rule_id" INTEGER NOT NULL,
    "group_key" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "fired_at" BIGINT NOT NULL,
    "acknowledged_at" BIGINT,
    "acknowledged_by" TEXT,
    "ack_note" TEXT,
    "resolved_at" BIGINT,

    CONSTRAINT "alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_device" (
    "alert_id" INTEGER NOT NULL,
    "device_id" INTEGER NOT NULL,
    "subject_key" TEXT NOT NULL,
    "fired_at" BIGINT NOT NULL,
    "cleared_at" BIGINT,
    "value" TEXT,

    CONSTRAINT "alert_device_pkey" PRIMARY KEY ("alert_id","device_id")
);

-- CreateTable
CREATE TABLE "alert_event" (
    "id" SERIAL NOT NULL,
    "alert_id" INTEGER NOT NULL,
    "ts" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "subject_key" TEXT,
    "value" TEXT,
    "actor" TEXT,
    "note" TEXT,

    CONSTRAINT "alert_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_condition" (
    "rule_id" INTEGER NOT NULL,
    "subject_key" TEXT NOT NULL,
    "since_ts" BIGINT NOT NULL,
    "firing" BOOLEAN NOT NULL,

    CONSTRAINT "alert_condition_pkey" PRIMARY KEY ("rule_id","subject_key")
);

-- CreateTable
CREATE TABLE "alert_silence" (
    "id" SERIAL NOT NULL,
    "rule_id" INTEGER,
    "scope" TEXT NOT NULL DEFAULT '{}',
    "starts_at" BIGINT NOT NULL,
    "ends_at" BIGINT NOT NULL,
    "comment" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" BIGINT NOT NULL,

    CONSTRAINT "alert_silence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_target" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "min_severity" TEXT NOT NULL DEFAULT 'warning',
    "rule_ids" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" BIGINT NOT NULL,

    CONSTRAINT "notification_target_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_outbox" (
    "id" SERIAL NOT NULL,
    "target_id" INTEGER NOT NULL,
    "alert_id" INTEGER NOT NULL,
    "event" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" BIGINT NOT NULL,
    "last_error" TEXT,
    "created_at" BIGINT NOT NULL,
    "delivered_at" BIGINT,

    CONSTRAINT "notification_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification_delivery" (
    "id" SERIAL NOT NULL,
    "outbox_id" INTEGER NOT NULL,
    "attempt" INTEGER NOT NULL,
    "ts" BIGINT NOT NULL,
    "target" TEXT NOT NULL,
    "status_code" INTEGER,
    "error" TEXT,
    "duration_ms" INTEGER NOT NULL,

    CONSTRAINT "notification_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "alert_rule_builtin_key" ON "alert_rule"("builtin");

-- CreateIndex
CREATE INDEX "alert_status_idx" ON "alert"("status");

-- CreateIndex
CREATE INDEX "alert_group_key_fired_at_idx" ON "alert"("group_key", "fired_at");

-- CreateIndex
CREATE INDEX "alert_device_device_id_idx" ON "alert_device"("device_id");

-- CreateIndex
CREATE INDEX "alert_event_alert_id_ts_idx" ON "alert_event"("alert_id", "ts");

-- CreateIndex
CREATE INDEX "alert_silence_ends_at_idx" ON "alert_silence"("ends_at");

-- CreateIndex
CREATE INDEX "notification_outbox_status_next_attempt_at_idx" ON "notification_outbox"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "notification_delivery_outbox_id_idx" ON "notification_delivery"("outbox_id");
