/**
 * Fault injection, per run and seeded so a failing run can be replayed. Pure: given the configuration and
 * the run's random stream, decide what happens to one request.
 */
import { z } from 'zod';
import type { Random } from './rng';

const rate = z.number().min(0).max(1);

export const faultConfigSchema = z
  .object({
    seed: z.number().int(),
    latencyMs: z.object({ fixed: z.number().min(0), jitter: z.number().min(0) }),
    /** 429 before the handler runs: nothing written. */
    rate429: rate,
    /** 500/502/503 before the handler runs: nothing written. */
    rate5xx: rate,
    /** Writes only: the handler runs and commits, then the client sees a 504 (or a reset connection). */
    rateCommitThenDrop: rate,
    /** Search index lag, passed through to the site. */
    indexLagMs: z.number().min(0),
    /** Retry-After of an injected 429 (Jira sends whole seconds; fractions keep tests fast). */
    retryAfterSeconds: z.number().min(0),
    /**
     * Which of Jira's limits an injected 429 is (its `RateLimit-Reason`): the per-second burst, the per-issue write
     * limit, or the hourly points quota, whose Retry-After runs to the top of the hour.
     */
    rateLimitReason: z.enum(['jira-burst-based', 'jira-per-issue-on-write', 'jira-quota-tenant-based']),
    /** How a dropped write looks: a 504 answer, or (HTTP) a destroyed socket / (Forge) a failed fetch. */
    dropStyle: z.enum(['504', 'reset']),
  })
  .refine((c) => c.rate429 + c.rate5xx + c.rateCommitThenDrop <= 1, { message: 'fault rates add up to more than 1' });

export type FaultConfig = z.infer<typeof faultConfigSchema>;

export type FaultConfigPatch = Partial<Omit<FaultConfig, 'latencyMs'>> & { latencyMs?: Partial<FaultConfig['latencyMs']> };

export const NO_FAULTS: FaultConfig = {
  seed: 1,
  latencyMs: { fixed: 0, jitter: 0 },
  rate429: 0,
  rate5xx: 0,
  rateCommitThenDrop: 0,
  indexLagMs: 0,
  retryAfterSeconds: 1,
  rateLimitReason: 'jira-burst-based',
  dropStyle: '504',
};

/** Merges a patch into a configuration and checks the result (throws a ZodError on nonsense). */
export function mergeFaults(base: FaultConfig, patch: FaultConfigPatch): FaultConfig {
  return faultConfigSchema.parse({ ...base, ...patch, latencyMs: { ...base.latencyMs, ...patch.latencyMs } });
}

export type FaultKind = 'none' | 'rate429' | 'status5xx' | 'commitThenDrop';

export interface FaultPlan {
  latencyMs: number;
  kind: FaultKind;
  /** For `status5xx`. */
  status?: 500 | 502 | 503;
}

const SERVER_ERRORS = [500, 502, 503] as const;

export function isWrite(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

/**
 * Always draws the same number of values (three) per request, so one request's outcome never shifts the
 * stream for the next: the same seed and request order replay the same faults.
 */
export function planFault(config: FaultConfig, random: Random, method: string): FaultPlan {
  const jitterDraw = random();
  const roll = random();
  const statusDraw = random();
  const latencyMs = config.latencyMs.fixed + jitterDraw * config.latencyMs.jitter;
  if (roll < config.rate429) return { latencyMs, kind: 'rate429' };
  if (roll < config.rate429 + config.rate5xx) {
    return { latencyMs, kind: 'status5xx', status: SERVER_ERRORS[Math.floor(statusDraw * SERVER_ERRORS.length)] };
  }
  if (isWrite(method) && roll < config.rate429 + config.rate5xx + config.rateCommitThenDrop) return { latencyMs, kind: 'commitThenDrop' };
  return { latencyMs, kind: 'none' };
}
