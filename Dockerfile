# syntax=docker/dockerfile:1
# Infradash container image. Build: `docker compose build` (or `docker build -t infradash:local .`).
# Runs the same production build as everywhere else: scripts/build-production.sh.

# ---- build stage ---------------------------------------------------------------------------
# Node for Vaadin's frontend build (Vite). Vaadin 24.9 needs Node >= 20; the Maven image has
# none, and Ubuntu's own nodejs package is 18. Without a Node on the PATH Vaadin would download
# one from nodejs.org at build time, which works only where nodejs.org is reachable (on a normal
# machine it is). Copying it from the pinned official Node image instead needs nothing but the
# registry the other images come from, and pins the version.
FROM node:20.18.0-bookworm-slim AS node

FROM maven:3.9.9-eclipse-temurin-17 AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version
# The maven image sets MAVEN_CONFIG=/root/.m2, which older wrapper scripts passed to Maven as an
# argument; this build does not use it.
ENV MAVEN_CONFIG=""
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY scripts/build-production.sh scripts/build-production.sh
COPY frontend frontend
COPY src src
# The Maven wrapper downloads the Maven version .mvn/wrapper pins; dependencies and npm packages
# are cached between builds (BuildKit cache mounts, not part of the image).
RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,target=/root/.npm \
    bash scripts/build-production.sh

# ---- runtime stage -------------------------------------------------------------------------
FROM eclipse-temurin:17.0.15_6-jre-noble
# curl for the HEALTHCHECK (the Temurin images ship it today; installed if a future tag does not)
RUN command -v curl >/dev/null \
 || (apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*)
RUN groupadd --system --gid 10001 infradash \
 && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin infradash \
 && mkdir -p /app /data /targets \
 && chown 10001:10001 /data /targets
COPY --from=build /build/target/infradash-*.jar /app/infradash.jar

# Inside the container the app listens on all interfaces; what is reachable from outside is
# decided by the published port (docker-compose.yml). Paths are the volumes below.
ENV SERVER_ADDRESS=0.0.0.0 \
    SERVER_PORT=8080 \
    INFRADASH_DATA_DIR=/data \
    INFRADASH_TARGETS_FILE=/targets/targets.json
# /data: users.json (bcrypt hashes) and audit.jsonl. /targets: the file_sd file shared with Prometheus.
VOLUME ["/data", "/targets"]
USER 10001:10001
WORKDIR /app
EXPOSE 8080
# /api/health is open without login (SecurityConfiguration); DEGRADED (Prometheus away) is still 200.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT:-8080}/api/health" || exit 1
# Sized for a 512 MB container: heap at most 40 % of the limit (205 MB; 500 servers and 100 open
# tabs need ~95 MB after GC), the rest for metaspace, code, threads and websocket buffers, which
# measured ~230 MB under 100 tabs (scripts/bench.sh): at 60 % the loaded RSS passed 512 MB. An
# OutOfMemoryError ends the JVM so the restart policy brings up a clean one.
# Add JVM flags with JDK_JAVA_OPTIONS (read by the java launcher) without rebuilding. An empty one
# is unset first: the launcher would log "Picked up JDK_JAVA_OPTIONS:" at every start. exec: java
# is PID 1 and gets Docker's SIGTERM for the graceful shutdown.
ENTRYPOINT ["sh", "-c", "if [ -z \"${JDK_JAVA_OPTIONS:-}\" ]; then unset JDK_JAVA_OPTIONS; fi; exec java -XX:MaxRAMPercentage=40 -XX:+ExitOnOutOfMemoryError -jar /app/infradash.jar \"$@\"", "infradash"]
