# syntax=docker/dockerfile:1
# Build: compile TypeScript with dev dependencies. --ignore-scripts: the
# package's `prepare` would build before the sources are copied (it runs
# below instead), and no dependency's install script is needed to compile.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY test ./test
COPY bench ./bench
RUN npx tsc -p tsconfig.json

# Run: production dependencies and the compiled service only, as a non-root user.
# The container expects an external PostgreSQL (DATABASE_URL + SECRET_KEY), so
# the optional embedded-postgres package (PostgreSQL's binaries, ~60 MB) stays
# out: --omit=optional. Without DATABASE_URL the service says so in one line.
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/src ./dist/src
USER node
EXPOSE 3000
# On the port the server listens on (PORT, as the server reads it; 3000 when unset or empty).
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# A 4 MiB young generation keeps peak RSS near the steady state under load (docs/performance.md).
# node is PID 1's command itself (exec form, no shell, no npm): SIGTERM from `docker stop` reaches the server.
# The command line is in the image too: docker exec <container> node dist/src/bootstrap/cli.js help
CMD ["node", "--max-semi-space-size=8", "dist/src/bootstrap/main.js"]
