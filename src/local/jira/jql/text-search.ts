/**
 * Jira-like free-text matching for `~`: the query's words must all occur as words of the value
 * (case-insensitive); `*` and `?` are wildcards inside a word; a query wrapped in inner quotes
 * (`summary ~ "\"exact phrase\""`) must occur as consecutive words.
 */
const WORD = /[\p{L}\p{N}*?]+/gu;

function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

function termMatcher(term: string): (word: string) => boolean {
  if (!/[*?]/.test(term)) return (word) => word === term;
  const pattern = new RegExp(`^${term.replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'u');
  return (word) => pattern.test(word);
}

export function textMatcher(query: string): (value: string) => boolean {
  const trimmed = query.trim();
  const phrase = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"');
  const terms = words(phrase ? trimmed.slice(1, -1) : trimmed).map(termMatcher);
  if (terms.length === 0) return () => false;
  if (phrase) {
    return (value) => {
      const tokens = words(value);
      for (let start = 0; start + terms.length <= tokens.length; start += 1) {
        if (terms.every((matches, offset) => matches(tokens[start + offset]))) return true;
      }
      return false;
    };
  }
  return (value) => {
    const tokens = words(value);
    return terms.every((matches) => tokens.some(matches));
  };
}
