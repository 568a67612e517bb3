# nakamoto full node image, built from source on Debian 12 (bookworm) packages only.
#
#   docker build --network host -t nakamoto:local .
#   docker run -d --name node --network host -v nakamoto-data:/data nakamoto:local \
#       --bind 127.0.0.1 --rpcbind 127.0.0.1 --mine --miner-threads 1
#
# Base: debian:bookworm-slim, from a registry or made locally without one (scripts/docker-smoke.sh does
# `debootstrap --variant=minbase bookworm` against the host's apt mirror and `docker import`s it). Both
# stages install only Debian packages: openjdk-17-jdk-headless and maven to build, openjdk-17-jre-headless
# to run. `--network host` lets apt and Maven in the build stage reach the host's configured Debian mirror
# and Maven repository (the build machines have no other route out); where that route passes a
# TLS-inspecting proxy, its CA goes in docker/build-ca/ for the build stage only.
#
# Every nakamotod option (README.md, "Configuration") can follow the image name. The entrypoint
# (docker/entrypoint) adds --datadir /data, --metrics-port 28445 and binds P2P, RPC and metrics to 0.0.0.0
# unless the command line sets them; under host networking pass --bind/--rpcbind/--metrics-bind 127.0.0.1.
# Heap: JAVA_OPTS defaults to "-Xmx1g -XX:+ExitOnOutOfMemoryError" (a node out of memory exits and its
# restart policy brings it back); override with -e JAVA_OPTS=... . RPC credentials: the cookie in
# /data/.cookie, or NAKAMOTO_RPCUSER with NAKAMOTO_RPCPASSWORD_FILE (a secret file) or
# NAKAMOTO_RPCPASSWORD; the password is handed to the node as a file, never on its command line.

# ---- build stage: Debian's JDK 17 and Maven
FROM debian:bookworm-slim AS build
LABEL org.nakamoto.stage=build
# Extra CAs for this stage only (docker/build-ca/README.md): installed before the JDK so that Java's
# trust store takes them in too.
COPY docker/build-ca/ /usr/local/share/ca-certificates/
# (The JDK's post-install links its manual pages: slim images drop /usr/share/man, so make the folder.)
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven \
 && apt-get clean && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first, so source edits reuse the cached layer.
COPY pom.xml genesis.json ./
COPY chain/pom.xml chain/
COPY miner/pom.xml miner/
COPY p2p/pom.xml p2p/
COPY wallet/pom.xml wallet/
COPY node/pom.xml node/
RUN mvn -q -B -ntp dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN mvn -q -B -ntp -DskipTests package

# ---- runtime stage: Debian's headless JRE 17, a non-root user, one data volume
FROM debian:bookworm-slim
RUN mkdir -p /usr/share/man/man1 \
 && apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && apt-get clean && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 nakamoto \
 && useradd --system --uid 10001 --gid nakamoto --home-dir /data --shell /usr/sbin/nologin nakamoto \
 && mkdir -p /data /opt/nakamoto \
 && chown nakamoto:nakamoto /data
COPY --from=build /src/node/target/nakamoto-node.jar /opt/nakamoto/
COPY --from=build /src/node/target/lib/ /opt/nakamoto/lib/
COPY --from=build /src/wallet/target/nakamoto-wallet.jar /opt/nakamoto/
COPY --from=build /src/genesis.json /opt/nakamoto/
COPY docker/entrypoint docker/nakamoto-cli docker/nakamoto-wallet docker/nakamoto-rpcpassword-file /usr/local/bin/
ENV JAVA_OPTS="-Xmx1g -XX:+ExitOnOutOfMemoryError"
USER nakamoto
VOLUME /data
# 28444 P2P, 28443 JSON-RPC, 28445 Prometheus metrics (local testnet defaults)
EXPOSE 28444 28443 28445
HEALTHCHECK --interval=30s --timeout=20s --start-period=60s --retries=3 \
  CMD ["nakamoto-cli", "getblockcount"]
ENTRYPOINT ["entrypoint"]
CMD []
