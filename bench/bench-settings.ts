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
