/** HTTP Basic `email:api-token`, the way Jira Cloud scripts and the CLI authenticate. Pure. */
export interface BasicCredentials {
  email: string;
  token: string;
}

export function parseBasicAuthorization(header: string | undefined): BasicCredentials | null {
  const match = header?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { email: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
}

export function basicAuthorization(credentials: BasicCredentials): string {
  return `Basic ${Buffer.from(`${credentials.email}:${credentials.token}`).toString('base64')}`;
}
