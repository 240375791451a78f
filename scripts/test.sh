#!/usr/bin/env bash
# `npm test`: the whole suite, as CI runs it. Checks prerequisites first (scripts/test-preflight.sh),
# starts a throwaway PostgreSQL cluster on a free loopback port unless TEST_DATABASE_URL is already
# set, so every integration and reliability test runs on SQLite and PostgreSQL, and stops it after.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
started=$(date +%s)

scripts/test-preflight.sh

if [[ -z "${TEST_DATABASE_URL:-}" ]]; then
  pgdir="${TMPDIR:-/tmp}/switchyard-test-pg-$$"
  trap 'scripts/pg-throwaway.sh stop "$pgdir" || true' EXIT
  port=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})")
  TEST_DATABASE_URL=$(scripts/pg-throwaway.sh start "$pgdir" "$port")
  export TEST_DATABASE_URL
  echo "[test] throwaway PostgreSQL for the tests: $TEST_DATABASE_URL"
fi

stage() {
  local name=$1 t0
  shift
  t0=$(date +%s)
  echo "[test] ── $name"
  "$@"
  echo "[test] ── $name passed in $(($(date +%s) - t0)) s"
}
stage check npm run check
stage unit npm run test:unit
stage integration npm run test:integration
stage build npm run build
stage reliability npm run test:reliability
stage e2e npm run test:e2e
echo "[test] all stages passed in $(($(date +%s) - started)) s"
