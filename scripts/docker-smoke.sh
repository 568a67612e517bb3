#!/usr/bin/env bash
# The Docker image for real: build it, run a three-node testnet in containers, restart one, clean up.
#
#   scripts/docker-smoke.sh [--ci] [--budget SECONDS] [--rm-image] [--keep-engine]
#
# 1. Engine: uses a running Docker daemon, or starts Debian's dockerd (package docker.io) as root with
#    --bridge=none --iptables=false (no bridge, no NAT rules: every container here uses host networking),
#    and stops it again at the end (--keep-engine leaves it running).
# 2. Base image: debian:bookworm-slim, made when missing without any registry: debootstrap
#    --variant=minbase bookworm from the host's own apt mirror, trimmed like Debian's slim images, and
#    `docker import`ed. It is kept for later runs.
# 3. Image: `docker build --network host -t nakamoto:smoke .` builds from source (apt and Maven in the
#    build stage reach the host's configured mirror and Maven repository; the host's extra CA certificates,
#    if any, are lent to the build stage through docker/build-ca/). Prints its size.
# 4. Testnet: three containers with host networking on free 127.0.0.1 ports, each told the others'
#    addresses with --addnode; node0 and node1 mine (one thread each), node2 relays. RPC credentials three
#    ways: node0 a password file mounted as a secret, node1 a password in the environment, node2 its cookie.
#    Waits until all three report the same best block (JSON-RPC over curl) and prints the time it took.
#    Checks that no process's command line holds an RPC password, and that the health check passes.
# 5. Restart: `docker restart` of node1 (a miner); its volume must be intact: the same miner.key, a height
#    at its first answer no lower than before, then the three agree on a tip again.
# 6. Removes the containers, volumes and files it created (the base image stays; the built image and its
#    build stage stay unless --rm-image, so the next run reuses their layers).
#
# Exit 0 with "SKIP: reason" where no container engine can run (no docker client or dockerd, not root, a
# daemon that will not start) or, under --budget, when the time left is too short; any other failure
# exits 1. Outside --ci it installs debootstrap when it needs it and can; --ci (what .ci/run passes)
# installs nothing. It never installs the engine itself.
# Traffic: containers use host networking and every node binds and dials 127.0.0.1 only; the only other
# connections are apt/debootstrap to the host's Debian mirror and Maven to its configured repository.
set -euo pipefail
cd "$(dirname "$0")/.."

ci=0
budget=""   # seconds this run may take; empty: no limit
rm_image=0
keep_engine=0
while [ $# -gt 0 ]; do
  case "$1" in
    --ci) ci=1 ;;
    --budget) budget=$2; shift ;;
    --rm-image) rm_image=1 ;;
    --keep-engine) keep_engine=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "docker-smoke: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

IMAGE=nakamoto:smoke
BASE=debian:bookworm-slim
tag="nakamoto-smoke-$$"
work=$(mktemp -d "/tmp/$tag.XXXXXX")
chmod 700 "$work"
t0=$SECONDS
started_dockerd=""
containers=()
volumes=()
step="starting"

log() { printf '[docker-smoke %3ds] %s\n' "$((SECONDS - t0))" "$*"; }
skip() { echo "SKIP: $*"; exit 0; }
fail() { echo "FAIL: $*" >&2; exit 1; }

cleanup() {
  local rc=$?
  set +e
  if [ ${#containers[@]} -gt 0 ]; then
    if [ "$rc" -ne 0 ]; then
      for c in "${containers[@]}"; do
        echo "--- last log lines of $c"
        docker logs --tail 15 "$c" 2>&1 | sed 's/^/    /'
      done
    fi
    docker rm -f "${containers[@]}" >/dev/null 2>&1
  fi
  [ ${#volumes[@]} -eq 0 ] || docker volume rm -f "${volumes[@]}" >/dev/null 2>&1
  if [ "$rm_image" -eq 1 ]; then
    docker rmi "$IMAGE" >/dev/null 2>&1
    docker image prune -f --filter label=org.nakamoto.stage=build >/dev/null 2>&1
  fi
  rm -f docker/build-ca/smoke-*.crt
  if [ -n "$started_dockerd" ] && [ "$keep_engine" -eq 0 ]; then
    kill "$started_dockerd" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$started_dockerd" 2>/dev/null || break; sleep 0.5; done
  fi
  rm -rf "$work"
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 2 ]; then
    echo "docker-smoke: failed while $step (exit $rc)" >&2
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ "${NAKAMOTO_DOCKER_SMOKE:-1}" != 0 ] || skip "NAKAMOTO_DOCKER_SMOKE=0"

remaining() { echo $((budget - (SECONDS - t0))); }
case "$budget" in
  "") ;;
  *[!0-9-]*) echo "docker-smoke: --budget takes whole seconds, not '$budget'" >&2; exit 2 ;;
  *) [ "$budget" -gt 0 ] || skip "the CI budget is already spent ($budget s left)" ;;
esac
# within SECONDS_NEEDED WHAT: under --budget, skip when less time is left than WHAT usually takes.
within() {
  [ -n "$budget" ] || return 0
  [ "$(remaining)" -ge "$1" ] || skip "$2 needs about $1 s and the CI budget has $(remaining) s left"
}
# timed CMD...: runs CMD, under --budget with at most the time left; running out is a SKIP, not a failure.
timed() {
  if [ -n "$budget" ]; then
    local rc=0
    timeout --kill-after=10 "$(remaining)" "$@" || rc=$?
    [ "$rc" -ne 124 ] && [ "$rc" -ne 137 ] || skip "the CI budget of $budget s ran out while $step"
    return "$rc"
  fi
  "$@"
}

# ---- 1. engine
step="looking for a container engine"
command -v docker >/dev/null 2>&1 || skip "no docker client on PATH (Debian: apt-get install docker.io)"
if ! docker info >/dev/null 2>&1; then
  command -v dockerd >/dev/null 2>&1 || skip "no Docker daemon runs and there is no dockerd to start (Debian: apt-get install docker.io)"
  [ "$(id -u)" -eq 0 ] || skip "no Docker daemon runs and only root can start dockerd (uid $(id -u))"
  [ ! -S /var/run/docker.sock ] || [ ! -e /var/run/docker.pid ] || skip "a dockerd pid file and socket exist but the daemon does not answer"
  log "starting dockerd (--bridge=none --iptables=false; log $work/dockerd.log)"
  setsid dockerd --bridge=none --iptables=false >"$work/dockerd.log" 2>&1 </dev/null &
  started_dockerd=$!
  for _ in $(seq 1 60); do
    docker info >/dev/null 2>&1 && break
    kill -0 "$started_dockerd" 2>/dev/null || break
    sleep 0.5
  done
  if ! docker info >/dev/null 2>&1; then
    why=$(grep -E 'level=(error|fatal)|failed' "$work/dockerd.log" | tail -1 | sed 's/.*msg="\([^"]*\)".*/\1/')
    skip "dockerd could not start: ${why:-no answer within 30 s}"
  fi
fi
log "engine: $(docker version -f 'server {{.Server.Version}}, client {{.Client.Version}}' 2>/dev/null)," \
    "storage $(docker info -f '{{.Driver}}' 2>/dev/null)"

# ---- 2. base image
step="preparing the base image $BASE"
if ! docker image inspect "$BASE" >/dev/null 2>&1; then
  within 90 "making $BASE with debootstrap"
  if ! command -v debootstrap >/dev/null 2>&1; then
    [ "$ci" -eq 0 ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 \
      || skip "$BASE is missing and debootstrap is not installed (Debian: apt-get install debootstrap)"
    log "installing debootstrap"
    DEBIAN_FRONTEND=noninteractive timed apt-get install -y -qq debootstrap >/dev/null
  fi
  # The mirror apt uses here (deb822 or one-line form), so debootstrap goes nowhere else.
  mirror=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\/debian\/\{0,1\}\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
  [ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $2 ~ /\/debian\/?$/ { print $2; exit }' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null)
  mirror=${mirror:-http://deb.debian.org/debian}
  rootfs="$work/rootfs"
  log "debootstrap --variant=minbase bookworm from $mirror"
  timed debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -5 "$work/debootstrap.log"; fail "debootstrap failed"; }
  # Trim as Debian's slim images do: no documentation, manuals or translations, now or in later installs.
  cat >"$rootfs/etc/dpkg/dpkg.cfg.d/docker-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/lintian/*
EOF
  # ... and no downloaded packages kept after an install (Debian's images ship the same hook).
  cat >"$rootfs/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
  find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  rm -rf "$rootfs"/usr/share/{man,info,lintian}/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb \
         "$rootfs"/var/lib/apt/lists/*
  find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
  # apt in the image uses the same Debian sources as this host when they are bookworm's.
  if grep -qs bookworm /etc/apt/sources.list.d/debian.sources; then
    rm -f "$rootfs/etc/apt/sources.list"
    cp /etc/apt/sources.list.d/debian.sources "$rootfs/etc/apt/sources.list.d/debian.sources"
  fi
  tar -C "$rootfs" -c . | docker import -c 'CMD ["bash"]' - "$BASE" >/dev/null
  rm -rf "$rootfs"
  log "base image $BASE made: $(docker image inspect -f '{{.Size}}' "$BASE" | awk '{ printf "%.0f MB", $1 / 1e6 }')"
else
  log "base image $BASE present"
fi

# ---- 3. image
step="building $IMAGE"
if docker image inspect "$IMAGE" >/dev/null 2>&1; then within 120 "rebuilding $IMAGE"; else within 420 "building $IMAGE"; fi
for ca in /usr/local/share/ca-certificates/*.crt; do
  [ -f "$ca" ] && cp "$ca" "docker/build-ca/smoke-$(basename "$ca")"
done
log "docker build --force-rm --network host -t $IMAGE ."
b0=$SECONDS
timed docker build --force-rm --network host -t "$IMAGE" . >"$work/build.log" 2>&1 \
  || { tail -30 "$work/build.log"; fail "docker build failed"; }
rm -f docker/build-ca/smoke-*.crt
size=$(docker image inspect -f '{{.Size}}' "$IMAGE")
log "image $IMAGE built in $((SECONDS - b0)) s: size $(awk -v s="$size" 'BEGIN { printf "%.0f MB", s / 1e6 }')"
echo "IMAGE SIZE: $(awk -v s="$size" 'BEGIN { printf "%.0f MB (%d bytes)", s / 1e6, s }')"

# ---- 4. three nodes
step="starting three nodes"
within 150 "running three nodes"
used_ports=" "
free_port() { # an unused TCP port on 127.0.0.1, not handed out before in this run
  local p
  while true; do
    p=$(( (RANDOM % 20000) + 30000 ))
    case "$used_ports" in *" $p "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && ! ss -Htln "sport = :$p" 2>/dev/null | grep -q .; then
      used_ports="$used_ports$p "
      echo "$p"
      return
    fi
  done
}
p2p=(); rpc=(); metrics=()
for i in 0 1 2; do
  p2p[i]=$(free_port); rpc[i]=$(free_port); metrics[i]=$(free_port)
done
secret=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
mkdir -p "$work/secrets"
printf '%s\n' "$secret" >"$work/secrets/rpcpassword"
chmod 0400 "$work/secrets/rpcpassword"
chown 10001:10001 "$work/secrets/rpcpassword" 2>/dev/null || chmod 0444 "$work/secrets/rpcpassword"

run_node() { # run_node I: docker run of node I with its credentials, ports and peers
  local i=$1 j creds=() args=()
  case "$i" in
    0) creds=(-e NAKAMOTO_RPCUSER=smoke -e NAKAMOTO_RPCPASSWORD_FILE=/run/secrets/rpcpassword
              -v "$work/secrets/rpcpassword:/run/secrets/rpcpassword:ro") ;;
    1) creds=(-e NAKAMOTO_RPCUSER=smoke -e "NAKAMOTO_RPCPASSWORD=$secret") ;;
    2) creds=() ;; # the cookie in its volume
  esac
  args=(--bind 127.0.0.1 --rpcbind 127.0.0.1 --metrics-bind 127.0.0.1
        --port "${p2p[i]}" --rpcport "${rpc[i]}" --metrics-port "${metrics[i]}")
  for j in 0 1 2; do
    [ "$j" = "$i" ] || args+=(--addnode "127.0.0.1:${p2p[j]}")
  done
  [ "$i" = 2 ] || args+=(--mine --miner-threads 1)
  docker run -d --name "$tag-node$i" --network host --restart unless-stopped \
    --label org.nakamoto.smoke="$tag" -v "$tag-node$i:/data" "${creds[@]}" "$IMAGE" "${args[@]}" >/dev/null
}

auth() { # auth I: user:password for node I's RPC
  case "$1" in
    0|1) echo "smoke:$secret" ;;
    2) docker exec "$tag-node2" cat /data/.cookie 2>/dev/null ;;
  esac
}
rpc() { # rpc I METHOD: the result of METHOD on node I, or nothing
  local a
  a=$(auth "$1") || return 0
  [ -n "$a" ] || return 0
  curl -s --max-time 5 --user "$a" -H 'content-type: application/json' \
    -d "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"$2\",\"params\":[]}" "http://127.0.0.1:${rpc[$1]}/" 2>/dev/null \
    | sed -n 's/.*"result":\([^,}]*\).*/\1/p' | tr -d '"' || true
}
# converge SECONDS MIN_HEIGHT: wait until all three nodes report one best block at MIN_HEIGHT or above.
converge() {
  local limit=$1 capped=0 deadline h0 h1 h2 b0 b1 b2
  if [ -n "$budget" ] && [ "$(remaining)" -lt $((limit + 20)) ]; then
    limit=$(($(remaining) - 20)); capped=1
  fi
  deadline=$((SECONDS + limit))
  while [ $SECONDS -lt $deadline ]; do
    b0=$(rpc 0 getbestblockhash); b1=$(rpc 1 getbestblockhash); b2=$(rpc 2 getbestblockhash)
    if [ -n "$b0" ] && [ "$b0" = "$b1" ] && [ "$b1" = "$b2" ]; then
      h0=$(rpc 0 getblockcount)
      if [ -n "$h0" ] && [ "$h0" -ge "$2" ]; then
        tip=$b0
        return 0
      fi
    fi
    sleep 0.5
  done
  h0=$(rpc 0 getblockcount); h1=$(rpc 1 getblockcount); h2=$(rpc 2 getblockcount)
  [ "$capped" -eq 0 ] || skip "the CI budget of $budget s ran out while $step (heights ${h0:-?} ${h1:-?} ${h2:-?})"
  fail "no common tip within $1 s: heights ${h0:-?} ${h1:-?} ${h2:-?}"
}

for i in 0 1 2; do
  volumes+=("$tag-node$i")
  containers+=("$tag-node$i")
  run_node "$i"
done
s0=$SECONDS
log "started ${containers[*]}: P2P ${p2p[*]}, RPC ${rpc[*]} on 127.0.0.1"
step="waiting for the three nodes to agree on a tip"
converge 180 5
converged=$((SECONDS - s0))
log "converged: all three at $(rpc 0 getblockcount) $tip"
echo "TIME TO CONVERGE: ${converged} s from docker run to one tip at height >= 5 on all three nodes"

step="checking peers, sockets, the process list and the health check"
for i in 0 1 2; do
  n=$(rpc "$i" getconnectioncount)
  [ -n "$n" ] && [ "$n" -ge 2 ] || fail "node$i has ${n:-no} peers, not the other two"
done
# Every socket of the three node processes is on 127.0.0.1 (host networking: they are the host's).
pids=$(for c in "${containers[@]}"; do docker inspect -f '{{.State.Pid}}' "$c"; done | tr '\n' '|')
stray=$(ss -Htanp 2>/dev/null | grep -E "pid=(${pids%|})," | awk '$1 == "LISTEN" { print $4; next } { print $4, $5 }' \
        | tr ' ' '\n' | grep -v -E '^(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\]):[0-9*]+$' | sort -u || true)
[ -z "$stray" ] || fail "node sockets off loopback: $(echo "$stray" | tr '\n' ' ')"
log "each node has 2 peers; every socket of the node processes is on 127.0.0.1 ($(ss -Htanp | grep -c -E "pid=(${pids%|}),") sockets)"
if ps -eo args | grep -F -- "$secret" | grep -v grep >/dev/null; then
  fail "the RPC password appears in the process list"
fi
log "no command line holds the RPC password ($(ps -eo args | grep -c '[n]akamoto-node.jar') node processes seen)"
health=""
for _ in $(seq 1 90); do
  health=$(docker inspect -f '{{.State.Health.Status}}' "$tag-node0")
  [ "$health" = healthy ] && break
  sleep 1
done
[ "$health" = healthy ] || fail "node0's health check says '$health'"
log "health check: node0 $health"

# ---- 5. restart one
step="restarting node1"
before=$(rpc 1 getblockcount)
key_before=$(docker exec "$tag-node1" sha256sum /data/miner.key | cut -d' ' -f1)
log "docker restart $tag-node1 at height $before"
docker restart "$tag-node1" >/dev/null
first=""
for _ in $(seq 1 120); do
  first=$(rpc 1 getblockcount)
  [ -z "$first" ] || break
  sleep 0.5
done
[ -n "$first" ] || fail "node1 does not answer RPC after its restart"
key_after=$(docker exec "$tag-node1" sha256sum /data/miner.key | cut -d' ' -f1)
[ "$key_before" = "$key_after" ] || fail "node1's miner.key changed across the restart: the volume was not kept"
[ "$first" -ge "$before" ] || fail "node1 came back at height $first, below its $before before the restart"
log "node1 back at height $first (was $before), same miner.key: volume intact"
r0=$SECONDS
converge 120 $((before + 1))
log "node1 caught up in $((SECONDS - r0)) s: all three at $(rpc 0 getblockcount) $tip"
echo "RESTART: node1 at height $before before, $first at its first answer, back on the common tip in $((SECONDS - r0)) s"

step="removing what it created"
echo "OK: image built, three containers converged in ${converged} s, restart kept the volume (total $((SECONDS - t0)) s)"
