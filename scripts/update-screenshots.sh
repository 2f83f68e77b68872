#!/usr/bin/env bash
# Re-takes the README's screenshots with the browser tests and copies them to docs/screenshots.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test   # Chromium and the rest, when missing
./mvnw -q -B -ntp verify -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false -Dit.test='*BrowserIT'
mkdir -p docs/screenshots
find target/screenshots -name "*.png" ! -name "*failure*" -exec cp {} docs/screenshots/ \;
ls -1 docs/screenshots
