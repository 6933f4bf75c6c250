# syntax=docker/dockerfile:1
# One image for every Kinship service of the distributed mode. SERVICE (build arg, or env at run time) names the
# folder under services/ whose src/main.ts the container runs:
#   docker build --build-arg SERVICE=registry -t kinship/registry .
#   docker run -e SERVICE=brokerage kinship/registry      # the same image runs any service
# Like `./kinship`, the image runs the TypeScript sources through @swc-node/register (docs/adr/0001): there is no
# separate compile step whose output could drift from what the tests ran.

ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
# better-sqlite3 builds from source when its prebuilt binary cannot be downloaded.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# The runtime transpiler (@swc-node/register with its peers @swc/core and typescript) and the Kafka client are
# listed under devDependencies for the embedded default; the services need them at run time, so the image's copy of
# package.json lists them as dependencies before dev dependencies are left out. Versions stay those of the lock file.
RUN node -e ' \
  const fs = require("node:fs"); \
  const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")); \
  for (const name of process.argv.slice(1)) { \
    const version = pkg.devDependencies?.[name] ?? pkg.dependencies?.[name]; \
    if (!version) { console.error(`${name} is in neither dependencies nor devDependencies`); process.exit(1); } \
    delete pkg.devDependencies[name]; \
    pkg.dependencies[name] = version; \
  } \
  fs.writeFileSync("package.json", JSON.stringify(pkg, null, 2)); \
  ' @swc-node/register @swc/core typescript kafkajs \
 && npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
# tini forwards SIGTERM to node and reaps zombies, so Kubernetes and compose can stop a service gracefully.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
# Everything is owned by root and only readable by the service's user: a compromised process cannot rewrite code.
COPY --from=dependencies /app/node_modules ./node_modules
COPY --from=dependencies /app/package.json ./package.json
COPY tsconfig.json tsconfig.base.json ./
COPY libs ./libs
COPY services ./services
ARG SERVICE=""
ENV SERVICE=${SERVICE}
# The official Node image's unprivileged user (uid 1000).
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["/bin/sh", "-c", "if [ ! -f \"services/$SERVICE/src/main.ts\" ]; then echo \"SERVICE must name a folder of services/ with src/main.ts (got '$SERVICE')\" >&2; exit 64; fi; exec node --enable-source-maps -r @swc-node/register \"services/$SERVICE/src/main.ts\""]
