#!/usr/bin/env bash
# Runs the whole Lantern test suite: unit tests, ingest checked against an
# independent Python reading of the real sample data, the real binary end to
# end (tmux), and the live AWS sources against moto and a loopback stub.
# Benchmarks are not run here.
#
# Arguments go to `swift test` (e.g. --filter CaseKeyTests) and run one pass.
# Without arguments the live-AWS suites run first, on their own: they are
# async with one-minute time limits, and on a 2-core machine the rest of the
# suite (long synchronous tmux and ingest tests) would hold the cooperative
# thread pool and starve them past those limits.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build --build-tests
if [ $# -gt 0 ]; then
    exec swift test --skip-build "$@"
fi
live='MotoIntegrationTests|CloudTrailLookupTests|AthenaTests|GuardDutyTests|LiveActivityFetchTests'
swift test --skip-build --filter "$live"
swift test --skip-build --skip "$live"
