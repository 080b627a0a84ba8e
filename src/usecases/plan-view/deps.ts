/** What the read-side use cases need: the adapter and its generic GET (one request count), and a clock. */
import { createJiraAdapter, type JiraAdapter, type JiraRequestFn } from '../../jira';
import type { JsonGetter } from '../../jira/issues-read';

export interface ReadDeps {
  jira: JiraAdapter;
  getJson: JsonGetter;
  /** Today as YYYY-MM-DD (what "overdue" is judged against); defaults to today in UTC. */
  today?: () => string;
}

export function createReadDeps(request: JiraRequestFn, options: { today?: () => string; sleep?: (ms: number) => Promise<void> } = {}): ReadDeps {
  const jira = createJiraAdapter(request, { sleep: options.sleep });
  return {
    jira,
    getJson: jira.getJson,
    ...(options.today ? { today: options.today } : {}),
  };
}
