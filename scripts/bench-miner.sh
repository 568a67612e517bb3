#!/usr/bin/env bash
# Miner benchmark: hashes/s with 1 and 2 threads beside the bound measured in the same run by
# `openssl speed -evp sha256 -bytes 16384` (bytes/s / 64 = compressions/s; two compressions per nonce).
# Usage: scripts/bench-miner.sh [seconds-per-run]   (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
mvn -q -B -ntp -pl chain,miner -am -DskipTests package
cp="miner/target/classes:chain/target/classes:$(ls ~/.m2/repository/org/bouncycastle/bcprov-jdk18on/*/bcprov-jdk18on-*.jar | tail -1)"
cp="$cp:$(ls ~/.m2/repository/org/slf4j/slf4j-api/*/slf4j-api-*.jar | tail -1)"
exec java --add-opens=java.base/sun.security.provider=ALL-UNNAMED -cp "$cp" org.nakamoto.miner.MinerBench "${1:-10}" 0 all
