#!/usr/bin/env bash
# A real Elasticsearch 8 for the tests, the demo and benchmarks, built from Elastic's
# integration-test distribution on Maven Central (the server with its transport module and
# x-pack core/security; analysis happens in Python, so nothing more is needed).
#
#   scripts/elasticsearch.sh start [--nodes N] [--port P]   N nodes on HTTP ports P..P+N-1 (default 1, 9200)
#   scripts/elasticsearch.sh stop [--port P]                stop what `start --port P` started
#
# The zip is fetched once with Maven into .cache/elasticsearch (git-ignored). Each cluster lives
# in ${GOVSEARCH_ES_ROOT:-/tmp/govsearch-elasticsearch}/<port>, loopback only, security off,
# and runs as an unprivileged user (Elasticsearch refuses root; CI runs as root). The last
# line printed by `start` is ELASTICSEARCH_URL=... with every node's address.
set -euo pipefail
cd "$(dirname "$0")/.."

# Newest first; the first that resolves is used (8.19.21 was the newest 8.x served when written).
ES_VERSIONS=${ES_VERSION:-"8.19.21 8.19.8 8.18.8 8.17.10"}
CACHE=$PWD/.cache/elasticsearch
ROOT=${GOVSEARCH_ES_ROOT:-/tmp/govsearch-elasticsearch}
RUN_AS=govsearch-es
HEAP=${ES_HEAP:-512m}

command=${1:-}; shift || true
nodes=1; port=9200
while [ $# -gt 0 ]; do
  case $1 in
    --nodes) nodes=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

fetch() {
  mkdir -p "$CACHE"
  for version in $ES_VERSIONS; do
    local zip=$CACHE/elasticsearch-$version.zip
    if [ ! -s "$zip" ]; then
      mvn -B -q dependency:copy \
        -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$version:zip" \
        -DoutputDirectory="$CACHE" >&2 || continue
    fi
    if [ ! -d "$CACHE/elasticsearch-$version" ]; then
      (cd "$CACHE" && unzip -q -o "$zip")
    fi
    echo "$CACHE/elasticsearch-$version"
    return 0
  done
  echo "no Elasticsearch 8 integ-test zip resolved (tried $ES_VERSIONS)" >&2
  exit 1
}

java_home() {
  # Java 17 runs the 8.x line; ES_JAVA_HOME wins when set (e.g. the machine's Temurin 25).
  if [ -n "${ES_JAVA_HOME:-}" ]; then echo "$ES_JAVA_HOME"; return; fi
  dirname "$(dirname "$(readlink -f "$(command -v java)")")"
}

as_user() {
  if [ "$(id -u)" -eq 0 ]; then
    id "$RUN_AS" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_AS"
    runuser -u "$RUN_AS" -- "$@"
  else
    "$@"
  fi
}

configure_node() {  # home index http_port transport_base
  local home=$1 index=$2 http=$3 transport_base=$4 config=$1/config/elasticsearch.yml
  local seeds="" masters="" i
  for ((i = 0; i < nodes; i++)); do
    seeds+="\"127.0.0.1:$((transport_base + i))\","
    masters+="\"node-$i\","
  done
  {
    echo "cluster.name: govsearch-$port"
    echo "node.name: node-$index"
    echo "network.host: 127.0.0.1"
    echo "http.port: $http"
    echo "transport.port: $((transport_base + index))"
    echo "path.data: $home/data"
    echo "path.logs: $home/logs"
    echo "xpack.security.enabled: false"
    echo "cluster.routing.allocation.disk.threshold_enabled: false"
    echo "action.destructive_requires_name: false"
    if [ "$nodes" -eq 1 ]; then
      echo "discovery.type: single-node"
    else
      echo "discovery.seed_hosts: [${seeds%,}]"
      echo "cluster.initial_master_nodes: [${masters%,}]"
    fi
  } > "$config"
  printf -- '-Xms%s\n-Xmx%s\n' "$HEAP" "${ES_HEAP_MAX:-1g}" > "$home/config/jvm.options.d/heap.options"
}

start() {
  local dist cluster=$ROOT/$port urls=""
  dist=$(fetch)
  if curl -fs "http://127.0.0.1:$port/_cluster/health" >/dev/null 2>&1; then
    echo "something already answers on port $port; stop it first" >&2
    exit 1
  fi
  rm -rf "$cluster"
  mkdir -p "$cluster"
  chmod 755 "$ROOT" "$cluster" 2>/dev/null || true
  local transport_base=$((port + 1000)) i launchers=()
  for ((i = 0; i < nodes; i++)); do
    local home=$cluster/node-$i http=$((port + i))
    cp -r "$dist" "$home"
    mkdir -p "$home/config/jvm.options.d"
    configure_node "$home" "$i" "$http" "$transport_base"
    [ "$(id -u)" -eq 0 ] && { id "$RUN_AS" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_AS"; chown -R "$RUN_AS" "$home"; }
    as_user env ES_JAVA_HOME="$(java_home)" "$home/bin/elasticsearch" -d -p "$home/es.pid" >/dev/null 2>"$home/start.err" &
    launchers+=($!)
    urls+="http://127.0.0.1:$http,"
  done
  for launcher in "${launchers[@]}"; do
    if ! wait "$launcher"; then  # -d returns once the node runs, or fails
      echo "an Elasticsearch node failed to start:" >&2
      tail -20 "$cluster"/node-*/start.err >&2 || true
      stop
      exit 1
    fi
  done
  local deadline=$((SECONDS + 180))
  until curl -fs "http://127.0.0.1:$port/_cluster/health?wait_for_status=yellow&wait_for_nodes=$nodes&timeout=5s" >/dev/null 2>&1; do
    if [ $SECONDS -gt $deadline ]; then
      echo "Elasticsearch did not become healthy; logs under $cluster/node-*/logs" >&2
      tail -20 "$cluster"/node-*/start.err >&2 || true
      exit 1
    fi
    sleep 1
  done
  echo "ELASTICSEARCH_URL=${urls%,}"
}

stop() {
  local cluster=$ROOT/$port pids=() pidfile pid
  for pidfile in "$cluster"/node-*/es.pid; do
    [ -f "$pidfile" ] && pids+=("$(cat "$pidfile")")
  done
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$cluster"
}

case $command in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start [--nodes N] [--port P] | stop [--port P]" >&2; exit 2 ;;
esac
