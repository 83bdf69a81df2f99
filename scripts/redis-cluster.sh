#!/usr/bin/env bash
# A throwaway Redis Cluster on loopback for the team-store tests and benchmarks: 3 primaries and
# 3 replicas from Debian's redis-server, data in a temporary folder, nothing persisted.
#   scripts/redis-cluster.sh start [BASE_PORT] [PRIMARIES]   # prints PL_REDIS_CLUSTER=redis://127.0.0.1:P,...
#     PRIMARIES is 3 (default: 3 primaries + 3 replicas) or 1 (1 primary holding every slot + 1
#     replica; redis-cli --cluster create needs 3, so the slots are assigned by hand): the
#     benchmark's 1-to-3-primaries scaling run.
#   scripts/redis-cluster.sh stop  [BASE_PORT]   # stops those nodes and removes the folder
#   scripts/redis-cluster.sh env   [BASE_PORT]   # prints the PL_REDIS_CLUSTER line only
# Ports BASE_PORT..BASE_PORT+5 (default 7101) and their cluster bus ports (+10000) must be free.
# A cluster as a newsroom would run one (the team store's auth and TLS tests):
#   PL_REDIS_PASSWORD=...  every node requires it (requirepass; replicas use it too)
#   PL_REDIS_TLS_DIR=DIR   nodes talk TLS only (clients, replication, cluster bus), with a CA and a
#                          certificate for 127.0.0.1 made there by openssl (DIR/ca.crt to trust);
#                          the printed addresses are then rediss://
set -euo pipefail

cmd=${1:-}
base=${2:-${PL_REDIS_BASE_PORT:-7101}}
primaries=${3:-3}
[[ $primaries == 1 || $primaries == 3 ]] || { echo "PRIMARIES must be 1 or 3" >&2; exit 2; }
nodes=$((primaries * 2))
dir=${TMPDIR:-/tmp}/pl-redis-cluster-$base
ports=()
for ((i = 0; i < nodes; i++)); do ports+=($((base + i))); done
tls_dir=${PL_REDIS_TLS_DIR:-}
scheme=redis
cli_tls=()
if [[ -n $tls_dir ]]; then
  scheme=rediss
  cli_tls=(--tls --cacert "$tls_dir/ca.crt")
fi
# redis-cli reads the password from REDISCLI_AUTH (never on its command line).
if [[ -n ${PL_REDIS_PASSWORD:-} ]]; then export REDISCLI_AUTH=$PL_REDIS_PASSWORD; fi
rcli() { redis-cli "${cli_tls[@]}" "$@"; }
addrs=$(printf "$scheme://127.0.0.1:%s," "${ports[@]:0:primaries}")
env_line="PL_REDIS_CLUSTER=${addrs%,}"

stop() {
  for p in "${ports[@]}"; do
    if [[ -f $dir/$p/redis.pid ]]; then
      pid=$(cat "$dir/$p/redis.pid")
      # Only our own node: the pid file is the one this script's redis-server wrote.
      kill "$pid" 2>/dev/null || true
    fi
  done
  for p in "${ports[@]}"; do
    for _ in $(seq 1 50); do
      [[ -f $dir/$p/redis.pid ]] && kill -0 "$(cat "$dir/$p/redis.pid")" 2>/dev/null || break
      sleep 0.1
    done
  done
  rm -rf "$dir"
}

case $cmd in
  start)
    command -v redis-server >/dev/null || { echo "redis-server is not installed (apt-get install redis-server redis-tools)" >&2; exit 1; }
    for p in "${ports[@]}"; do
      if redis-cli -h 127.0.0.1 -p "$p" ping >/dev/null 2>&1 || (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
        echo "port $p is already in use (stop the old cluster: $0 stop $base)" >&2
        exit 1
      fi
    done
    rm -rf "$dir"
    node_tls=()
    if [[ -n $tls_dir ]]; then
      command -v openssl >/dev/null || { echo "openssl is not installed (needed for PL_REDIS_TLS_DIR)" >&2; exit 1; }
      mkdir -p "$tls_dir"
      if [[ ! -f $tls_dir/ca.crt ]]; then
        openssl req -x509 -new -nodes -newkey rsa:2048 -days 2 -subj '/CN=Provenance Lens test CA' \
          -keyout "$tls_dir/ca.key" -out "$tls_dir/ca.crt" 2>/dev/null
        openssl req -new -nodes -newkey rsa:2048 -subj '/CN=127.0.0.1' -keyout "$tls_dir/node.key" -out "$tls_dir/node.csr" 2>/dev/null
        printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$tls_dir/san.ext"
        openssl x509 -req -in "$tls_dir/node.csr" -CA "$tls_dir/ca.crt" -CAkey "$tls_dir/ca.key" -CAcreateserial \
          -days 2 -extfile "$tls_dir/san.ext" -out "$tls_dir/node.crt" 2>/dev/null
      fi
      node_tls=(--tls-cluster yes --tls-replication yes --tls-auth-clients no
        --tls-cert-file "$tls_dir/node.crt" --tls-key-file "$tls_dir/node.key" --tls-ca-cert-file "$tls_dir/ca.crt")
    fi
    node_auth=()
    if [[ -n ${PL_REDIS_PASSWORD:-} ]]; then node_auth=(--requirepass "$PL_REDIS_PASSWORD" --masterauth "$PL_REDIS_PASSWORD"); fi
    for p in "${ports[@]}"; do
      mkdir -p "$dir/$p"
      # No persistence (tests and benchmarks start empty); cluster-node-timeout short so a killed
      # primary's replica is promoted within a couple of seconds in the failover tests.
      # hash-max-listpack-value raised so the store's bucket hashes (fields up to ~200 bytes of
      # packed postings) stay in the compact listpack encoding; see docs/team-store.md.
      if [[ -n $tls_dir ]]; then listen=(--port 0 --tls-port "$p"); else listen=(--port "$p"); fi
      redis-server "${listen[@]}" "${node_tls[@]}" "${node_auth[@]}" --bind 127.0.0.1 --protected-mode yes --daemonize yes \
        --dir "$dir/$p" --pidfile "$dir/$p/redis.pid" --logfile "$dir/$p/redis.log" \
        --cluster-enabled yes --cluster-config-file nodes.conf --cluster-node-timeout 2000 \
        --save '' --appendonly no --maxmemory-policy noeviction \
        --hash-max-listpack-entries 512 --hash-max-listpack-value 1024 >/dev/null
    done
    for p in "${ports[@]}"; do
      for _ in $(seq 1 50); do rcli -p "$p" ping 2>/dev/null | grep -q PONG && break; sleep 0.1; done
    done
    if [[ $primaries == 3 ]]; then
      rcli --cluster create $(printf '127.0.0.1:%s ' "${ports[@]}") --cluster-replicas 1 --cluster-yes >"$dir/create.log" 2>&1 \
        || { cat "$dir/create.log" >&2; stop; exit 1; }
    else
      rcli -p "${ports[0]}" cluster addslotsrange 0 16383 >/dev/null
      rcli -p "${ports[1]}" cluster meet 127.0.0.1 "${ports[0]}" >/dev/null
      primary_id=$(rcli -p "${ports[0]}" cluster myid)
      for _ in $(seq 1 50); do
        rcli -p "${ports[1]}" cluster replicate "$primary_id" >/dev/null 2>&1 && break
        sleep 0.2
      done
    fi
    ok=
    for _ in $(seq 1 100); do
      ok=1
      for p in "${ports[@]}"; do
        rcli -p "$p" cluster info 2>/dev/null | grep -q 'cluster_state:ok' || { ok=; break; }
      done
      [[ -n $ok ]] && break
      sleep 0.2
    done
    [[ -n $ok ]] || { echo "cluster did not reach cluster_state:ok in 20 s (logs in $dir)" >&2; stop; exit 1; }
    # Writers WAIT for a replica of every primary: wait until each replica's first sync is done
    # (on a loaded machine it can trail cluster_state:ok by seconds).
    for _ in $(seq 1 150); do
      ok=1
      for p in "${ports[@]}"; do
        info=$(rcli -p "$p" info replication 2>/dev/null)
        grep -q 'role:slave' <<<"$info" && ! grep -q 'master_link_status:up' <<<"$info" && { ok=; break; }
      done
      [[ -n $ok ]] && break
      sleep 0.2
    done
    [[ -n $ok ]] || { echo "replicas did not finish their first sync in 30 s (logs in $dir)" >&2; stop; exit 1; }
    echo "$env_line"
    ;;
  stop) stop ;;
  env) echo "$env_line" ;;
  *) echo "usage: $0 start|stop|env [BASE_PORT]" >&2; exit 2 ;;
esac
