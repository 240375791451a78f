-- AlterTable
ALTER TABLE "alert_rule" ADD COLUMN     "action" TEXT;

-- CreateTable
CREATE TABLE "rule_action" (
    "id" SERIAL NOT NULL,
    "rule_id" INTEGER NOT NULL,
    "alert_id" INTEGER NOT NULL,
    "device_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "via" TEXT,
    "reason" TEXT,
    "action_id" INTEGER,
    "assignment_id" INTEGER,
    "fired_values" TEXT NOT NULL,
    "created_at" BIGINT NOT NULL,

    CONSTRAINT "rule_action_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "rule_action_rule_id_created_at_idx" ON "rule_action"("rule_id", "created_at");

-- CreateIndex
CREATE INDEX "rule_action_alert_id_device_id_idx" ON "rule_action"("alert_id", "device_id");
