import 'reflect-metadata';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express from 'express';
import { GraphQLError, type DocumentNode, type ValidationContext } from 'graphql';
import { LRUCache } from 'lru-cache';
import { createContext, type Context } from './app/context';
import { createServices, type Services } from './app/services';
import { abandonAbortedResolvers } from './core/abandoned-requests';
import { clientAddressResolver } from './core/client-address';
import { createCaches, type Caches } from './core/cache';
import { PERSISTED_QUERY_TTL_SECONDS } from './core/cache/cache-policy';
import { installRequestScope, openRequestScope } from './core/cache/request-scope';
import { createResponseCachePlugin } from './core/cache/response-cache.plugin';
import type { AppConfig } from './core/config';
import { requestIdFrom } from './core/context';
import { createHealthRoutes } from './core/http/health-routes';
import { createCorsPolicy } from './core/http/cors-policy';
import { graphqlBodyParser, httpErrorHandler, identifyCallerMiddleware, type GraphQLRequestLocals } from './core/http/graphql-body';
import { requestDeadline } from './core/http/request-deadline';
import { settleNow } from './core/settle-now';
import type { Logger } from './core/logger';
import { createErrorMaskingPlugin, createFormatError } from './core/plugins/error-masking.plugin';
import { createIntrospectionPolicyPlugin } from './core/plugins/introspection-policy.plugin';
import { createRateLimits } from './core/rate-limit';
import { createMetrics, createMetricsRoute, type AppMetrics } from './core/metrics';
import type { EntityChanges } from './core/entity-changes';
import { createEntityChanges } from './app/entity-change-listeners';
import { buildAppSchema } from './schema';
import { PlanCache } from './modules/learning-plan/plan-cache';

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
  /** Prometheus metrics of this instance; undefined when METRICS_ENABLED=false. index.ts serves them on METRICS_PORT too. */
  metrics: AppMetrics | undefined;
  /** The "entities changed" event the services emit to, with this app's caches listening (for writers made outside the services, e.g. an ingestion run in a test). */
  entityChanges: EntityChanges;
}

/** Most tokens in one document, enforced by graphql's own parser (a syntax error, HTTP 400). */
const MAX_DOCUMENT_TOKENS = 5_000;
/**
 * Parsed and validated documents Apollo keeps. Its default store is bounded at 30 MiB of the
 * documents' JSON size, but a parsed document (with locations and tokens) takes about four times
 * that in the heap: 5,000 distinct queries held 123 MB. 1,000 documents stay under about 25 MB.
 */
const MAX_CACHED_DOCUMENTS = 1_000;

/**
 * Builds the HTTP app: express 5 with per-caller body limits, CORS, a deadline per request, health
 * endpoints and Apollo Server 5 at /graphql. Does not listen; `index.ts` does, tests use the
 * returned server on an ephemeral port.
 */
export async function createApp({ config, logger, services: givenServices, caches: givenCaches }: AppDependencies): Promise<App> {
  const caches = givenCaches ?? (await createCaches(config, logger));
  const metrics = config.metrics.enabled ? createMetrics({ caches, tracingEnabled: config.tracing !== undefined }) : undefined;
  // Writes by other processes (CLIs, other API instances) reach this one's caches through the change log.
  await caches.changeFollower.start();
  // Other processes' epoch changes arrive as messages, so warm hits need no network trip.
  await caches.epochMessages?.start();
  const entityChanges = createEntityChanges({ invalidation: caches.invalidation });
  const services = givenServices ?? createServices({ entityChanges, planCache: new PlanCache(caches.store, caches.metrics) });
  const schema = abandonAbortedResolvers(await buildAppSchema());
  const production = config.nodeEnv === 'production';
  const cors = createCorsPolicy(config.corsOrigins);
  const bodyLimits = {
    anonymousBytes: config.maxBodyBytes,
    authenticatedBytes: config.maxBodyBytesAuthenticated,
    maxJsonDepth: config.maxJsonDepth,
  };
  // Every MongoDB command of a request is counted and tagged in its scope (round trips, cache tags).
  installRequestScope();
  const responseCache = createResponseCachePlugin({
    store: caches.store,
    metrics: caches.metrics,
    schema,
    enabled: caches.responseCacheEnabled,
  });
  // Rate limits (src/core/rate-limit): cost ceiling, per-caller budgets and concurrency in the plugin;
  // failed credentials throttled per address; cached hits counted per address in the process.
  const rateLimits = await createRateLimits(config, logger, schema);
  const clientAddressOfRequest = clientAddressResolver(config.trustProxy);
  const responseCacheHttpFastPath = responseCache.createHttpFastPath({
    maxBodyBytes: config.maxBodyBytes,
    maxJsonDepth: config.maxJsonDepth,
    corsHeadersFor: cors.headersFor,
    admitCachedHit: (request) => {
      const allowed = rateLimits.allowCachedHit(clientAddressOfRequest(request));
      return metrics ? metrics.countCachedHitDecision(allowed) : allowed;
    },
    logger,
  });
  const app = express();
  app.disable('x-powered-by');
  // Response-cache hits are answered before express (see response-cache-fast-path.ts): the hot path stays short.
  const serveRequest: http.RequestListener = (request, response) =>
    responseCacheHttpFastPath(request, response, () => void app(request, response));
  const httpServer = http.createServer(metrics ? metrics.timeHttpRequests(serveRequest) : serveRequest);
  const rejection = { propagateOnRejection: false, onReject: [reportLimitExceeded] };
  const armor = new ApolloArmor({
    maxDepth: { n: config.maxQueryDepth, ...rejection },
    maxAliases: { n: config.maxAliases, ...rejection },
    // The rate-limit plugin's cost ceiling replaces armor's: it knows the fields' weights and the variables.
    costLimit: { enabled: false },
    // graphql's parser counts tokens itself (parseOptions below) and reports a syntax error, HTTP 400.
    maxTokens: { enabled: false },
    // Apollo's hideSchemaDetailsFromClientErrors removes suggestions instead (all of them, not only field names).
    blockFieldSuggestion: { enabled: false },
  }).protect();

  const apollo = new ApolloServer<Context>({
    schema,
    // Automatic persisted queries (hash → query) live in the shared cache, so every process knows them.
    persistedQueries: { cache: caches.persistedQueries, ttl: PERSISTED_QUERY_TTL_SECONDS },
    // 'privileged' lets the introspection plugin below decide per caller.
    introspection: config.introspection !== 'none',
    csrfPrevention: true,
    parseOptions: { maxTokens: MAX_DOCUMENT_TOKENS },
    documentStore: boundedDocumentStore(MAX_CACHED_DOCUMENTS),
    hideSchemaDetailsFromClientErrors: production,
    // index.ts owns the signal handlers: it also closes MongoDB and the embedded server, in order.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: createFormatError({ hideSuggestions: production }),
    validationRules: armor.validationRules,
    plugins: [
      ...armor.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      createErrorMaskingPlugin(),
      ...(config.introspection === 'privileged' ? [createIntrospectionPolicyPlugin()] : []),
      // Cache-Control comes from a static analysis per document (response-cache-policy.ts), not a per-field hook.
      ApolloServerPluginCacheControlDisabled(),
      responseCache,
      // After the response cache: its stored bodies must not carry one caller's extensions.cost.
      rateLimits.plugin,
      ...(metrics
        ? [metrics.plugin, { serverWillStart: () => Promise.resolve({ serverWillStop: () => Promise.resolve(metrics.close()) }) }]
        : []),
      ...(givenCaches ? [] : [{ serverWillStart: () => Promise.resolve({ serverWillStop: () => caches.close() }) }]),
      config.sandbox
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
        : production
          ? ApolloServerPluginLandingPageDisabled()
          : ApolloServerPluginLandingPageProductionDefault({ footer: false }),
    ],
  });
  await apollo.start();

  const identifyCaller = identifyCallerMiddleware({
    adminToken: config.adminToken,
    apiKeys: services.apiKeys,
    clientAddressOf: clientAddressOfRequest,
    credentialFailures: rateLimits.credentialFailures,
    logger,
  });
  app.use(createHealthRoutes({ caches, identifyCaller }));
  if (metrics) app.use(createMetricsRoute({ registry: metrics.registry, token: config.metrics.token, identifyCaller }));
  app.use(
    '/graphql',
    cors.middleware,
    requestDeadline(config.requestTimeoutMs),
    identifyCaller,
    graphqlBodyParser(bodyLimits),
    openRequestScope,
    expressMiddleware(apollo, {
      context: ({ req, res }) =>
        settleNow(() => {
          const { caller, clientAddress, abortSignal } = res.locals as GraphQLRequestLocals;
          return createContext(
            { logger, services, entityCache: caches.entityCache },
            { caller, clientAddress, requestId: requestIdFrom(req.headers['x-request-id']), abortSignal },
          );
        }),
    }),
  );
  app.use(httpErrorHandler(bodyLimits, logger));

  return { app, httpServer, apollo, caches, metrics, entityChanges };
}

/**
 * graphql-armor throws its rejections as "Syntax Error: …", which misleads clients; report them as
 * plain validation errors instead (Apollo gives them the code GRAPHQL_VALIDATION_FAILED).
 */
function reportLimitExceeded(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, '')));
}

/** Apollo's document store, bounded by the number of documents (see MAX_CACHED_DOCUMENTS). */
function boundedDocumentStore(maxDocuments: number) {
  const documents = new LRUCache<string, DocumentNode>({ max: maxDocuments });
  return {
    get: (key: string) => Promise.resolve(documents.get(key)),
    set: (key: string, value: DocumentNode) => Promise.resolve(void documents.set(key, value)),
    delete: (key: string) => Promise.resolve(documents.delete(key)),
  };
}
