#!/usr/bin/env bash
# Chain benchmarks: ECDSA and Schnorr verifications/s on libsecp256k1 and on Bouncy Castle (1 and 2 threads,
# ratio native/java), transactions validated/s on both engines, import speed; and, where gcc is installed,
# the same verifications in plain C against the library file the JNI binding ships (the bound for the
# native path), with the ratio Java-native/C.
# Usage: scripts/bench-chain.sh [blocks-to-import]   (default 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(date -u +%F)"
echo "load average before the run: $(cut -d" " -f1-3 /proc/loadavg)"
out=$(mktemp)
trap 'rm -rf "$out" "$out.c"' EXIT

# Plain C first, on the library the jar carries (libsecp256k1 statically inside the JNI .so, API exported).
version=$(sed -n 's:.*<secp256k1-kmp.version>\(.*\)</secp256k1-kmp.version>.*:\1:p' pom.xml)
jar="$HOME/.m2/repository/fr/acinq/secp256k1/secp256k1-kmp-jni-jvm-linux/$version/secp256k1-kmp-jni-jvm-linux-$version.jar"
if command -v gcc >/dev/null && [ -f "$jar" ] && [ "$(uname -m)" = x86_64 ]; then
    mkdir -p "$out.c" && (cd "$out.c" && unzip -q -o "$jar" 'fr/acinq/secp256k1/jni/native/linux-x86_64/*')
    lib="$out.c/fr/acinq/secp256k1/jni/native/linux-x86_64"
    gcc -O2 -o "$out.c/secp256k1_bench" chain/src/test/c/secp256k1_bench.c -L"$lib" -l:libsecp256k1-jni.so -lpthread
    LD_LIBRARY_PATH="$lib" "$out.c/secp256k1_bench" | sed 's/^C /BENCH c-libsecp256k1 /' | tee "$out"
else
    echo "BENCH c-libsecp256k1 skipped (needs gcc, x86-64 Linux and the binding's jar in ~/.m2)"
fi

mvn -q -B -ntp -pl chain test -Dtest=ChainBench -Dtest.excludedGroups= -Dsurefire.failIfNoSpecifiedTests=false \
    -Dnakamoto.fallbackTests.skip=true -Dbench.blocks="${1:-10000}" -DtrimStackTrace=false 2>&1 \
    | grep -E "BENCH|progress|ERROR|FAIL" | tee -a "$out" || true

# Java-native against plain C, same algorithm and thread count: wall-clock, and per CPU-second.
awk '/BENCH c-libsecp256k1/ { split($4, t, "="); split($5, v, "="); split($6, u, "="); c[$3 "/" t[2]] = v[2]; cu[$3 "/" t[2]] = u[2] }
     /BENCH (ecdsa|schnorr)-verify engine=native threads=/ { split($4, t, "="); split($5, v, "="); split($6, u, "=");
         j[$2 "/" t[2]] = v[2]; ju[$2 "/" t[2]] = u[2] }
     END { for (k in j) if (k in c) printf "BENCH %s threads=%s ratio java-native/c: wall-clock %.2f, per-cpu-second %.2f\n",
               substr(k, 1, index(k, "/") - 1), substr(k, index(k, "/") + 1), j[k] / c[k], ju[k] / cu[k] }' "$out" | sort
