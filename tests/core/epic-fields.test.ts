/** The epic's own fields follow the plan unless a person changed them since the app last wrote them. */
import { decideEpicFields, epicStatusCategory, wantedEpicFields, type EpicFields } from '../../src/core';

const jira = (fields: Partial<EpicFields> = {}): EpicFields => ({ status: 'new', dueDate: null, assignee: null, ...fields });

it('maps the plan status to the epic status category', () => {
  expect(['Initiated', 'In Progress', 'Released'].map((s) => epicStatusCategory(s as 'Initiated'))).toEqual(['new', 'indeterminate', 'done']);
});

it('wants only what the app knows: no forecast, no due date; no PM account, no assignee', () => {
  expect(wantedEpicFields({ status: 'Initiated', forecastGoLive: null, pmAccountId: null })).toEqual({ status: 'new' });
  expect(wantedEpicFields({ status: 'In Progress', forecastGoLive: '2027-03-12', pmAccountId: 'pm-1' })).toEqual({
    status: 'indeterminate',
    dueDate: '2027-03-12',
    assignee: 'pm-1',
  });
});

it('a fresh epic: writes what differs, records what agrees', () => {
  const decision = decideEpicFields(jira(), { status: 'new', dueDate: '2027-03-12', assignee: 'pm-1' }, {});
  expect(decision).toEqual({
    writes: { dueDate: '2027-03-12', assignee: 'pm-1' },
    record: { status: 'new', dueDate: '2027-03-12', assignee: 'pm-1' },
    respected: [],
  });
});

it('already right: no write', () => {
  const last = { status: 'new', dueDate: '2027-03-12', assignee: 'pm-1' } as const;
  expect(decideEpicFields(jira({ dueDate: '2027-03-12', assignee: 'pm-1' }), last, last)).toEqual({ writes: {}, record: last, respected: [] });
});

it('the plan moved and Jira still holds what the app wrote: written', () => {
  const last = { status: 'new', dueDate: '2027-03-12', assignee: 'pm-1' } as const;
  const decision = decideEpicFields(
    jira({ dueDate: '2027-03-12', assignee: 'pm-1' }),
    { status: 'indeterminate', dueDate: '2027-04-09', assignee: 'pm-1' },
    last,
  );
  expect(decision.writes).toEqual({ status: 'indeterminate', dueDate: '2027-04-09' });
  expect(decision.record).toEqual({ status: 'indeterminate', dueDate: '2027-04-09', assignee: 'pm-1' });
});

it("a person's change is left alone, and the app's last value stays recorded", () => {
  const last = { status: 'new', dueDate: '2027-03-12', assignee: 'pm-1' } as const;
  const decision = decideEpicFields(
    jira({ status: 'done', dueDate: '2027-12-31', assignee: null }),
    { status: 'indeterminate', dueDate: '2027-04-09', assignee: 'pm-1' },
    last,
  );
  expect(decision).toEqual({ writes: {}, record: last, respected: ['status', 'dueDate', 'assignee'] });
});

it('a person whose value comes to agree with the plan hands the field back to the app', () => {
  const decision = decideEpicFields(jira({ dueDate: '2027-04-09' }), { status: 'new', dueDate: '2027-04-09' }, { dueDate: '2027-03-12' });
  expect(decision.record).toEqual({ status: 'new', dueDate: '2027-04-09' });
  expect(decision.writes).toEqual({});
});
