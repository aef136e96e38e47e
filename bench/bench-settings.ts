/** A positive whole number from the environment variable `name` (a bench setting), or `fallback` when unset; anything else stops the bench. */
export function positiveInteger(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/** The admin token of the bench's servers: `/metrics/cache` answers admins only. */
export const BENCH_ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';

/**
 * Rate limits lifted far above what the load generator sends: it is one client address, and the bench
 * measures serving, not refusing. The budget check still runs on every request (its cost is measured).
 */
export const BENCH_RATE_LIMIT_SETTINGS: Record<string, string> = {
  RATE_LIMIT_ANONYMOUS_POINTS: '1000000000',
  RATE_LIMIT_PARTNER_POINTS: '1000000000',
  RATE_LIMIT_CONCURRENT_OPERATIONS: '10000',
  RATE_LIMIT_CACHED_HITS_PER_SECOND: '1000000',
};
