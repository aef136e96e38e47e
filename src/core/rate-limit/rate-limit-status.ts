/** A caller's budget after an operation was charged: what `rateLimit` and `extensions.cost` show. */
export interface RateLimitStatus {
  /** Points per window. */
  limit: number;
  /** What this operation costs. */
  cost: number;
  /** Points left in the window. */
  remaining: number;
  /** Points spent in the window. */
  used: number;
  /** When the window ends and the whole budget is available again. */
  resetAt: Date;
}
