import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '../errors';
import { sendErrorResponse } from './error-response';

/** Set on a request when it arrived, before the response-cache fast path read its body. */
export const ARRIVED_AT = Symbol('requestArrivedAt');
type TimedRequest = IncomingMessage & { [ARRIVED_AT]?: number };

/** Why a request's work was abandoned: it ran out of time, or its client went away. */
export class RequestAbandonedError extends Error {
  constructor(readonly reason: 'timeout' | 'client-closed') {
    super(
      reason === 'timeout'
        ? 'The request ran out of time and was abandoned.'
        : 'The client closed the connection; the request was abandoned.',
    );
  }
}

/** Notes the arrival time, so time spent before express (reading the body, waiting on a cache flight) counts too. */
export function noteArrival(request: IncomingMessage): void {
  (request as TimedRequest)[ARRIVED_AT] ??= Date.now();
}

/**
 * Gives every request a deadline and an AbortSignal that fires when the deadline passes or the
 * client disconnects before its answer is sent. On the deadline the client gets 503 REQUEST_TIMEOUT
 * with Retry-After at once; the signal tells the resolvers still running to stop (no new database
 * work starts: see `abandonAbortedResolvers`), while each MongoDB command is bounded by maxTimeMS.
 */
export function requestDeadline(timeoutMs: number) {
  return (request: IncomingMessage, response: ServerResponse & { locals?: Record<string, unknown> }, next: () => void): void => {
    const controller = new AbortController();
    if (response.locals) response.locals.abortSignal = controller.signal;
    const arrivedAt = (request as TimedRequest)[ARRIVED_AT] ?? Date.now();
    const timer = setTimeout(
      () => {
        controller.abort(new RequestAbandonedError('timeout'));
        sendErrorResponse(
          response,
          503,
          ErrorCode.RequestTimeout,
          `The request took longer than ${timeoutMs} ms and was stopped; retry later or ask for less.`,
        );
      },
      Math.max(0, timeoutMs - (Date.now() - arrivedAt)),
    );
    response.once('close', () => {
      clearTimeout(timer);
      if (!response.writableFinished) controller.abort(new RequestAbandonedError('client-closed'));
    });
    next();
  };
}
