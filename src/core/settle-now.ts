/**
 * Runs `work` at once and returns its result as a promise, or its throw as a rejected promise: what an
 * `async` function with nothing to await does, without the `async`. For synchronous implementations
 * of promise-returning contracts (Apollo plugin hooks and context, cache stores): a caller that
 * catches rejections still catches a throw, and a hook that throws does not stop Apollo from calling
 * the other plugins' hooks, as a synchronous throw inside its `Promise.all(listeners.map(…))` would.
 */
export function settleNow<T>(work: () => T): Promise<T> {
  // A Promise executor runs synchronously, and a throw inside it rejects the promise.
  return new Promise((resolve) => resolve(work()));
}
