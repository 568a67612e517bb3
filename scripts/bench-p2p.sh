#!/usr/bin/env bash
# P2P benchmarks: block propagation over a 10-node network (small and ~1 MB blocks) and
# headers-first sync speed. Tagged "bench" tests, excluded from the normal build.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
mvn -B -ntp -pl p2p -am test -Dsurefire.failIfNoSpecifiedTests=false -Dtest='org.nakamoto.p2p.*Bench' -Dtest.excludedGroups= \
  2>&1 | grep -E "BENCH|propagation|sync|median|Tests run|FAIL" || true
