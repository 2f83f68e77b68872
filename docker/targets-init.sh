#!/bin/sh
# Prepares the shared volumes before Prometheus and Infradash start (service targets-init in
# docker-compose.yml, run as root in a busybox container, then exits):
#   1. On a fresh volume, writes the targets file naming this Docker host's node-exporter as
#      server "docker-host" (and its dcgm-exporter when the gpu profile is on), and Infradash
#      itself (its /actuator/prometheus, role dashboard) so its own metrics are scraped. An existing file
#      is never touched: after the first start the file belongs to the settings view.
#   2. With ALERTMANAGER_DIR, seeds a receiver-less alertmanager.yml there when there is none
#      (Alertmanager does not start without one; Infradash rewrites it from its channels).
#   3. Hands both volumes to the app's user (uid 10001), whichever container created them: the
#      app saves the targets file by writing a temp file next to it and renaming it.
# Plain POSIX sh; the unit tests run it against a temp dir (dev.infradash.deploy.ComposeFileTest).
set -eu

TARGETS_DIR=${TARGETS_DIR:-/targets}
DATA_DIR=${DATA_DIR:-/data}
APP_UID=${APP_UID:-10001}
NODE_EXPORTER_PORT=${NODE_EXPORTER_PORT:-9100}
file="$TARGETS_DIR/targets.json"

mkdir -p "$TARGETS_DIR" "$DATA_DIR"
if [ -e "$file" ]; then
  echo "targets-init: $file exists, left as it is"
else
  # host.docker.internal is Prometheus' name for the Docker host (extra_hosts: host-gateway), where
  # node-exporter listens on the host network. dcgm-exporter is on the compose network.
  gpu=""
  case ",${COMPOSE_PROFILES:-}," in
    *,gpu,*) gpu=',
  {"targets": ["dcgm-exporter:9400"], "labels": {"server": "docker-host", "role": "docker-host",
    "__infradash_exporter": "gpu", "__infradash_name": "Docker host"}}' ;;
  esac
  cat > "$file.init.tmp" <<JSON
[
  {"targets": ["host.docker.internal:${NODE_EXPORTER_PORT}"], "labels": {"server": "docker-host", "role": "docker-host",
    "__infradash_exporter": "node", "__infradash_name": "Docker host"}}${gpu},
  {"targets": ["infradash:8080"], "labels": {"server": "infradash", "role": "dashboard",
    "__infradash_exporter": "other", "__metrics_path__": "/actuator/prometheus", "__infradash_name": "Infradash"}}
]
JSON
  chmod 644 "$file.init.tmp"
  mv "$file.init.tmp" "$file"
  echo "targets-init: wrote $file"
fi

if [ -n "${ALERTMANAGER_DIR:-}" ]; then
  mkdir -p "$ALERTMANAGER_DIR"
  if [ ! -e "$ALERTMANAGER_DIR/alertmanager.yml" ]; then
    cat > "$ALERTMANAGER_DIR/alertmanager.yml.init.tmp" <<'YAML'
# Seeded by targets-init: no receiver until Infradash writes its notification channels here.
route:
  receiver: infradash-none
receivers:
  - name: infradash-none
YAML
    # Alertmanager's container runs as another user (nobody): it must read the file
    chmod 644 "$ALERTMANAGER_DIR/alertmanager.yml.init.tmp"
    mv "$ALERTMANAGER_DIR/alertmanager.yml.init.tmp" "$ALERTMANAGER_DIR/alertmanager.yml"
    echo "targets-init: wrote $ALERTMANAGER_DIR/alertmanager.yml"
  fi
fi

if [ "$(id -u)" = 0 ]; then
  chown -R "$APP_UID:$APP_UID" "$TARGETS_DIR" "$DATA_DIR"
  # Infradash replaces alertmanager.yml by renaming a temp file: it needs the directory
  if [ -n "${ALERTMANAGER_DIR:-}" ]; then chown -R "$APP_UID:$APP_UID" "$ALERTMANAGER_DIR"; fi
fi
