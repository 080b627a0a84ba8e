/** What the read-side use cases need: the adapter and the GET helper sharing one request count, and a clock. */
import { createJiraAdapter, type JiraAdapter, type JiraRequestFn } from '../../jira';
import { RequestCounter } from '../../jira/instrumentation';
import { createJsonGetter, type JsonGetter } from '../../jira/issues-read';

export interface ReadDeps {
  jira: JiraAdapter;
  getJson: JsonGetter;
  /** Today as YYYY-MM-DD (what "overdue" is judged against); defaults to today in UTC. */
  today?: () => string;
}

export function createReadDeps(request: JiraRequestFn, options: { today?: () => string; sleep?: (ms: number) => Promise<void> } = {}): ReadDeps {
  const counter = new RequestCounter();
  return {
    jira: createJiraAdapter(request, { counter, sleep: options.sleep }),
    getJson: createJsonGetter(request, { counter, sleep: options.sleep }),
    ...(options.today ? { today: options.today } : {}),
  };
}
