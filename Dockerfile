# syntax=docker/dockerfile:1
# SkillAtlas GraphQL API: docker build -t skillatlas . (or docker compose up --build)

# ---- build: all dependencies, TypeScript → dist/ ----------------------------------------------
FROM node:24-slim AS build
WORKDIR /app
# Install scripts are skipped: none is needed to build, and mongodb-memory-server's would
# download a mongod binary (the image always talks to a real MongoDB through MONGODB_URI).
ENV MONGOMS_DISABLE_POSTINSTALL=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY seeds ./seeds
RUN npm run build && test -f dist/src/index.js

# ---- production dependencies only -------------------------------------------------------------
FROM node:24-slim AS deps
WORKDIR /app
ENV MONGOMS_DISABLE_POSTINSTALL=1
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force

# ---- runtime ----------------------------------------------------------------------------------
FROM node:24-slim AS runtime
WORKDIR /app
# HOST=0.0.0.0: in a container the server must listen on every interface (outside one it defaults to 127.0.0.1).
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    MONGOMS_DISABLE_POSTINSTALL=1
COPY --chown=root:root package.json ./
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
# The seeder reads the data sets from <project root>/seeds/data (the folder holding package.json).
COPY --chown=root:root seeds/data ./seeds/data
COPY --chown=root:root NOTICE ./
# The code and dependencies stay root-owned (read-only for the app); the app runs as "node".
USER node
EXPOSE 4000
CMD ["node", "dist/src/index.js"]
