#!/usr/bin/env bash
# Chain benchmarks: ECDSA verifications/s, transactions validated/s, import speed.
# Usage: scripts/bench-chain.sh [blocks-to-import]   (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
mvn -q -B -ntp -pl chain test -Dtest=ChainBench -Dtest.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.blocks="${1:-10000}" -DtrimStackTrace=false 2>&1 | grep -E "BENCH|progress|ERROR|FAIL" || true
