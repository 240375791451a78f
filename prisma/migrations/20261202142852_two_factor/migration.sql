-- AlterTable
ALTER TABLE "app_user" ADD COLUMN "totp_enabled_at" DATETIME;
ALTER TABLE "app_user" ADD COLUMN "totp_last_step" INTEGER;
ALTER TABLE "app_user" ADD COLUMN "totp_pending_secret" TEXT;
ALTER TABLE "app_user" ADD COLUMN "totp_secret" TEXT;

-- CreateTable
CREATE TABLE "two_factor_recovery_code" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "code_hash" TEXT NOT NULL,
    "used_at" DATETIME,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "two_factor_recovery_code_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "two_factor_challenge" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "user_id" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "ip" TEXT,
    CONSTRAINT "two_factor_challenge_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "two_factor_recovery_code_code_hash_key" ON "two_factor_recovery_code"("code_hash");

-- CreateIndex
CREATE INDEX "two_factor_recovery_code_user_id_idx" ON "two_factor_recovery_code"("user_id");

-- CreateIndex
CREATE INDEX "two_factor_challenge_user_id_idx" ON "two_factor_challenge"("user_id");
