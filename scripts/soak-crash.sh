#!/usr/bin/env bash
# Crash soak: real nakamotod processes, one importing a block file and one mining on regtest,
# killed with SIGKILL at random moments and restarted on the same data directory, ROUNDS times each. After
# every kill: the store opens, its tip is an accepted block no lower than the last one reported, and its
# UTXO set equals a rebuild from the stored blocks. Outside the test suite; figures in docs/robustness.md.
# Usage: scripts/soak-crash.sh [rounds] [import|mine|both]   (default: 500 both; about 1 hour per mode)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-500}"
case "${2:-both}" in
  import) modes=import ;; mine) modes=mine ;; both) modes=import,mine ;;
  *) echo "usage: $0 [rounds] [import|mine|both]" >&2; exit 2 ;;
esac
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
# Within one reactor build (nothing installed into ~/.m2): only CrashSoakTest runs, in node's test phase.
mvn -q -B -ntp -pl node -am test -Dtest=CrashSoakTest -Dtest.excludedGroups= \
    -Dsurefire.failIfNoSpecifiedTests=false -DtrimStackTrace=false \
    -Dsoak.rounds="$rounds" -Dsoak.modes="$modes" 2>&1 | grep --line-buffered -E "^soak|^round|ERROR|FAIL|Tests run" || true
