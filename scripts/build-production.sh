#!/usr/bin/env bash
# The production build of Infradash: the single place that says how the shipped jar is made.
# Used by the Dockerfile, scripts/run-local.sh and the README. Output: target/infradash-<version>.jar
# (Vaadin frontend bundle compiled in, dev tools excluded by the `production` profile in pom.xml).
# Extra arguments go to Maven, e.g. `scripts/build-production.sh -q`.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -ntp -Pproduction -DskipTests package "$@"
