/** A consumer's plan as the gateway enforces it; null: no limit of that kind. */
export type TPlanLimits = {
  ratePerSecond: number | null;
  burst: number | null;
  perMinute: number | null;
  perDay: number | null;
  perMonth: number | null;
};

export type TLimitPolicy = {
  /** IETF httpapi-ratelimit-headers policy name, e.g. "minute". */
  name: string;
  limit: number;
  windowSeconds: number;
  remaining: number;
  resetSeconds: number;
};

/** The outcome of one atomic check-and-consume. A rejected request consumed nothing. */
export type TLimitDecision = {
  allowed: boolean;
  /** Every limit that applies, for RateLimit / RateLimit-Policy headers; the tightest first. */
  policies: TLimitPolicy[];
  /** Seconds until the request could pass (429's Retry-After); 0 when allowed. */
  retryAfterSeconds: number;
  /** The limit that refused it ("burst", "minute", "day", "month"), when refused. */
  refusedBy?: string;
};

/** Where counters live: Redis (REDIS_URL) or Postgres. Both use the store's clock, never the caller's. */
export interface TLimitStore {
  readonly kind: "redis" | "postgres";
  consume(consumerKey: string, plan: TPlanLimits): Promise<TLimitDecision>;
  close(): Promise<void>;
}
