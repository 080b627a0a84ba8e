/**
 * The stand-in's request pipeline, shared by the HTTP server and the Forge seam:
 * latency → auth → burst limit → injected 429/5xx → JSON body → request contract → site handler →
 * response contract → commit-then-drop. Every request lands in the request log.
 */
import type { StandInHandler, StandInRequest, StandInResponse } from '../http-types';
import { JIRA_SPEC_FILE, loadOpenApiContract, type ContractViolation, type OpenApiContract } from '../contract';
import { parseBasicAuthorization } from './auth';
import { BurstLimiter, HOURLY_QUOTA_POINTS, isNearLimit, rateLimitHeaders, secondsToTopOfHour } from './burst-limiter';
import { contractModeFromEnv, type ContractMode } from './contract-mode';
import { mergeFaults, NO_FAULTS, planFault, type FaultConfig, type FaultConfigPatch } from './faults';
import { jiraError, NOT_AUTHENTICATED, RATE_LIMITED } from './jira-errors';
import { RequestLog, type RequestLogEntry } from './request-log';
import { seededRandom, type Random } from './rng';

/** A request as it arrives, before authentication and body parsing. */
export interface TransportRequest {
  method: string;
  /** Path without query string. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names; `authorization` carries Basic credentials for HTTP callers. */
  headers: Record<string, string>;
  /** The raw request body; undefined or '' when there is none. */
  rawBody?: string;
  /** Set by the Forge seam: the platform already knows who is calling, no credentials are sent. */
  actingAs?: { accountId: string };
}

export interface TransportResponse extends StandInResponse {
  /** Commit-then-drop in `reset` style: the caller should lose the connection instead of answering. */
  resetConnection?: boolean;
}

export interface TransportOptions {
  handler: StandInHandler;
  authenticate: (email: string, token: string) => { accountId: string } | null;
  /** Accounts the Forge seam may act as (the site's users plus the app); any when omitted. */
  isKnownAccount?: (accountId: string) => boolean;
  /** Defaults to STANDIN_CONTRACT, else strict under jest and warn elsewhere. */
  contractMode?: ContractMode;
  /** Defaults to the published Jira platform document. */
  contract?: OpenApiContract;
  /** Burst limit per user, endpoint and method; null disables it. Default 100/s. */
  burstPerSecond?: number | null;
  faults?: FaultConfigPatch;
  /** Told the search index lag whenever faults change it (the site owns indexing). */
  onIndexLagChange?: (ms: number) => void;
  /** Told each contract violation as it is found (warn mode prints them). */
  onViolation?: (violation: ContractViolation) => void;
  /** Epoch milliseconds; fractional precision keeps round-trip counting exact. */
  now?: () => number;
}

export interface Transport {
  handle(request: TransportRequest): Promise<TransportResponse>;
  /** Changes faults between calls; a new `seed` restarts the random stream. */
  setFaults(patch: FaultConfigPatch): FaultConfig;
  faults(): FaultConfig;
  readonly log: RequestLog;
  readonly contractMode: ContractMode;
  violations(): readonly ContractViolation[];
  clearViolations(): void;
}

const DEFAULT_BURST_PER_SECOND = 100;

const preciseNow = (): number => performance.timeOrigin + performance.now();

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

type Outcome = RequestLogEntry['outcome'];

function parseBody(rawBody: string | undefined): { ok: true; body: unknown } | { ok: false; message: string } {
  if (rawBody === undefined || rawBody.trim() === '') return { ok: true, body: undefined };
  try {
    return { ok: true, body: JSON.parse(rawBody) as unknown };
  } catch (error) {
    return { ok: false, message: `Unexpected character in the JSON request body: ${(error as Error).message}` };
  }
}

/** Only Jira REST traffic is authenticated, limited and checked; anything else goes straight to the site. */
const isRestPath = (path: string): boolean => path.startsWith('/rest/');

export function createTransport(options: TransportOptions): Transport {
  const contractMode = options.contractMode ?? contractModeFromEnv(process.env);
  // Operation ids label the log and key the burst limit even when checks are off.
  const operations = options.contract ?? loadOpenApiContract(JIRA_SPEC_FILE);
  const contract = contractMode === 'off' ? undefined : operations;
  const now = options.now ?? preciseNow;
  const burstPerSecond = options.burstPerSecond === undefined ? DEFAULT_BURST_PER_SECOND : options.burstPerSecond;
  const limiter = burstPerSecond === null ? undefined : new BurstLimiter(burstPerSecond);
  const log = new RequestLog();
  const violations: ContractViolation[] = [];
  let faults = mergeFaults(NO_FAULTS, options.faults ?? {});
  let random: Random = seededRandom(faults.seed);
  let nextId = 1;
  options.onIndexLagChange?.(faults.indexLagMs);

  const recordViolations = (found: ContractViolation[]): void => {
    for (const violation of found) {
      violations.push(violation);
      options.onViolation?.(violation);
    }
  };

  const identify = (request: TransportRequest): { accountId: string } | null => {
    if (request.actingAs) return !options.isKnownAccount || options.isKnownAccount(request.actingAs.accountId) ? request.actingAs : null;
    const credentials = parseBasicAuthorization(request.headers.authorization);
    return credentials && options.authenticate(credentials.email, credentials.token);
  };

  async function handle(request: TransportRequest): Promise<TransportResponse> {
    const startedAt = now();
    const id = nextId++;
    const method = request.method.toUpperCase();
    // Drawn before the first await, so concurrent requests consume the random stream in arrival order.
    const plan = planFault(faults, random, method);
    const retryAfterSeconds = faults.retryAfterSeconds;
    const dropStyle = faults.dropStyle;
    const match = operations.matchOperation(method, request.path);
    const operationId = match?.operationId ?? `${method} ${request.path}`;
    let actor: { accountId: string } | null = null;

    const finish = (response: TransportResponse, outcome: Outcome): TransportResponse => {
      log.add({ id, method, path: request.path, operationId, status: response.status, actor: actor?.accountId ?? null, outcome, startedAt, endedAt: now() });
      return response;
    };

    if (plan.latencyMs > 0) await sleep(plan.latencyMs);
    const rest = isRestPath(request.path);
    actor = identify(request);
    if (rest && !actor) return finish(jiraError(401, [NOT_AUTHENTICATED]), 'unauthenticated');

    let nearLimit = false;
    if (rest && limiter) {
      const burst = limiter.take(`${actor?.accountId} ${method} ${match?.pathTemplate ?? request.path}`, now());
      if (!burst.allowed) return finish(jiraError(429, [RATE_LIMITED], rateLimitHeaders(burst, Date.now(), 'jira-burst-based')), 'burst429');
      nearLimit = isNearLimit(burst);
    }
    if (plan.kind === 'rate429') {
      const reason = faults.rateLimitReason;
      const quota = reason === 'jira-quota-tenant-based';
      const headers = rateLimitHeaders(
        quota
          ? { allowed: false, limit: HOURLY_QUOTA_POINTS, remaining: 0, retryAfterSeconds: secondsToTopOfHour(Date.now()) }
          : { allowed: false, limit: burstPerSecond ?? DEFAULT_BURST_PER_SECOND, remaining: 0, retryAfterSeconds },
        Date.now(),
        reason,
      );
      return finish(jiraError(429, [RATE_LIMITED], headers), 'fault429');
    }
    if (plan.kind === 'status5xx' && plan.status) return finish(jiraError(plan.status, ['Injected server error (stand-in fault)']), 'fault5xx');

    const parsed = parseBody(request.rawBody);
    if (!parsed.ok) return finish(jiraError(400, [parsed.message]), 'badRequest');
    const standInRequest: StandInRequest = { method, path: request.path, query: request.query, headers: request.headers, body: parsed.body, actor };

    if (rest && contract) {
      const found = contract.validateRequest(standInRequest);
      recordViolations(found);
      if (found.length > 0 && contractMode === 'strict') {
        return finish(
          jiraError(
            400,
            found.map((v) => `Contract violation (request): ${v.message}`),
          ),
          'contract400',
        );
      }
    }

    let response: StandInResponse;
    try {
      response = await options.handler(standInRequest);
    } catch (error) {
      return finish(jiraError(500, [`Internal server error: ${(error as Error).message}`]), 'handlerError');
    }
    // A 204 carries no content (RFC 9110 §15.3.5), although the Jira document gives 98 of them a `{}` schema.
    const noContent = response.status === 204 && response.body === undefined;
    if (rest && contract && !noContent)
      recordViolations(contract.validateResponse({ method, path: request.path, status: response.status, body: response.body }));

    if (plan.kind === 'commitThenDrop') {
      const dropped: TransportResponse = jiraError(504, ['Gateway timeout (stand-in fault: the write was committed)']);
      return finish(dropStyle === 'reset' ? { ...dropped, resetConnection: true } : dropped, 'committedThenDropped');
    }
    const headers = nearLimit ? { ...response.headers, 'x-ratelimit-nearlimit': 'true' } : response.headers;
    return finish({ ...response, headers }, 'handled');
  }

  return {
    handle,
    log,
    contractMode,
    setFaults(patch) {
      const previousLag = faults.indexLagMs;
      faults = mergeFaults(faults, patch);
      if (patch.seed !== undefined) random = seededRandom(faults.seed);
      if (faults.indexLagMs !== previousLag) options.onIndexLagChange?.(faults.indexLagMs);
      return faults;
    },
    faults: () => faults,
    violations: () => violations,
    clearViolations() {
      violations.length = 0;
    },
  };
}
