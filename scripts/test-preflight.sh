#!/usr/bin/env bash
# Checks, before any test runs, that this machine has what `npm test` needs, so a fresh clone fails
# at once with the list of what to install instead of late in the e2e stage. As root (or in CI with
# sudo) it installs the missing Debian packages itself.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -d node_modules/.bin ]]; then
  echo "[preflight] node modules missing: run npm install first" >&2
  exit 1
fi
need_node=$(node -p 'require("./package.json").engines.node')
# engines is a list of caret ranges ("^20.19.0 || ^24.0.0"): same major, at least that version.
if ! node -e '
  const have = process.versions.node.split(".").map(Number);
  const ok = process.argv[1].split("||").some((range) => {
    const want = range.trim().replace(/^\^/, "").split(".").map(Number);
    return have[0] === want[0] && (have[1] > want[1] || (have[1] === want[1] && have[2] >= (want[2] ?? 0)));
  });
  process.exit(ok ? 0 : 1);' "$need_node"; then
  echo "[preflight] Node.js $(node --version) is not supported (package.json engines: $need_node)" >&2
  exit 1
fi

# Debian package → why it is needed. Playwright's own browser download needs the internet, so the
# e2e stage uses Debian's chromium (playwright.config.ts).
missing=()
if [[ ! -x /usr/bin/chromium ]] &&
  ! node -e 'process.exit(require("node:fs").existsSync(require("playwright-core").chromium.executablePath()) ? 0 : 1)' 2>/dev/null; then
  missing+=(chromium)
fi
if [[ -z "${TEST_DATABASE_URL:-}" ]] && ! compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null; then
  missing+=(postgresql)
fi
# The report and statement tests read the PDFs they render with poppler (pdftotext, pdfinfo,
# pdffonts); the /metrics tests check the exposition with promtool and scrape it with a real
# Prometheus.
if ! command -v pdftotext >/dev/null || ! command -v pdfinfo >/dev/null || ! command -v pdffonts >/dev/null; then
  missing+=(poppler-utils)
fi
if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
  missing+=(prometheus)
fi
((${#missing[@]})) || exit 0

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif [[ -n "${CI:-}" ]] && command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}
if [[ $(id -u) -eq 0 || -n "${CI:-}" ]] && command -v apt-get >/dev/null; then
  echo "[preflight] installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if as_root apt-get update -qq && as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
    exit 0
  fi
fi
echo "[preflight] npm test needs: ${missing[*]}" >&2
echo "[preflight]   Debian/Ubuntu: sudo apt-get install ${missing[*]}" >&2
[[ " ${missing[*]} " == *" postgresql "* ]] &&
  echo "[preflight]   (or point TEST_DATABASE_URL at a PostgreSQL server you can create databases on)" >&2
exit 1
