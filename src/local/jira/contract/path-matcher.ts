/** Matches concrete request paths to OpenAPI path templates; literal segments beat parameters. */

interface Segment {
  literal: string | null;
  pattern: RegExp | null;
  names: string[];
}

export interface PathTemplate {
  template: string;
  segments: Segment[];
  /** Per segment: 2 literal, 1 mixed (`{id}.json`), 0 pure parameter; compared left to right. */
  specificity: number[];
}

export interface PathMatch {
  template: string;
  pathParams: Record<string, string>;
}

function compileSegment(text: string): Segment {
  if (!text.includes('{')) return { literal: text, pattern: null, names: [] };
  const names: string[] = [];
  const source = text.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_match, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { literal: null, pattern: new RegExp(`^${source}$`), names };
}

export function compileTemplate(template: string): PathTemplate {
  const segments = template
    .split('/')
    .filter((s) => s !== '')
    .map(compileSegment);
  const specificity = template
    .split('/')
    .filter((s) => s !== '')
    .map((text) => (!text.includes('{') ? 2 : /^\{[^}]+\}$/.test(text) ? 0 : 1));
  return { template, segments, specificity };
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function matchTemplate(candidate: PathTemplate, parts: string[]): Record<string, string> | undefined {
  if (candidate.segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i += 1) {
    const segment = candidate.segments[i];
    if (segment.literal !== null) {
      if (segment.literal !== parts[i]) return undefined;
      continue;
    }
    const match = segment.pattern?.exec(parts[i]);
    if (!match) return undefined;
    segment.names.forEach((name, index) => (params[name] = decode(match[index + 1])));
  }
  return params;
}

function moreSpecific(a: PathTemplate, b: PathTemplate): boolean {
  for (let i = 0; i < a.specificity.length; i += 1) {
    if (a.specificity[i] !== b.specificity[i]) return a.specificity[i] > b.specificity[i];
  }
  return false;
}

/** The most specific template matching `path` (query string and trailing slash ignored). */
export function matchPath(templates: readonly PathTemplate[], path: string): PathMatch | undefined {
  const parts = path
    .split('?')[0]
    .split('/')
    .filter((s) => s !== '');
  let best: { template: PathTemplate; params: Record<string, string> } | undefined;
  for (const candidate of templates) {
    const params = matchTemplate(candidate, parts);
    if (params && (!best || moreSpecific(candidate, best.template))) best = { template: candidate, params };
  }
  return best && { template: best.template.template, pathParams: best.params };
}
