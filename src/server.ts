import 'reflect-metadata';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault, ApolloServerPluginLandingPageProductionDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express from 'express';
import mongoose from 'mongoose';
import { identifyRequestCaller } from './core/auth';
import { clientAddressOf } from './core/client-address';
import { createCaches, type Caches } from './core/cache';
import { APQ_TTL_SECONDS } from './core/cache/apq-cache';
import { CachePolicyAnalyser, createResponseCache, createResponseCachePlugin, INVALID_JSON_MESSAGE } from './core/cache/response-cache';
import type { AppConfig } from './core/config';
import { createContext, requestIdFrom, type Context } from './core/context';
import { ErrorCode } from './core/errors';
import { GraphQLError, type ValidationContext } from 'graphql';
import type { Logger } from './core/logger';
import { createErrorMaskingPlugin, formatError } from './core/plugins/error-masking.plugin';
import { createRateLimits } from './core/rate-limit';
import { createServices, type Services } from './core/services';
import { buildAppSchema } from './schema';

export interface AppDependencies {
  config: AppConfig;
  logger: Logger;
  services?: Services;
  /** Default: built from the config (Redis or in-process) and closed when Apollo stops. */
  caches?: Caches;
}

export interface App {
  app: express.Express;
  httpServer: http.Server;
  apollo: ApolloServer<Context>;
  caches: Caches;
}

/**
 * Builds the HTTP app: express 5 with body limits, health endpoints and Apollo Server 5 at /graphql.
 * Does not listen; `index.ts` does, tests use the returned server on an ephemeral port.
 */
export async function createApp({ config, logger, services: givenServices, caches: givenCaches }: AppDependencies): Promise<App> {
  const caches = givenCaches ?? (await createCaches(config, logger));
  const services = givenServices ?? createServices({ cacheInvalidation: caches.invalidation });
  const schema = await buildAppSchema();
  const responseCacheOptions = { store: caches.store, metrics: caches.metrics, enabled: caches.responseCacheEnabled };
  const responseCache = createResponseCache(responseCacheOptions, config.maxBodyBytes);
  const app = express();
  app.disable('x-powered-by');
  // Response-cache hits are answered before express (see response-cache.ts): the hot path stays short.
  const httpServer = http.createServer((request, response) => responseCache.fastPath(request, response, () => app(request, response)));
  // ── Rate limits (src/core/rate-limit): cost ceiling, per-caller budgets and concurrency in `plugin`
  // (listed after the response-cache plugin, see its JSDoc); the client address from TRUST_PROXY;
  // failed credentials throttled per address; `allowCachedHit(address)` for the cache's fast path.
  // The cost ceiling replaces graphql-armor's costLimit: it knows the schema's weights and the variables.
  const rateLimits = await createRateLimits(config, logger, schema);
  const clientAddressOfRequest = (request: http.IncomingMessage) => clientAddressOf(request.socket.remoteAddress, request.headers['x-forwarded-for'], config.trustProxy);
  // ── end of rate limits
  const rejection = { propagateOnRejection: false, onReject: [reportLimitExceeded] };
  const armor = new ApolloArmor({
    maxDepth: { n: config.maxQueryDepth, ...rejection },
    maxAliases: { n: config.maxAliases, ...rejection },
    costLimit: { enabled: false },
    maxTokens: { n: 5000, ...rejection },
    blockFieldSuggestion: { enabled: config.nodeEnv === 'production' },
  }).protect();

  const apollo = new ApolloServer<Context>({
    schema,
    // Automatic persisted queries (hash → query) live in the shared cache, so every process knows them.
    persistedQueries: { cache: caches.persistedQueries, ttl: APQ_TTL_SECONDS },
    introspection: config.introspection,
    csrfPrevention: true,
    // index.ts owns the signal handlers: it also closes MongoDB and the embedded server, in order.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError,
    validationRules: armor.validationRules,
    plugins: [
      ...armor.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      createErrorMaskingPlugin(),
      // Cache-Control comes from a static analysis per document (response-cache.ts), not a per-field hook.
      ApolloServerPluginCacheControlDisabled(),
      createResponseCachePlugin(responseCacheOptions, new CachePolicyAnalyser(schema)),
      // After the response cache: its stored bodies must not carry one caller's extensions.cost.
      rateLimits.plugin,
      ...(givenCaches ? [] : [{ serverWillStart: async () => ({ serverWillStop: () => caches.close() }) }]),
      config.sandbox
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
        : config.nodeEnv === 'production'
          ? ApolloServerPluginLandingPageDisabled()
          : ApolloServerPluginLandingPageProductionDefault({ footer: false }),
    ],
  });
  await apollo.start();

  app.get('/health/live', (_request, response) => {
    response.json({ status: 'ok' });
  });
  app.get('/health/ready', (_request, response) => {
    const mongoReady = mongoose.connection.readyState === 1;
    response.status(mongoReady ? 200 : 503).json({ status: mongoReady ? 'ok' : 'unavailable', mongo: mongoReady });
  });
  app.get('/metrics/cache', (_request, response) => {
    response.json({ store: caches.store.kind, ...caches.metrics.snapshot() });
  });

  app.use(
    '/graphql',
    express.json({ limit: config.maxBodyBytes }),
    responseCache.middleware,
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const clientAddress = clientAddressOfRequest(req);
        const caller = await identifyRequestCaller(req.headers, { adminToken: config.adminToken, apiKeys: services.apiKeys, clientAddress, credentialFailures: rateLimits.credentialFailures });
        return createContext({ logger, services, entityCache: caches.entityCache }, { caller, clientAddress, requestId: requestIdFrom(req.headers['x-request-id']) });
      },
    }),
  );

  app.use((error: unknown, _request: express.Request, response: express.Response, next: express.NextFunction) => {
    if (response.headersSent) return next(error);
    const status = (error as { status?: number }).status ?? 500;
    const code = status === 413 ? ErrorCode.PayloadTooLarge : status < 500 ? ErrorCode.BadUserInput : ErrorCode.InternalServerError;
    const message =
      status === 413 ? `The request body is larger than ${config.maxBodyBytes} bytes.` : status < 500 ? INVALID_JSON_MESSAGE : 'Internal server error.';
    if (status >= 500) logger.error({ err: error }, 'unexpected error in the HTTP layer');
    response.status(status).json({ errors: [{ message, extensions: { code } }] });
  });

  return { app, httpServer, apollo, caches };
}

/**
 * graphql-armor throws its rejections as "Syntax Error: …", which misleads clients; report them as
 * plain validation errors instead (Apollo gives them the code GRAPHQL_VALIDATION_FAILED).
 */
function reportLimitExceeded(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '')));
}
