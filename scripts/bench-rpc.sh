#!/usr/bin/env bash
# RPC throughput and memory of a real nakamotod (results in docs/benchmarks.md).
# Starts nakamotod on regtest in a temporary data directory, mines BLOCKS blocks with generatetoaddress,
# records the process RSS, then loads getblockcount and getblock with wrk (POST bodies, Basic auth).
# Needs: java 17, maven (to build the jar once), wrk (Debian: apt-get install -y wrk), curl.
# Usage: scripts/bench-rpc.sh [BLOCKS=10000] [DURATION=20s] [CONNECTIONS=16] [THREADS=2]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
BLOCKS="${1:-10000}"; DURATION="${2:-20s}"; CONNS="${3:-16}"; THREADS="${4:-2}"
ADDR=mfcHP2WMCVLsVZA8yrovmhMgxNFW9r98xw   # any regtest P2PKH address
dir="$(mktemp -d)"; rpcport=$((20000 + RANDOM % 10000)); p2pport=$((rpcport + 1))
"$root/bin/nakamotod" --network regtest --datadir "$dir" --rpcport "$rpcport" --port "$p2pport" >"$dir/out.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
for _ in $(seq 1 300); do [[ -f "$dir/.cookie" ]] && break; sleep 0.2; done
auth="$(cat "$dir/.cookie")"
rpc() { curl -s --user "$auth" --data-binary "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"$1\",\"params\":$2}" "http://127.0.0.1:$rpcport/"; }
until rpc getblockcount '[]' | grep -q '"error":null'; do sleep 0.2; done
echo "rss_after_start_kb=$(ps -o rss= -p "$pid")"
start=$(date +%s.%N)
left=$BLOCKS
while (( left > 0 )); do n=$(( left < 1000 ? left : 1000 )); rpc generatetoaddress "[$n,\"$ADDR\"]" >/dev/null; left=$((left - n)); done
end=$(date +%s.%N)
echo "generated=$(rpc getblockcount '[]')"
echo "generate_seconds=$(echo "$end - $start" | bc)"
echo "rss_after_${BLOCKS}_blocks_kb=$(ps -o rss= -p "$pid")"
hash=$(rpc getblockhash "[$((BLOCKS / 2))]" | sed 's/.*"result":"\([0-9a-f]*\)".*/\1/')
lua="$dir/post.lua"
cat >"$lua" <<'LUA'
wrk.method = "POST"
wrk.body = os.getenv("RPC_BODY")
wrk.headers["Content-Type"] = "text/plain"
wrk.headers["Authorization"] = "Basic " .. os.getenv("RPC_AUTH")
function response(status, headers, body)
  if status ~= 200 then error("HTTP " .. status) end
end
LUA
export RPC_AUTH="$(printf '%s' "$auth" | base64 -w0)"
for body in '{"jsonrpc":"1.0","id":1,"method":"getblockcount","params":[]}' \
            "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"getblock\",\"params\":[\"$hash\",1]}"; do
  export RPC_BODY="$body"
  echo "== wrk -t$THREADS -c$CONNS -d$DURATION $body"
  wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" --latency -s "$lua" "http://127.0.0.1:$rpcport/" | grep -E 'Requests/sec|Latency|50%|99%|requests in|Non-2xx|errors'
done
echo "rss_after_load_kb=$(ps -o rss= -p "$pid")"
rpc stop '[]' >/dev/null
wait "$pid" || true
