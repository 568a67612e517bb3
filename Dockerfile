# nakamoto full node image.
#   docker build -t nakamoto .
#   docker run -d --name node -v nakamoto-data:/data -p 127.0.0.1:28443:28443 -p 28444:28444 nakamoto --mine
# Every nakamotod option (see README.md, "Configuration") can follow the image name; the entrypoint
# (docker/entrypoint) already sets --datadir /data and listens for P2P, RPC and metrics on all container
# interfaces: publish RPC on the host's 127.0.0.1 only. RPC credentials: the cookie in /data/.cookie, or
# the environment variables NAKAMOTO_RPCUSER and NAKAMOTO_RPCPASSWORD.

# ---- build stage: Maven with a JDK 17
FROM maven:3.9-eclipse-temurin-17 AS build
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

# ---- runtime stage: a slim JRE, a non-root user, one data volume
FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 nakamoto \
 && useradd --system --uid 10001 --gid nakamoto --home-dir /data --shell /usr/sbin/nologin nakamoto \
 && mkdir -p /data /opt/nakamoto \
 && chown nakamoto:nakamoto /data
COPY --from=build /src/node/target/nakamoto-node.jar /opt/nakamoto/
COPY --from=build /src/node/target/lib/ /opt/nakamoto/lib/
COPY --from=build /src/wallet/target/nakamoto-wallet.jar /opt/nakamoto/
COPY --from=build /src/genesis.json /opt/nakamoto/
COPY docker/entrypoint docker/nakamoto-cli docker/nakamoto-wallet /usr/local/bin/
USER nakamoto
VOLUME /data
# 28444 P2P, 28443 JSON-RPC, 28445 Prometheus metrics (local testnet defaults)
EXPOSE 28444 28443 28445
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["nakamoto-cli", "getblockcount"]
ENTRYPOINT ["entrypoint"]
CMD []
