/** Shared by the commands that talk to Jira: --site/--email/--token (or JIRA_API_TOKEN), and use-case errors as exit codes. */
import { createBasicAuthRequest, createJiraAdapter, JiraError, type JiraAdapter } from '../../jira';
import { UseCaseError } from '../../usecases/errors';
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

export function connect(values: { site?: string; email?: string; token?: string }, io: CliIo): { ok: true; jira: JiraAdapter } | { ok: false; message: string } {
  const token = values.token ?? io.env.JIRA_API_TOKEN;
  const missing = [values.site ? null : '--site URL', values.email ? null : '--email E', token ? null : '--token T (or JIRA_API_TOKEN)'].filter((m): m is string => m !== null);
  if (missing.length > 0) return { ok: false, message: `Missing ${missing.join(', ')}` };
  try {
    new URL(values.site!);
  } catch {
    return { ok: false, message: `--site must be a URL such as https://example.atlassian.net, not "${values.site}"` };
  }
  return { ok: true, jira: createJiraAdapter(createBasicAuthRequest({ baseUrl: values.site!, email: values.email!, token: token! })) };
}

/** Prints a use-case or Jira failure; 2 when the input was wrong, 1 when the work failed. */
export function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof UseCaseError) {
    if (error.code === 'kickoff-invalid' && Array.isArray(error.details.errors)) {
      io.stderr(formatKickoffErrors(error.details.errors as KickoffFieldError[]));
    } else {
      io.stderr(`${error.message}\n`);
    }
    return error.code === 'kickoff-invalid' ? EXIT.invalidInput : EXIT.failure;
  }
  if (error instanceof JiraError) {
    io.stderr(error.code === 'unauthorized' ? `Jira refused the credentials (check --email and the API token): ${error.message}\n` : `Jira: ${error.message}\n`);
    return EXIT.failure;
  }
  throw error;
}
