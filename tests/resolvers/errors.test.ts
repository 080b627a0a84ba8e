import { KickoffInvalidError } from '../../src/core';
import { JiraDeadlineError, JiraOutcomeUnknownError, errorForStatus } from '../../src/jira';
import { toResult } from '../../src/resolvers/errors';
import { UseCaseError } from '../../src/usecases/errors';

const jira = (status: number, errorMessages: string[] = []) => errorForStatus({ status, method: 'GET', path: '/rest/api/3/x', errorMessages });
const codeOf = (error: unknown) => {
  const result = toResult(error, 'test');
  return result.ok ? null : result.error.code;
};

describe('toResult (the one error mapper)', () => {
  it('kickoff errors carry their fields, from the engine or the generation use case', () => {
    const fields = [{ field: 'roles.TC', message: 'missing' }];
    expect(toResult(new KickoffInvalidError(fields), 't')).toEqual({ ok: false, error: { code: 'INVALID_KICKOFF', message: expect.any(String), fields } });
    expect(toResult(new UseCaseError('kickoff-invalid', 'bad', { errors: [...fields, { nonsense: 1 }] }), 't')).toEqual({
      ok: false,
      error: { code: 'INVALID_KICKOFF', message: 'bad', fields },
    });
  });

  it.each([
    ['project-not-found', 'PROJECT_NOT_FOUND'],
    ['issue-type-missing', 'ISSUE_TYPE_MISSING'],
    ['permission-missing', 'PERMISSION_DENIED'],
    ['not-authenticated', 'PERMISSION_DENIED'],
    ['create-rejected', 'JIRA_ERROR'],
    ['plan-not-found', 'NOT_FOUND'],
  ] as const)('use-case %s → %s, keeping its message', (code, expected) => {
    expect(toResult(new UseCaseError(code, `because ${code}`), 't')).toEqual({ ok: false, error: { code: expected, message: `because ${code}` } });
  });

  it.each([
    [404, 'NOT_FOUND'],
    [401, 'PERMISSION_DENIED'],
    [403, 'PERMISSION_DENIED'],
    [429, 'RATE_LIMITED'],
    [400, 'JIRA_ERROR'],
    [503, 'JIRA_ERROR'],
  ])('Jira %i → %s', (status, expected) => {
    expect(codeOf(jira(status))).toBe(expected);
  });

  it('says what Jira said, and treats deadline/unknown outcomes as retryable', () => {
    const result = toResult(jira(400, ['The value OUT does not exist for the field project.']), 't');
    expect(!result.ok && result.error.message).toMatch(/does not exist for the field project/);
    expect(codeOf(new JiraDeadlineError('deadline', 'x', { status: 429, method: 'GET', path: '/' }))).toBe('RATE_LIMITED');
    const unknown = toResult(new JiraOutcomeUnknownError('outcome-unknown', 'x', { status: 0, method: 'POST', path: '/' }), 't');
    expect(!unknown.ok && unknown.error).toMatchObject({ code: 'JIRA_ERROR', message: expect.stringMatching(/Try again/) });
  });

  it('anything else is INTERNAL with a safe message (details only in the log)', () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const result = toResult(new TypeError('secret stack detail'), 'getPortfolio');
    expect(!result.ok && result.error).toEqual({ code: 'INTERNAL', message: expect.stringContaining('getPortfolio') });
    expect(!result.ok && result.error.message).not.toMatch(/secret/);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});
