#!/usr/bin/env bash
# Set up a fresh machine and run the whole test suite, on both engines.
# Installs the Debian packages the tests drive for real when missing (Chromium, ChromeDriver
# and a CJK font for the portal page, redis-server for the Redis store; Maven, unzip and curl
# for scripts/elasticsearch.sh, which the tests call to start a real Elasticsearch node from
# Maven Central), axe-core from npm for the portal's accessibility checks, then a virtualenv
# with the project and its dev dependencies.
#
#   ./scripts/test.sh            the whole suite, both engines (what CI runs)
#   ./scripts/test.sh --fast     the loop for editing: the embedded engine, no servers, browsers or
#                                whole evaluations (-m "not slow"); other arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--fast" ]; then
  shift
  export GOVSEARCH_TEST_BACKENDS=embedded
  set -- -m "not slow" "$@"
fi

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v redis-server >/dev/null || missing+=(redis-server)
command -v mvn >/dev/null || missing+=(maven)
command -v unzip >/dev/null || missing+=(unzip)
command -v curl >/dev/null || missing+=(curl)
command -v npm >/dev/null || missing+=(npm)
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing+=(fonts-noto-cjk)  # the browser draws the portal's hanzi
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

AXE_VERSION=4.10.3
if [ ! -f .cache/npm/node_modules/axe-core/package.json ] || ! grep -q "\"version\": \"$AXE_VERSION\"" .cache/npm/node_modules/axe-core/package.json; then
  npm install --silent --no-audit --no-fund --prefix .cache/npm "axe-core@$AXE_VERSION"
fi

python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e '.[dev]'
.venv/bin/govsearch model fetch  # once per machine: the sentence-embedding model, checked
exec .venv/bin/python -m pytest "$@"
