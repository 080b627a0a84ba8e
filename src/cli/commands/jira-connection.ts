/** Shared by the commands that talk to Jira: --site/--email/--token (or JIRA_API_TOKEN), and use-case errors as exit codes. */
import { createBasicAuthRequest, createJiraAdapter, JiraError, type JiraAdapter } from '../../jira';
import { UseCaseError } from '../../usecases/errors';
import { GenerationUnfinishedError } from '../../usecases/generate';
import { EXIT, type CliIo } from '../command';
import { formatKickoffErrors } from '../kickoff-file';
import type { KickoffFieldError } from '../../core';

export const CONNECTION_OPTIONS = {
  site: { type: 'string' },
  email: { type: 'string' },
  token: { type: 'string' },
} as const;

export const CONNECTION_HELP = `  --site URL       Jira site, e.g. https://example.atlassian.net
  --email E        your Atlassian account e-mail
  --token T        an API token (default: the JIRA_API_TOKEN environment variable)`;

export function connect(
  values: { site?: string; email?: string; token?: string },
  io: CliIo,
): { ok: true; jira: JiraAdapter; probe: () => Promise<{ ok: true } | { ok: false; message: string }> } | { ok: false; message: string } {
  const token = values.token ?? io.env.JIRA_API_TOKEN;
  const missing = [values.site ? null : '--site URL', values.email ? null : '--email E', token ? null : '--token T (or JIRA_API_TOKEN)'].filter(
    (m): m is string => m !== null,
  );
  if (missing.length > 0) return { ok: false, message: `Missing ${missing.join(', ')}` };
  let site: URL;
  try {
    site = new URL(values.site!);
  } catch {
    return { ok: false, message: `--site must be a URL such as https://example.atlassian.net, not "${oneLine(values.site!)}"` };
  }
  if (site.protocol !== 'https:' && site.protocol !== 'http:') {
    return { ok: false, message: `--site must be an http(s) URL such as https://example.atlassian.net, not "${oneLine(values.site!)}"` };
  }
  const credentials = { baseUrl: values.site!, email: values.email!, token: token! };
  return { ok: true, jira: createJiraAdapter(createBasicAuthRequest(credentials)), probe: () => probeSite(credentials) };
}

/** Text from outside (arguments, error messages) made safe for one line of output. */
export function oneLine(text: string, max = 200): string {
  const flat = text.replace(/[\u0000-\u001F\u007F-\u009F]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** How long the first contact may take before the CLI says the site cannot be reached. */
export const PROBE_TIMEOUT_MS = 5_000;

/**
 * One request before any work (GET /rest/api/3/myself, no retries, a few seconds at most): an unreachable
 * site or refused credentials fail at once, in one line, instead of after minutes of retries.
 */
export async function probeSite(options: {
  baseUrl: string;
  email: string;
  token: string;
  timeoutMs?: number;
}): Promise<{ ok: true } | { ok: false; message: string }> {
  const site = options.baseUrl.replace(/\/+$/, '');
  const authorization = `Basic ${Buffer.from(`${options.email}:${options.token}`).toString('base64')}`;
  try {
    const response = await fetch(`${site}/rest/api/3/myself`, {
      headers: { Accept: 'application/json', Authorization: authorization },
      signal: AbortSignal.timeout(options.timeoutMs ?? PROBE_TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (response.status === 401) return { ok: false, message: `Jira refused the credentials for ${site} (HTTP 401): check --email and the API token.` };
    return { ok: true };
  } catch (error) {
    return { ok: false, message: `Cannot reach Jira at ${site}: ${connectionProblem(error, options.timeoutMs ?? PROBE_TIMEOUT_MS)}.` };
  }
}

/** Errors may come from another realm (fetch's undici), so they are read by shape, not by instanceof. */
function connectionProblem(error: unknown, timeoutMs: number): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs / 1000} s`;
  const cause = (typeof e.cause === 'object' && e.cause !== null ? e.cause : {}) as { code?: unknown; message?: unknown; errors?: unknown };
  const nested = Array.isArray(cause.errors) ? (cause.errors[0] as { code?: unknown } | undefined) : undefined;
  const code = [cause.code, nested?.code, e.code].find((c): c is string => typeof c === 'string');
  const words: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'no such host',
    EAI_AGAIN: 'the host name could not be resolved',
    ECONNRESET: 'the connection was reset',
    EHOSTUNREACH: 'the host is unreachable',
    ENETUNREACH: 'the network is unreachable',
    ETIMEDOUT: 'the connection timed out',
    CERT_HAS_EXPIRED: 'its TLS certificate has expired',
    DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
  };
  if (code) return `${words[code] ?? 'connection failed'} (${code})`;
  return oneLine(String(typeof cause.message === 'string' ? cause.message : typeof e.message === 'string' ? e.message : error));
}

/** Prints a use-case or Jira failure in one line (kickoff errors: one line each); 2 when the input was wrong, 1 when the work failed. */
export function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof GenerationUnfinishedError) {
    io.stderr(`${oneLine(error.message, 400)}; run the same command again to resume.\n`);
    return EXIT.failure;
  }
  if (error instanceof UseCaseError) {
    if (error.code === 'kickoff-invalid' && Array.isArray(error.details.errors)) {
      io.stderr(formatKickoffErrors(error.details.errors as KickoffFieldError[]));
    } else {
      io.stderr(`${oneLine(error.message, 2000)}\n`);
    }
    return error.code === 'kickoff-invalid' ? EXIT.invalidInput : EXIT.failure;
  }
  if (error instanceof JiraError) {
    io.stderr(
      error.code === 'unauthorized'
        ? `Jira refused the credentials (check --email and the API token): ${oneLine(error.message)}\n`
        : `Jira: ${oneLine(error.message, 2000)}\n`,
    );
    return EXIT.failure;
  }
  throw error;
}
