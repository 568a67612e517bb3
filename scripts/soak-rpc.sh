#!/usr/bin/env bash
# RPC soak (issue 17): a real regtest nakamotod on 127.0.0.1 under the RPC attacks at full size: 4,200 idle
# sockets, 400 connections guessing passwords for 8 s, a batch of 50,000 gettxoutsetinfo calls. Prints one
# "soak" line per figure (recorded in docs/robustness.md); fails if RPC stops answering within a second, if idle
# sockets outlive --rpcservertimeout, or if guesses pass the global limit. Outside the suite: about a minute.
# Usage: scripts/soak-rpc.sh [idle-sockets] [guessing-connections] [guess-seconds] [rpcservertimeout]
#        (default: 4200 400 8 10)
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
# Within one reactor build (nothing installed into ~/.m2): only RpcSoakTest runs, in node's test phase.
mvn -q -B -ntp -o -pl node -am test -Dtest=RpcSoakTest -Dtest.excludedGroups= \
    -Dsurefire.failIfNoSpecifiedTests=false -DtrimStackTrace=false \
    -Dsoak.rpc.idle="${1:-4200}" -Dsoak.rpc.guessers="${2:-400}" -Dsoak.rpc.guessSeconds="${3:-8}" \
    -Dsoak.rpc.timeout="${4:-10}" 2>&1 | grep --line-buffered -E "^soak|ERROR|FAIL|Tests run" || true
