import type { TracingConfig } from './config';
import type { Logger } from './logger';

/** A running OpenTelemetry SDK; `stop` sends the spans still buffered (bounded by the exporter's timeout). */
export interface Tracing {
  stop(): Promise<void>;
}

/** Paths a trace would say nothing useful about, and which probes and scrapers call every few seconds. */
const UNTRACED_PATHS = ['/health/', '/metrics'];

/** How long one export may take: an unreachable collector costs the exporter this, never a request. */
const EXPORT_TIMEOUT_MS = 5_000;

/**
 * Starts OpenTelemetry tracing (spans of HTTP requests, express, GraphQL operations and MongoDB commands,
 * exported over OTLP/HTTP to `<endpoint>/v1/traces`). The packages are imported here, only when tracing
 * is on: a default start never loads them. Call it before the server, mongoose and graphql are loaded,
 * so that their instrumentations can patch them as they load (index.ts does). Exports happen in
 * the background, in batches; a collector that is down loses spans, not requests.
 */
export async function startTracing(settings: TracingConfig, logger: Logger): Promise<Tracing> {
  const [
    { NodeSDK },
    { OTLPTraceExporter },
    { HttpInstrumentation },
    { ExpressInstrumentation },
    { GraphQLInstrumentation },
    { MongoDBInstrumentation },
  ] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/instrumentation-http'),
    import('@opentelemetry/instrumentation-express'),
    import('@opentelemetry/instrumentation-graphql'),
    import('@opentelemetry/instrumentation-mongodb'),
  ]);
  const sdk = new NodeSDK({
    serviceName: settings.serviceName,
    traceExporter: new OTLPTraceExporter({ url: `${settings.endpoint}/v1/traces`, timeoutMillis: EXPORT_TIMEOUT_MS }),
    // Traces only: metrics are Prometheus's (/metrics) and logs pino's; empty lists keep the SDK from adding OTLP exporters of its own.
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.some((path) => (request.url ?? '').startsWith(path)),
        // Outgoing HTTP is the exporter's own posts (and feed downloads by ingestion, which runs elsewhere).
        ignoreOutgoingRequestHook: () => true,
      }),
      new ExpressInstrumentation(),
      // Resolver spans (one per field) would dwarf everything else on a page of 50: operations only.
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, depth: 0, mergeItems: true }),
      // Statements may hold user input (search terms): spans name the command, not its arguments.
      new MongoDBInstrumentation({ enhancedDatabaseReporting: false }),
    ],
  });
  sdk.start();
  logger.info({ endpoint: settings.endpoint, serviceName: settings.serviceName }, 'OpenTelemetry tracing is on');
  return {
    stop: async () => {
      try {
        await sdk.shutdown();
      } catch (error) {
        logger.warn({ err: error }, 'OpenTelemetry: spans not sent at shutdown');
      }
    },
  };
}
