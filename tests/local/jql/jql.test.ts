import { compileJql, JqlError, type JqlEnv, type JqlIssue, parseJql } from '../../../src/local/jira/jql';
import { ENV, ISSUES } from './fixtures';

function run(jql: string, env: JqlEnv = ENV, issues: JqlIssue[] = ISSUES): string[] {
  const compiled = compileJql(parseJql(jql), env);
  return issues
    .filter(compiled.matches)
    .sort(compiled.compare)
    .map((issue) => issue.key);
}
const matching = (jql: string, env?: JqlEnv): string[] => [...run(jql, env)].sort();
const sorted = (...keys: string[]): string[] => [...keys].sort();
const ALL = ['OUT-1', 'OUT-2', 'OUT-3', 'OUT-4', 'OUT-10', 'OPS-1'];

function errorOf(jql: string, env: JqlEnv = ENV): string {
  try {
    compileJql(parseJql(jql), env);
  } catch (error) {
    expect(error).toBeInstanceOf(JqlError);
    return (error as Error).message;
  }
  throw new Error(`expected ${jql} to fail`);
}

describe('JQL matching', () => {
  const table: Array<[string, string[]]> = [
    ['', ALL],
    ['project = OUT', ['OUT-1', 'OUT-2', 'OUT-3', 'OUT-4', 'OUT-10']],
    ['project = 10200', ['OPS-1']],
    ['project in (out, OPS)', ALL],
    ['project != OUT', ['OPS-1']],
    ['key = OUT-2', ['OUT-2']],
    ['issuekey in (out-2, 10003)', ['OUT-2', 'OUT-3']],
    ['id != 10001', ['OUT-2', 'OUT-3', 'OUT-4', 'OUT-10', 'OPS-1']],
    // key ranges stay inside the key's project and compare issue numbers (10 > 4); numbers compare ids
    ['key > OUT-3', ['OUT-4', 'OUT-10']],
    ['issuekey <= out-2', ['OUT-1', 'OUT-2']],
    ['key >= OPS-1', ['OPS-1']],
    ['key < OPS-1', []],
    ['id >= 10004', ['OUT-4', 'OUT-10', 'OPS-1']],
    ['id < 10003 AND key > OUT-1', ['OUT-2']],
    ['issuetype = Epic', ['OUT-1']],
    ['type in (subtask, Epic)', ['OUT-1', 'OUT-4']],
    ['status = "in progress"', ['OUT-2', 'OUT-10']],
    ['status != Done', ['OUT-1', 'OUT-2', 'OUT-4', 'OUT-10']],
    ['statusCategory = "To Do"', ['OUT-1', 'OUT-4']],
    ['statusCategory in (indeterminate, DONE)', ['OUT-2', 'OUT-3', 'OUT-10', 'OPS-1']],
    ['statuscategory != 3', ['OUT-1', 'OUT-2', 'OUT-4', 'OUT-10']],
    ['parent = OUT-1', ['OUT-2', 'OUT-3', 'OUT-10']],
    ['parent in (OUT-1, OUT-2) AND type = Subtask', ['OUT-4']],
    ['parent != OUT-1', ['OUT-4']],
    ['labels = design', ['OUT-2', 'OUT-4']],
    ['labels is EMPTY', ['OUT-3', 'OUT-10']],
    ['labels not in (design, urgent)', ['OUT-1', 'OPS-1']],
    ['labels != urgent', ['OUT-1', 'OUT-4', 'OPS-1']],
    ['labels in (ops, EMPTY)', ['OUT-3', 'OUT-10', 'OPS-1']],
    ['assignee = currentUser()', ['OUT-1', 'OUT-4']],
    ['assignee is EMPTY', ['OUT-3']],
    ['assignee = EMPTY', ['OUT-3']],
    ['assignee != acc-sa', ['OUT-2', 'OUT-10', 'OPS-1']],
    ['assignee in (acc-ba, EMPTY)', ['OUT-2', 'OUT-3']],
    ['assignee is not empty and assignee not in (currentUser())', ['OUT-2', 'OUT-10', 'OPS-1']],
    ['reporter = acc-pm', ['OUT-2']],
    ['summary ~ design', ['OUT-2', 'OUT-4']],
    ['summary ~ "flow design"', ['OUT-2']],
    ['summary ~ "\\"payment flow\\""', ['OUT-2']],
    ['summary ~ "\\"flow payment\\""', []],
    ['summary ~ "pay*"', ['OUT-2', 'OUT-10']],
    ['summary !~ design', ['OUT-1', 'OUT-3', 'OUT-10', 'OPS-1']],
    ['text ~ connectors', ['OUT-3']],
    // custom fields by name (any case, quoted or not), by cf[id] and by id
    ['phase = "Design"', ['OUT-2']],
    ['"Phase" = Design', ['OUT-2']],
    ['PHASE in (build, test)', ['OUT-3', 'OUT-10']],
    ['cf[10100] = Build', ['OUT-3']],
    ['customfield_10100 != Design', ['OUT-3', 'OUT-10']],
    ['phase is EMPTY', ['OUT-1', 'OUT-4', 'OPS-1']],
    ['phase ~ "tes*"', ['OUT-10']],
    // entity-property aliases; array values match when any element matches
    ['playbookPhase = "Design"', ['OUT-2']],
    ['playbookphase = design', ['OUT-2']],
    ['playbookResponsible = BA', ['OUT-2']],
    ['playbookResponsible = SA', ['OUT-2', 'OUT-10']],
    ['playbookResponsible in (DEV, QA)', ['OUT-3', 'OUT-10']],
    ['playbookResponsible != SA', ['OUT-3']],
    ['playbookStep >= 4', ['OUT-3', 'OUT-10']],
    ['playbookStep in (3, 12)', ['OUT-2', 'OUT-10']],
    ['playbookKind = plan', ['OUT-1']],
    ['playbookPhase is EMPTY', ['OUT-1', 'OUT-4', 'OPS-1']],
    ['playbookOverdue > 0', ['OUT-1']],
    ['issue.property[outbound-playbook].raci.accountable = SA', ['OUT-2', 'OUT-3']],
    ['issue.property["outbound-playbook"].step > 3', ['OUT-3', 'OUT-10']],
    ['issue.property[outbound-playbook].raci.consulted is not empty', ['OUT-2']],
    // precedence: NOT > AND > OR
    ['project = OPS OR status = Done AND labels is EMPTY', ['OUT-3', 'OPS-1']],
    ['(project = OPS OR status = Done) AND labels is EMPTY', ['OUT-3']],
    ['NOT status = Done AND project = OUT', ['OUT-1', 'OUT-2', 'OUT-4', 'OUT-10']],
    ['NOT (status = Done OR type = Task)', ['OUT-1', 'OUT-4']],
    ['project = OUT && !(status = Done || type = Task)', ['OUT-1', 'OUT-4']],
    ['type = Epic or type = Subtask and status = "In Progress"', ['OUT-1']],
    ['not not type = Epic', ['OUT-1']],
    // strings: both quote styles, backslash escapes, escaped space in a bare word, \\u escapes
    ['labels = "a b"', ['OUT-4']],
    ["labels = 'a b'", ['OUT-4']],
    ['labels = a\\ b', ['OUT-4']],
    ['labels = "x\\"y"', ['OUT-4']],
    ["labels = 'x\"y'", ['OUT-4']],
    ['labels = "caf\\u00e9"', ['OUT-4']],
    ['labels = CAF\\u00c9', ['OUT-4']],
    // keywords in any case
    ['PROJECT = out And STATUS In (done) order BY KEY asc', ['OUT-3']],
  ];

  it.each(table)('%s', (jql, expected) => {
    expect(matching(jql)).toEqual(sorted(...expected));
  });

  it('currentUser() matches nobody for an anonymous request', () => {
    expect(matching('assignee = currentUser()', { ...ENV, currentAccountId: null })).toEqual([]);
  });

  it('translates numeric parent ids to keys when the site can resolve them', () => {
    const env = { ...ENV, issueKeyById: (id: string) => ISSUES.find((issue) => issue.id === id)?.key };
    expect(matching('parent = 10002', env)).toEqual(['OUT-4']);
  });
});

describe('JQL dates (now = Tuesday 2026-03-10 15:30 UTC)', () => {
  const table: Array<[string, string[]]> = [
    // due date compares calendar days: now() and endOfDay() fall on 2026-03-10
    ['due < now()', ['OUT-2']],
    ['due <= now()', ['OUT-2', 'OUT-3']],
    ['due > endOfDay()', ['OUT-4', 'OUT-10']],
    ['duedate = "2026-03-11"', ['OUT-4']],
    ['due = "2026/03/11"', ['OUT-4']],
    ['due >= startOfDay(1)', ['OUT-4', 'OUT-10']],
    ['due <= "-1d"', ['OUT-2']],
    // a period on a date-only field names a day: due tomorrow (Jira's own example)
    ['due = "1d"', ['OUT-4']],
    ['due = 1d OR due = "-1d"', ['OUT-2', 'OUT-4']],
    ['due is EMPTY', ['OUT-1', 'OPS-1']],
    ['due in ("2026-03-09", "2026-03-20")', ['OUT-2', 'OUT-10']],
    // created/updated compare instants: a date literal is midnight UTC
    ['created >= "2026-03-04"', ['OUT-4', 'OUT-10']],
    ['created < "2026-03-04"', ['OUT-1', 'OUT-2', 'OUT-3', 'OPS-1']],
    ['created = "2026-03-04"', ['OUT-4']],
    ['created > "2026/03/03 23:59"', ['OUT-3', 'OUT-4', 'OUT-10']],
    ['created < startOfDay(-6d)', ['OUT-1', 'OUT-2', 'OUT-3', 'OPS-1']],
    ['created >= startOfWeek()', ['OUT-10']],
    ['created >= startOfMonth() AND created < startOfWeek()', ['OUT-1', 'OUT-2', 'OUT-3', 'OUT-4']],
    ['created >= startOfMonth(-1M)', ALL],
    ['created <= endOfWeek(-1)', ['OUT-1', 'OUT-2', 'OUT-3', 'OUT-4', 'OPS-1']],
    ['updated >= "-1h"', ['OUT-1', 'OUT-10']],
    ['updated >= "-1w 2d"', ['OUT-1', 'OUT-2', 'OUT-3', 'OUT-4', 'OUT-10']],
  ];

  it.each(table)('%s', (jql, expected) => {
    expect(matching(jql)).toEqual(sorted(...expected));
  });

  it('moves day boundaries with the clock', () => {
    const justAfterMidnight = { ...ENV, now: new Date('2026-03-11T00:00:01.000Z') };
    expect(matching('due < now()', justAfterMidnight)).toEqual(sorted('OUT-2', 'OUT-3'));
    const justBefore = { ...ENV, now: new Date('2026-03-10T23:59:59.000Z') };
    expect(matching('due < now()', justBefore)).toEqual(['OUT-2']);
  });
});

describe('JQL ORDER BY', () => {
  it('sorts by several keys, empty values last ascending', () => {
    expect(run('project = OUT ORDER BY due ASC, key DESC')).toEqual(['OUT-2', 'OUT-3', 'OUT-4', 'OUT-10', 'OUT-1']);
  });
  it('puts empty values first descending', () => {
    expect(run('project = OUT ORDER BY due DESC')).toEqual(['OUT-1', 'OUT-10', 'OUT-4', 'OUT-3', 'OUT-2']);
  });
  it('uses the second key for ties', () => {
    expect(run('ORDER BY statusCategory ASC, key DESC')).toEqual(['OUT-4', 'OUT-1', 'OUT-10', 'OUT-2', 'OUT-3', 'OPS-1']);
  });
  it('sorts issue keys by project then number', () => {
    expect(run('ORDER BY key')).toEqual(['OPS-1', 'OUT-1', 'OUT-2', 'OUT-3', 'OUT-4', 'OUT-10']);
  });
  it('sorts by an alias numerically', () => {
    expect(run('playbookKind = step ORDER BY playbookStep DESC')).toEqual(['OUT-10', 'OUT-3', 'OUT-2']);
  });
  it('sorts by a custom field, breaking ties by id', () => {
    expect(run('ORDER BY phase ASC')).toEqual(['OUT-3', 'OUT-2', 'OUT-10', 'OUT-1', 'OUT-4', 'OPS-1']);
    expect(run('order by status')).toEqual(['OUT-3', 'OPS-1', 'OUT-2', 'OUT-10', 'OUT-1', 'OUT-4']);
  });
  it('orders rank by issue id', () => {
    expect(run('ORDER BY rank')).toEqual(['OUT-1', 'OUT-2', 'OUT-3', 'OUT-4', 'OUT-10', 'OPS-1']);
  });
  it("uses the field's own direction when none is given: created and updated newest first", () => {
    expect(run('project = OUT ORDER BY created')).toEqual(['OUT-10', 'OUT-4', 'OUT-3', 'OUT-2', 'OUT-1']);
    expect(run('project = OUT ORDER BY created ASC')).toEqual(['OUT-1', 'OUT-2', 'OUT-3', 'OUT-4', 'OUT-10']);
    // OUT-1 and OUT-10 were updated at the same instant: the id breaks the tie, ascending.
    expect(run('project = OUT ORDER BY updated, key DESC')).toEqual(['OUT-10', 'OUT-1', 'OUT-4', 'OUT-3', 'OUT-2']);
    expect(run('project = OUT ORDER BY due')).toEqual(['OUT-2', 'OUT-3', 'OUT-4', 'OUT-10', 'OUT-1']);
  });
  it('defaults to created DESC', () => {
    expect(run('')).toEqual(['OUT-10', 'OUT-4', 'OUT-3', 'OUT-2', 'OUT-1', 'OPS-1']);
  });
});

describe('JQL parse tree', () => {
  it('binds NOT tighter than AND and AND tighter than OR', () => {
    const { where } = parseJql('a = 1 OR NOT b = 2 AND c = 3');
    expect(where).toMatchObject({
      kind: 'or',
      clauses: [
        { kind: 'terminal', operator: '=' },
        { kind: 'and', clauses: [{ kind: 'not', clause: { kind: 'terminal' } }, { kind: 'terminal' }] },
      ],
    });
  });
  it('reads an ORDER BY-only query as matching everything', () => {
    expect(parseJql('order by created DESC, key')).toEqual({
      where: null,
      orderBy: [
        { field: { kind: 'named', name: 'created', position: { line: 1, column: 10 } }, direction: 'desc' },
        { field: { kind: 'named', name: 'key', position: { line: 1, column: 24 } }, direction: null },
      ],
    });
  });
});

describe('JQL errors (Jira Cloud wording)', () => {
  const OPERATORS = `'=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'`;
  const table: Array<[string, string]> = [
    ['invalid query', `Error in the JQL Query: Expecting operator but got 'query'. The valid operators are ${OPERATORS}. (line 1, character 9)`],
    ['status', `Error in the JQL Query: Expecting operator before the end of the query. The valid operators are ${OPERATORS}.`],
    ['status = ', 'Error in the JQL Query: Expecting either a value, list or function before the end of the query.'],
    ['status = "Done', "Error in the JQL Query: The quoted string 'Done' has not been completed. (line 1, character 10)"],
    [
      'labels = a@b',
      "Error in the JQL Query: The character '@' is a reserved JQL character. You must enclose it in a string or use the escape '\\u0040' instead. (line 1, character 11)",
    ],
    ['(status = Done', "Error in the JQL Query: Expecting ')' before the end of the query."],
    ['labels in (a, b', "Error in the JQL Query: Expecting ')' before the end of the query."],
    ['status = Done)', "Error in the JQL Query: Expecting either 'OR' or 'AND' but got ')'. (line 1, character 14)"],
    ['status = Done foo', "Error in the JQL Query: Expecting either 'OR' or 'AND' but got 'foo'. (line 1, character 15)"],
    [
      'AND status = Done',
      "Error in the JQL Query: Expecting a field name but got 'AND'. You must surround 'AND' in quotation marks to use it as a field name. (line 1, character 1)",
    ],
    ['status = Done AND', 'Error in the JQL Query: Expecting a field name before the end of the query.'],
    [
      'project = IN',
      "Error in the JQL Query: Expecting either a value, list or function but got 'IN'. You must surround 'IN' in quotation marks to use it as a value. (line 1, character 11)",
    ],
    [
      'project = AS',
      "Error in the JQL Query: 'AS' is a reserved JQL word. You must surround it in quotation marks to use it in a query. (line 1, character 11)",
    ],
    [
      'labels = \\q',
      "Error in the JQL Query: '\\q' is an illegal JQL escape sequence. The valid escape sequences are \\', \\\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX. (line 1, character 10)",
    ],
    [
      'project = OUT\nAND status = @',
      "Error in the JQL Query: The character '@' is a reserved JQL character. You must enclose it in a string or use the escape '\\u0040' instead. (line 2, character 14)",
    ],
    ['cf[abc] = 1', "Error in the JQL Query: Expecting a custom field id enclosed by '[ ]' after 'cf'. Example: 'cf[10021]'. (line 1, character 1)"],
    ['nosuch = 1', "Field 'nosuch' does not exist or you do not have permission to view it."],
    ['cf[99999] = 1', "Field 'cf[99999]' does not exist or you do not have permission to view it."],
    ['project = OUT ORDER BY nosuch', "Field 'nosuch' does not exist or you do not have permission to view it."],
    ['due < nope()', "Unable to find JQL function 'nope()'."],
    ['status ~ Done', "The operator '~' is not supported by the 'status' field."],
    ['summary = x', "The operator '=' is not supported by the 'summary' field."],
    ['summary in test', `Operator 'in' does not support the non-list value '"test"' for field 'summary'.`],
    ['playbookPhase > Design', "The operator '>' is not supported by the 'playbookPhase' field."],
    ['statusCategory = Bogus', "The value 'Bogus' does not exist for the field 'statusCategory'."],
    [
      'due = "2026-13-45"',
      "Date value '2026-13-45' for field 'due' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.",
    ],
    ['playbookStep = abc', "The value 'abc' for field 'playbookStep' is invalid."],
    ['assignee = now()', "A value provided by the function 'now' is invalid for the field 'assignee'."],
    ['created > now(1d)', "Function 'now' expected '0' arguments but received '1'."],
    ['created > startOfDay(-1d, 2)', "Function 'startOfDay' expected between '0' and '1' arguments but received '2'."],
    ['assignee = currentUser(me)', "Function 'currentUser' expected '0' arguments but received '1'."],
    ['created > startOfWeek(yesterday)', "Function 'startOfWeek' does not accept the argument 'yesterday'. Use an increment such as '-1d', '+2w' or '1M'."],
    ['key = payments', "The issue key 'payments' for field 'key' is invalid."],
    ['issuekey > OUT', "The issue key 'OUT' for field 'issuekey' is invalid."],
    ['key is EMPTY', "The operator 'is' is not supported by the 'key' field."],
    ['summary ~ ""', "The field 'summary' does not support searching for an empty string."],
    ['summary ~ "  "', "The field 'summary' does not support searching for an empty string."],
  ];

  it.each(table)('%s', (jql, message) => {
    expect(errorOf(jql)).toBe(message);
  });

  it('rejects unknown projects when the site lists its projects', () => {
    const env = { ...ENV, knownProjects: ['OUT', '10100', 'OPS', '10200'] };
    expect(errorOf('project = NOPE', env)).toBe("The value 'NOPE' does not exist for the field 'project'.");
    expect(errorOf('project in (OUT, "X")', env)).toBe("The value 'X' does not exist for the field 'project'.");
    expect(matching('project = out', env)).toEqual(sorted('OUT-1', 'OUT-2', 'OUT-3', 'OUT-4', 'OUT-10'));
  });

  it('rejects unknown statuses and issue types when the site lists them', () => {
    const env = { ...ENV, knownStatuses: ['To Do', 'In Progress', 'Done'], knownIssueTypes: ['Epic', 'Task', 'Subtask'] };
    expect(errorOf('status = Closed', env)).toBe("The value 'Closed' does not exist for the field 'status'.");
    expect(errorOf('status not in (Done, "Won\'t do")', env)).toBe("The value 'Won't do' does not exist for the field 'status'.");
    expect(errorOf('type = Bug', env)).toBe("The value 'Bug' does not exist for the field 'type'.");
    expect(matching('status = "IN PROGRESS" AND issuetype = task', env)).toEqual(sorted('OUT-2', 'OUT-10'));
    // Without the lists, unknown names simply match nothing.
    expect(matching('status = Closed')).toEqual([]);
  });
});

describe('JQL on a large set', () => {
  // Speed is the bench's job (no wall-clock thresholds here); the generous timeout only catches quadratic work.
  it('filters and sorts 125k issues', () => {
    const issues: JqlIssue[] = [];
    for (let i = 0; i < 125_000; i += 1) {
      const template = ISSUES[i % ISSUES.length];
      issues.push({ ...template, id: String(100_000 + i), key: `${template.projectKey}-${i + 1}` });
    }
    const compiled = compileJql(
      parseJql(
        'project = OUT AND playbookKind = step AND playbookPhase in (Design, Build, Test) AND statusCategory != Done AND due < "2026-03-25" ORDER BY playbookStep DESC, key',
      ),
      ENV,
    );
    const result = compiled.sort(issues.filter(compiled.matches));
    // OUT-2 and OUT-10 of every six fixture copies match.
    expect(result).toHaveLength(2 * Math.ceil(125_000 / ISSUES.length) - 1);
    const half = result.length / 2;
    expect(result.slice(0, Math.floor(half)).every((issue) => issue.properties === ISSUES[4].properties)).toBe(true);
    expect(result.slice(Math.ceil(half)).every((issue) => issue.properties === ISSUES[1].properties)).toBe(true);
    expect(result[0].key).toBe('OUT-5');
    expect(result[1].key).toBe('OUT-11');
  }, 30_000);
});

describe('JQL sort()', () => {
  it.each(['', 'ORDER BY created', 'ORDER BY due ASC, key DESC', 'ORDER BY statusCategory, created DESC', 'ORDER BY playbookStep DESC', 'order by phase'])(
    'orders like compare: %s',
    (jql) => {
      const compiled = compileJql(parseJql(jql), ENV);
      expect(compiled.sort(ISSUES).map((issue) => issue.key)).toEqual([...ISSUES].sort(compiled.compare).map((issue) => issue.key));
    },
  );
});
