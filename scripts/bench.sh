#!/usr/bin/env bash
# Infradash benchmark: a real Prometheus + node_exporters + GPU stub, the production jar and
# headless Chromium, all on 127.0.0.1. Not a test: run it by hand.
#
#   scripts/bench.sh          # the grid (N x M, naive comparison, 60 s soak), prints a table
#   scripts/bench.sh queries  # what each part of the cycle's combined query costs Prometheus (N=500; BENCH_N=500,2000)
#   scripts/bench.sh detail   # where a detail view's 1 h / 7 d load goes, server side (N=500, no app)
#   scripts/bench.sh flood    # what 50,000 anonymous UI requests cost (BENCH_FLOOD_REQUESTS)
#   scripts/bench.sh overview # find and compare with 500 servers, server side (issue 15; no Prometheus, no jar)
#   scripts/bench.sh overview-ui # the same in Chromium against the production jar and a real Prometheus:
#                             ?status=down painted, a search keystroke, the table scrolled, heap per session
#   scripts/bench.sh soak     # only the soak (N=3, no grid cells), 600 s unless BENCH_SOAK_SECONDS says otherwise
#
# Knobs (environment): BENCH_N=3,50,500 (2000 adds the N=2,000 row: BENCH_N=500,2000 BENCH_M=1,100)  BENCH_M=1,20,100  BENCH_MAX_TABS=100 (M above it is
# trimmed)  BENCH_CYCLES=8  BENCH_NAIVE_CYCLES=3  BENCH_SOAK_SECONDS=60 (0 = no soak)
# BENCH_SCRAPE_SECONDS=15  BENCH_REFRESH_SECONDS=5  BENCH_JAR=target/infradash-*.jar
# BENCH_APP_JVM_OPTS="-XX:MaxRAM=512m -XX:+UseSerialGC -XX:MaxRAMPercentage=40 -XX:+ExitOnOutOfMemoryError"
# (the container's sizing: Dockerfile + compose mem_limit 512m)
# BENCH_SKIP_BUILD=1 reuses target/ as it is.
# Needs: prometheus, prometheus-node-exporter, chromium, chromium-driver: installed when missing (scripts/install-deps.sh --test).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test   # what it starts, when missing

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
    echo "[bench] building the production jar and the test classes (scripts/build-production.sh)"
    bash scripts/build-production.sh -q
fi
if [[ ! -s target/bench-classpath.txt || pom.xml -nt target/bench-classpath.txt ]]; then
    ./mvnw -q -B -ntp dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
main=dev.infradash.bench.InfradashBench
if [[ "${1:-}" == queries ]]; then
    main=dev.infradash.bench.QueryCostBench
    shift
elif [[ "${1:-}" == detail ]]; then
    main=dev.infradash.bench.DetailLoadBench
    shift
elif [[ "${1:-}" == overview-ui ]]; then
    main=dev.infradash.bench.OverviewBrowserBench
    shift
elif [[ "${1:-}" == overview ]]; then
    main=dev.infradash.fleet.OverviewFindBench
    shift
elif [[ "${1:-}" == flood ]]; then
    main=dev.infradash.bench.AnonymousFloodBench
    shift
fi
exec java -Xmx512m -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" "$main" "$@"
