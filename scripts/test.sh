#!/usr/bin/env bash
# The test command, the README's and CI's (.ci/run runs exactly this): installs what the tests
# need when missing (a JDK 17+, Prometheus with promtool, node_exporter, Chromium, chromedriver:
# scripts/install-deps.sh --test), then runs the whole suite, unit and integration/browser tests.
# A script rather than a Maven step because ./mvnw itself needs the JDK it would install.
# Extra arguments go to Maven, e.g. `scripts/test.sh -o` or `scripts/test.sh -Dit.test=CollectorIT`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test
exec ./mvnw -B -ntp verify "$@"
