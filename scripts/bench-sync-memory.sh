#!/usr/bin/env bash
# Node memory after syncing N blocks from a peer: node A (regtest) mines N blocks with
# generatetoaddress; node B, fresh, syncs them headers-first over P2P on 127.0.0.1; then B's RSS is read.
# Usage: scripts/bench-sync-memory.sh [blocks]   (default 10000). Needs the node jar (built if missing).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
n="${1:-10000}"
jar="$root/node/target/nakamoto-node.jar"
[[ -f "$jar" ]] || (cd "$root" && mvn -q -B -DskipTests package)
tmp="$(mktemp -d)"; trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$tmp"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pa=$(free_port); ra=$(free_port); pb=$(free_port); rb=$(free_port)
cli() { java -cp "$jar" org.nakamoto.node.cli.NakamotoCli --network regtest --datadir "$1" --rpcport "$2" "${@:3}"; }
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
java -jar "$jar" --network regtest --datadir "$tmp/a" --port "$pa" --rpcport "$ra" > "$tmp/a.log" 2>&1 &
until [[ -f "$tmp/a/.cookie" ]]; do sleep 0.2; done
addr=mzBc4XEFSdzCDcTxAgf6EZXgsZWpztRhef   # regtest P2PKH address (hash160 of nothing in particular)
for (( done = 0; done < n; done += 1000 )); do cli "$tmp/a" "$ra" generatetoaddress $(( n - done < 1000 ? n - done : 1000 )) "$addr" > /dev/null; done
echo "node A mined $(cli "$tmp/a" "$ra" getblockcount) blocks"
start=$(date +%s.%N)
java -jar "$jar" --network regtest --datadir "$tmp/b" --port "$pb" --rpcport "$rb" --connect "127.0.0.1:$pa" > "$tmp/b.log" 2>&1 &
bpid=$!
until [[ -f "$tmp/b/.cookie" ]]; do sleep 0.2; done
until [[ "$(cli "$tmp/b" "$rb" getblockcount)" == "$n" ]]; do sleep 0.5; done
end=$(date +%s.%N)
echo "node B synced $n blocks in $(echo "$end - $start" | bc) s (including its start-up)"
echo "node B RSS after sync: $(( $(ps -o rss= -p "$bpid") / 1024 )) MB (default JVM options)"
cli "$tmp/b" "$rb" stop > /dev/null; cli "$tmp/a" "$ra" stop > /dev/null
