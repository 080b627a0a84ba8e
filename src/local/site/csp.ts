/**
 * Forge's Content-Security-Policy for Custom UI resources, computed by Atlassian's own `@forge/csp` (the
 * package Forge's resource server and `forge tunnel` use) from the resource's built index.html and the
 * manifest's `permissions`, so the local site serves each bundle under the policy Forge would apply.
 * Violations are reported to the site (`report-uri`, as `forge tunnel` does) and kept for the tests.
 */
import fs from 'fs';
import { load } from 'cheerio';
import { CSPInjectionService, CSPProcessingService } from '@forge/csp';
import type { Permissions } from '@forge/manifest';
import { parse } from 'yaml';

export const CSP_REPORT_PATH = '/__forge/csp-report';

export interface CspViolation {
  /** The resource key whose document reported it. */
  resource: string;
  directive: string;
  blockedUri: string;
  sourceFile: string | null;
}

/** The manifest's `permissions` block, as @forge/csp reads it. */
export function manifestPermissions(manifestPath: string): Permissions {
  const raw = parse(fs.readFileSync(manifestPath, 'utf8')) as { permissions?: Permissions } | null;
  return raw?.permissions ?? {};
}

/**
 * The policy for one resource document: what Forge computes at deploy time from the HTML (inline script
 * hashes, meta CSP, `permissions.content` / `permissions.external`) plus the policy it injects when serving.
 */
export function forgeResourceCsp(html: string, permissions: Permissions, siteUrl: string, resourceKey: string): string {
  const details = new CSPProcessingService({ info: () => undefined }, load).getCspDetails(html, permissions);
  const directives = new CSPInjectionService().getInjectableCSP({
    existingCSPDetails: details,
    microsEnv: 'prod',
    hostname: siteUrl,
    tunnelCSPReporterUri: `${siteUrl}${CSP_REPORT_PATH}?resource=${encodeURIComponent(resourceKey)}`,
  });
  return directives.join('; ');
}

/** One violation out of a `application/csp-report` body (the shape browsers send to report-uri). */
export function parseCspReport(resource: string, body: string): CspViolation | null {
  try {
    const report = (JSON.parse(body) as { 'csp-report'?: Record<string, unknown> })['csp-report'];
    if (!report) return null;
    const text = (value: unknown) => (typeof value === 'string' ? value : '');
    return {
      resource,
      directive: text(report['effective-directive']) || text(report['violated-directive']),
      blockedUri: text(report['blocked-uri']),
      sourceFile: text(report['source-file']) || null,
    };
  } catch {
    return null;
  }
}
