#!/usr/bin/env bash
# Set up a fresh machine and run the demo: load the bundled sample data and serve the
# portal and API on http://127.0.0.1:8000 (Ctrl-C stops it). Options go to `govsearch demo`
# (--host, --port, --workers).
#
# GOVSEARCH_BACKEND=elasticsearch ./scripts/demo.sh runs it on Elasticsearch: on the cluster
# ELASTICSEARCH_URL names, or else on a local node that scripts/elasticsearch.sh starts on
# port 9200 (and stops when the demo ends).
set -euo pipefail
cd "$(dirname "$0")/.."
# Maven fetches the embedding model (and, for GOVSEARCH_BACKEND=elasticsearch, Elasticsearch) by name.
if ! command -v mvn >/dev/null; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends maven unzip curl
fi
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e .
.venv/bin/govsearch model fetch  # once per machine: the sentence-embedding model, checked
if [ "${GOVSEARCH_BACKEND:-embedded}" = elasticsearch ] && [ -z "${ELASTICSEARCH_URL:-}" ]; then
  ELASTICSEARCH_URL=$(./scripts/elasticsearch.sh start --port 9200 | tail -1 | cut -d= -f2-)
  export ELASTICSEARCH_URL
  trap './scripts/elasticsearch.sh stop --port 9200' EXIT
  .venv/bin/govsearch demo "$@"
else
  exec .venv/bin/govsearch demo "$@"
fi
