#!/usr/bin/env bash
# Installs what Infradash's run script and tests need on Debian (and, for running, Ubuntu), when
# missing. The one place that says what a machine needs: a test or a script that needs another
# tool (Alertmanager, blackbox_exporter, VictoriaMetrics...) adds its package to the lists below,
# so that nothing is ever installed by hand.
#
#   scripts/install-deps.sh              a JDK 17+, curl, Prometheus (with promtool), node_exporter,
#                                        Alertmanager (with amtool) (what scripts/run-local.sh runs)
#   scripts/install-deps.sh --test       plus Chromium and chromedriver, VictoriaMetrics and dnsmasq
#                                        (what scripts/test.sh runs)
#   scripts/install-deps.sh --dry-run    says what is missing and prints the commands it would run,
#                                        changes nothing (also INFRADASH_DRY_RUN=1)
#
# Checks, in this order: the JDK the Maven wrapper would use (JAVA_HOME, else `java` on the PATH)
# is 17 or newer and has javac; then each tool's command or Debian package. Only what is missing
# is installed, in one apt-get call; with everything present it runs nothing, so calling it before
# every run costs nothing. It uses only bash builtins and the commands it checks for, so it works
# before anything else is installed. INFRADASH_OS_RELEASE (default /etc/os-release) is read to
# tell Ubuntu apart, whose Chromium is a snap the browser tests cannot use; INFRADASH_SYSTEMD_DIR
# (default /run/systemd/system) tells whether systemd runs the host. Tests point both elsewhere.
set -euo pipefail

# Debian packages; their binaries land where the tests expect them (/usr/bin/prometheus,
# /usr/bin/promtool, /usr/bin/prometheus-node-exporter, /usr/bin/prometheus-alertmanager,
# /usr/bin/amtool, /usr/bin/prometheus-blackbox-exporter, /usr/bin/chromium, /usr/bin/chromedriver,
# /usr/bin/victoria-metrics, /usr/sbin/dnsmasq). dnsmasq-base is dnsmasq without its system service:
# the tests start it in the foreground on a loopback port.
run_packages=(prometheus prometheus-node-exporter prometheus-alertmanager prometheus-blackbox-exporter)
test_packages=(chromium chromium-driver victoria-metrics dnsmasq-base)
# Commands run-local.sh uses that a minimal Debian may lack, and the package that brings each.
run_commands=(curl:curl)
jdk_package=openjdk-17-jdk-headless
minimum_java=17

dry_run=${INFRADASH_DRY_RUN:-0}
packages=("${run_packages[@]}")
for arg in "$@"; do
  case "$arg" in
    --test) packages+=("${test_packages[@]}") ;;
    --dry-run) dry_run=1 ;;
    *) echo "usage: $0 [--test] [--dry-run]" >&2; exit 2 ;;
  esac
done

say() { echo "[install-deps] $*"; }

# The major version `$1 -version` reports: 1.8.0_402 -> 8, 17.0.15 -> 17, 21-ea -> 21; 0 if none.
java_major() {
  local line version
  line=$("$1" -version 2>&1) || { echo 0; return; }
  [[ $line =~ version\ \"([0-9._]+) ]] || { echo 0; return; }
  version=${BASH_REMATCH[1]}
  [[ $version == 1.* ]] && version=${version#1.}
  echo "${version%%[._]*}"
}

# The JDK ./mvnw would use: "" when it is fine, else why not.
jdk_problem() {
  local java javac major
  if [[ -n "${JAVA_HOME:-}" ]]; then
    java=$JAVA_HOME/bin/java javac=$JAVA_HOME/bin/javac
  else
    java=$(command -v java || true) javac=$(command -v javac || true)
  fi
  if [[ -z "$java" || ! -x "$java" ]]; then echo "no java"; return; fi
  major=$(java_major "$java")
  if (( major < minimum_java )); then echo "$java is Java $major"; return; fi
  if [[ -z "$javac" || ! -x "$javac" ]]; then echo "$java has no javac (a JRE, not a JDK)"; return; fi
}

package_installed() {
  [[ $(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) == "install ok installed" ]]
}

missing=()
why=()
problem=$(jdk_problem)
if [[ -n "$problem" ]]; then
  if [[ -n "${JAVA_HOME:-}" ]]; then
    # Installing a JDK would not change what JAVA_HOME points at.
    echo "JAVA_HOME=$JAVA_HOME: $problem. Point JAVA_HOME at a JDK $minimum_java or newer, or unset it." >&2
    exit 1
  fi
  missing+=("$jdk_package")
  why+=("a JDK $minimum_java+ ($problem)")
fi
for entry in "${run_commands[@]}"; do
  if ! command -v "${entry%%:*}" >/dev/null; then
    missing+=("${entry#*:}")
    why+=("${entry%%:*}")
  fi
done
for package in "${packages[@]}"; do
  if ! command -v dpkg-query >/dev/null || ! package_installed "$package"; then
    missing+=("$package")
    why+=("$package")
  fi
done

# Node.js is not installed here: Vaadin's frontend build (the production jar run-local.sh builds)
# needs 20+, Debian 12's nodejs is 18, and Vaadin downloads its own when it finds none. The tests
# need none: they run in dev mode on the committed dev bundle.
node_version=$(node --version 2>/dev/null || true)
node_major=${node_version#v}
node_major=${node_major%%.*}
if [[ " $* " != *" --test "* ]] && { [[ ! $node_major =~ ^[0-9]+$ ]] || (( node_major < 20 )); }; then
  say "note: no Node.js 20+ on the PATH${node_version:+ ($node_version)}; the production build will download one into ~/.vaadin"
fi

if [[ ${#missing[@]} -eq 0 ]]; then
  [[ $dry_run == 1 ]] && say "nothing missing, nothing to install"
  exit 0
fi
list=$(printf '%s, ' "${why[@]}")
say "missing: ${list%, }"

if ! command -v apt-get >/dev/null; then
  echo "This script installs with apt only; install these with your package manager: ${list%, }." >&2
  exit 1
fi
os_id=$( (. "${INFRADASH_OS_RELEASE:-/etc/os-release}" 2>/dev/null && echo "${ID:-}") || true)
if [[ $os_id == ubuntu && " ${missing[*]} " == *" chromium"* ]]; then
  echo "Ubuntu ships Chromium only as a snap; the browser tests need Debian's chromium and chromium-driver" \
       "packages (/usr/bin/chromium, /usr/bin/chromedriver). Run the tests on Debian 12." >&2
  exit 1
fi
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if ! command -v sudo >/dev/null; then
    echo "Run as root, or install sudo: need to install ${missing[*]}" >&2
    exit 1
  fi
  sudo=(sudo)
fi

run() {
  if [[ $dry_run == 1 ]]; then
    say "would run: $*"
  else
    "$@"
  fi
}
[[ $dry_run == 1 ]] || say "installing ${missing[*]} ..."
run "${sudo[@]}" apt-get update -qq
# `env` because sudo drops the caller's environment.
run "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"

# On a host booted with systemd the packages start their own services on every interface
# (:9090, :9100, :9093, :9115, :8428). Nothing here uses them (run-local.sh and the tests start the binaries on
# 127.0.0.1), so the ones this run installed are stopped and disabled again.
services=()
for package in prometheus prometheus-node-exporter prometheus-alertmanager prometheus-blackbox-exporter victoria-metrics; do
  [[ " ${missing[*]} " == *" $package "* ]] && services+=("$package.service")
done
if [[ ${#services[@]} -gt 0 && -d ${INFRADASH_SYSTEMD_DIR:-/run/systemd/system} ]]; then
  run "${sudo[@]}" systemctl disable --now "${services[@]}"
fi

if [[ $dry_run != 1 ]]; then
  problem=$(jdk_problem)
  if [[ -n "$problem" ]]; then
    echo "Installed $jdk_package, but $problem: set JAVA_HOME to it (ls -d /usr/lib/jvm/java-17-openjdk-*)." >&2
    exit 1
  fi
fi
