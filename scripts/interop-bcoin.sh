#!/usr/bin/env bash
# nakamoto against bcoin (an independent segwit node, JavaScript) on Bitcoin regtest, all on 127.0.0.1:
# connections both ways, blocks mined on each side, witness transactions relayed both ways and confirmed on
# both, then each node restarted and the two agreeing again (node/.../interop/BcoinInteropIT).
#
# Usage: scripts/interop-bcoin.sh            (installs bcoin into .bcoin/ on first use, then runs the test)
#        BCOIN_DIR=/some/dir scripts/interop-bcoin.sh   (a directory with node_modules/bcoin already)
#
# bcoin is the npm registry's latest, 1.0.2. Its LevelDB binding (leveldown 4) no longer builds against
# current Node.js, so leveldown is overridden with 5.6.0, which ships prebuilt binaries; install scripts are
# not run (npm 11's default), so bcrypto runs its JavaScript backend (NODE_BACKEND=js).
# Network: npm talks to its registry during the install only; the test itself dials nothing but 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v node >/dev/null || { echo "Node.js is not installed (need node >= 18); nothing to run" >&2; exit 1; }
dir="${BCOIN_DIR:-$PWD/.bcoin}"
if [ ! -f "$dir/node_modules/bcoin/bin/node" ]; then
    mkdir -p "$dir"
    cat > "$dir/package.json" <<'JSON'
{
  "name": "nakamoto-interop-bcoin",
  "private": true,
  "overrides": { "leveldown": "5.6.0" }
}
JSON
    (cd "$dir" && npm install --no-audit --no-fund bcoin@1.0.2)
fi
echo "bcoin $(node "$dir/node_modules/bcoin/bin/node" --version) from $dir, node $(node --version)"
mvn -q -B -ntp -o -pl node -am test -Dtest=BcoinInteropIT -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbcoin.dir="$dir" -DtrimStackTrace=false
echo "interop with bcoin: passed"
