#!/usr/bin/env bash
# Runs Infradash on this machine without Docker: a real node_exporter, Prometheus and
# Alertmanager on 127.0.0.1, a targets file naming this machine, and the app. Ctrl-C stops everything it started.
#
#   SERVER_PORT         the app's port                     (default 8080)
#   SERVER_ADDRESS      the app's listen address           (default 127.0.0.1; 0.0.0.0 to share)
#   PROMETHEUS_PORT     Prometheus' port                   (default 19090: apart from a packaged 9090)
#   NODE_EXPORTER_PORT  node_exporter's port               (default 19100: apart from a packaged 9100)
#   ALERTMANAGER_PORT   Alertmanager's port                (default 19093: apart from a packaged 9093)
#   BLACKBOX_EXPORTER_PORT blackbox_exporter's port (service checks; default 19115: apart from 9115)
#   INFRADASH_LOCAL_DIR where config copies, data and logs live (default .infradash-local)
# Any INFRADASH_* variable you set reaches the app unchanged.
set -euo pipefail
cd "$(dirname "$0")/.."

SERVER_PORT=${SERVER_PORT:-8080}
SERVER_ADDRESS=${SERVER_ADDRESS:-127.0.0.1}
PROMETHEUS_PORT=${PROMETHEUS_PORT:-19090}
NODE_EXPORTER_PORT=${NODE_EXPORTER_PORT:-19100}
ALERTMANAGER_PORT=${ALERTMANAGER_PORT:-19093}
BLACKBOX_EXPORTER_PORT=${BLACKBOX_EXPORTER_PORT:-19115}
# First what it runs: a JDK 17+, curl, Prometheus, node_exporter, Alertmanager and blackbox_exporter, installed when missing.
bash scripts/install-deps.sh

LOCAL_DIR=$(mkdir -p "${INFRADASH_LOCAL_DIR:-.infradash-local}" && cd "${INFRADASH_LOCAL_DIR:-.infradash-local}" && pwd)

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$SERVER_PORT" "$PROMETHEUS_PORT" "$NODE_EXPORTER_PORT" "$ALERTMANAGER_PORT" "$BLACKBOX_EXPORTER_PORT"; do
  if port_in_use "$port"; then
    echo "Port $port on 127.0.0.1 is taken. Choose others with SERVER_PORT, PROMETHEUS_PORT, NODE_EXPORTER_PORT, ALERTMANAGER_PORT, BLACKBOX_EXPORTER_PORT." >&2
    exit 1
  fi
done

pids=()
stop_all() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

wait_for() { # url what seconds
  for _ in $(seq 1 "$(( $3 * 4 ))"); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.25
  done
  echo "$2 did not come up within $3 s; see $LOCAL_DIR/logs" >&2
  exit 1
}

# The repo's Prometheus config, copied so its targets file lives with the local data, not in git.
# Its alerting block names compose's Alertmanager; here Alertmanager is on 127.0.0.1.
mkdir -p "$LOCAL_DIR/prometheus/targets" "$LOCAL_DIR/prometheus/rules" "$LOCAL_DIR/logs" "$LOCAL_DIR/data" \
  "$LOCAL_DIR/alertmanager"
sed "s/alertmanager:9093/127.0.0.1:$ALERTMANAGER_PORT/" prometheus/prometheus.yml >"$LOCAL_DIR/prometheus/prometheus.yml"
cp prometheus/blackbox.yml "$LOCAL_DIR/prometheus/"
# the blackbox job probes through this run's blackbox_exporter
sed -i "s/^\( *replacement: \)127\.0\.0\.1:19115\$/\1127.0.0.1:$BLACKBOX_EXPORTER_PORT/" "$LOCAL_DIR/prometheus/prometheus.yml"
# The shipped rules are copied fresh; the rule file Infradash writes itself (alert rules made in
# its UI) lives beside them and is kept.
managed_rules=infradash-managed.yml
find "$LOCAL_DIR/prometheus/rules" -mindepth 1 -maxdepth 1 ! -name "$managed_rules" -exec rm -rf {} +
[[ -d prometheus/rules ]] && cp -r prometheus/rules/. "$LOCAL_DIR/prometheus/rules/"
# Alertmanager's configuration belongs to Infradash (channels and routes); until it writes one,
# a receiver-less one that sends nothing.
alertmanager_config="$LOCAL_DIR/alertmanager/alertmanager.yml"
if [[ ! -s "$alertmanager_config" ]]; then
  cat > "$alertmanager_config.tmp" <<'YAML'
# Seeded by run-local.sh: no receiver until Infradash writes its notification channels here.
route:
  receiver: infradash-none
receivers:
  - name: infradash-none
YAML
  mv "$alertmanager_config.tmp" "$alertmanager_config"
fi
targets="$LOCAL_DIR/prometheus/targets/targets.json"
if [[ ! -s "$targets" ]]; then
  host=$(uname -n | tr 'A-Z' 'a-z' | tr -c 'a-z0-9-\n' '-' | sed 's/^-*//' | cut -c1-63)
  host=${host:-localhost}
  # this machine's node_exporter, and the app itself (its own metrics, role dashboard)
  cat > "$targets.tmp" <<JSON
[
  {
    "targets": ["127.0.0.1:$NODE_EXPORTER_PORT"],
    "labels": {"server": "$host", "role": "local", "__infradash_exporter": "node", "__infradash_name": "$host (this machine)"}
  },
  {
    "targets": ["127.0.0.1:$SERVER_PORT"],
    "labels": {"server": "infradash", "role": "dashboard", "__infradash_exporter": "other",
               "__metrics_path__": "/actuator/prometheus", "__infradash_name": "Infradash"}
  }
]
JSON
  mv "$targets.tmp" "$targets"
fi

prometheus-node-exporter --web.listen-address="127.0.0.1:$NODE_EXPORTER_PORT" --no-collector.systemd \
  >"$LOCAL_DIR/logs/node-exporter.log" 2>&1 &
pids+=($!)
prometheus-blackbox-exporter --config.file="$LOCAL_DIR/prometheus/blackbox.yml" \
  --web.listen-address="127.0.0.1:$BLACKBOX_EXPORTER_PORT" >"$LOCAL_DIR/logs/blackbox-exporter.log" 2>&1 &
pids+=($!)
if [[ $(id -u) != 0 ]]; then
  read -r low high </proc/sys/net/ipv4/ping_group_range 2>/dev/null || { low=1; high=0; }
  if (( $(id -g) < low || $(id -g) > high )); then
    echo "Note: ping (icmp) checks will fail: blackbox_exporter runs without root or CAP_NET_RAW and" \
      "net.ipv4.ping_group_range excludes your group. See prometheus/blackbox.yml." >&2
  fi
fi
prometheus --config.file="$LOCAL_DIR/prometheus/prometheus.yml" \
  --storage.tsdb.path="$LOCAL_DIR/prometheus-data" --storage.tsdb.retention.time=7d \
  --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" --web.enable-lifecycle \
  >"$LOCAL_DIR/logs/prometheus.log" 2>&1 &
pids+=($!)
prometheus-alertmanager --config.file="$alertmanager_config" --storage.path="$LOCAL_DIR/alertmanager/data" \
  --web.listen-address="127.0.0.1:$ALERTMANAGER_PORT" --cluster.listen-address= \
  >"$LOCAL_DIR/logs/alertmanager.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$NODE_EXPORTER_PORT/metrics" "node_exporter" 20
wait_for "http://127.0.0.1:$ALERTMANAGER_PORT/-/ready" "Alertmanager" 30
wait_for "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" "Prometheus" 30
wait_for "http://127.0.0.1:$BLACKBOX_EXPORTER_PORT/-/healthy" "blackbox_exporter" 20

jar=$(ls target/infradash-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
if [[ -z "$jar" || -n "$(find src frontend pom.xml -newer "$jar" -print -quit 2>/dev/null)" ]]; then
  echo "Building Infradash (production bundle) ..."
  bash scripts/build-production.sh -q
  jar=$(ls target/infradash-*.jar | grep -v original | head -n 1)
fi

export SERVER_PORT SERVER_ADDRESS
export INFRADASH_PROMETHEUS_URL=${INFRADASH_PROMETHEUS_URL:-http://127.0.0.1:$PROMETHEUS_PORT}
export INFRADASH_TARGETS_FILE=${INFRADASH_TARGETS_FILE:-$targets}
export INFRADASH_DATA_DIR=${INFRADASH_DATA_DIR:-$LOCAL_DIR/data}
export INFRADASH_ALERTMANAGER_URL=${INFRADASH_ALERTMANAGER_URL:-http://127.0.0.1:$ALERTMANAGER_PORT}
export INFRADASH_ALERTING_ALERTMANAGER_CONFIG_FILE=${INFRADASH_ALERTING_ALERTMANAGER_CONFIG_FILE:-$alertmanager_config}
export INFRADASH_ALERTING_RULE_FILE=${INFRADASH_ALERTING_RULE_FILE:-$LOCAL_DIR/prometheus/rules/$managed_rules}
export INFRADASH_ALERTING_APP_URL_FOR_ALERTMANAGER=${INFRADASH_ALERTING_APP_URL_FOR_ALERTMANAGER:-http://127.0.0.1:$SERVER_PORT}
java -jar "$jar" >"$LOCAL_DIR/logs/infradash.log" 2>&1 &
app_pid=$!
pids+=($app_pid)
wait_for "http://127.0.0.1:$SERVER_PORT/actuator/health" "Infradash" 90

password_line=$(grep -m1 -E "^ *password: " "$LOCAL_DIR/logs/infradash.log" | sed "s/^ *//" || true)
cat <<TXT

  Infradash      http://$SERVER_ADDRESS:$SERVER_PORT/   (user admin)
  Prometheus     http://127.0.0.1:$PROMETHEUS_PORT/
  node_exporter  http://127.0.0.1:$NODE_EXPORTER_PORT/metrics
  Alertmanager   http://127.0.0.1:$ALERTMANAGER_PORT/   (config written by Infradash: $alertmanager_config)
  blackbox       http://127.0.0.1:$BLACKBOX_EXPORTER_PORT/   (service checks)
  Targets file   $targets
  Logs           $LOCAL_DIR/logs

Ctrl-C stops them all.
TXT
if [[ -n "${INFRADASH_ADMIN_PASSWORD:-}" ]]; then
  echo "  Log in as admin with your INFRADASH_ADMIN_PASSWORD."
elif [[ -n "$password_line" ]]; then
  echo "  First start: $password_line"
  echo "  (shown once; only its hash is kept in $INFRADASH_DATA_DIR/users.json)"
else
  echo "  Log in as admin with the password printed at the first start (or set INFRADASH_ADMIN_PASSWORD)."
fi
# Only the app ending ends the run: stopping node_exporter, Prometheus or Alertmanager by hand is a drill the
# dashboard should show (DOWN card, outage banner), not a reason to stop everything.
wait "$app_pid"
echo "Infradash exited; stopping the rest (logs in $LOCAL_DIR/logs)." >&2
exit 1
