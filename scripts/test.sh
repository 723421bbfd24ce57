#!/usr/bin/env bash
# Runs the whole Lantern test suite: unit tests, ingest checked against an
# independent Python reading of the real sample data, and the real binary
# end to end. Benchmarks are not run here.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --build-tests
swift test --skip-build "$@"
