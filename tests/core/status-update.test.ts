import { partyStatusUpdate, splitStepNotes, isAuthorsNote, MAILTO_MAX_LENGTH, type StatusUpdateInput, type StatusUpdateStep } from '../../src/core';

const step = (n: number, over: Partial<StatusUpdateStep>): StatusUpdateStep => ({
  step: n,
  title: `Step title ${n}`,
  phase: n < 4 ? 'Discovery' : 'Design',
  issueKey: `OUT-${n + 1}`,
  state: 'todo',
  due: null,
  responsible: ['SA'],
  consulted: [],
  ...over,
});

/** Thursday 2026-12-10; the plan's holiday Monday 2026-12-21 pushes "two weeks" (10 business days) to Friday the 25th. */
const input = (over: Partial<StatusUpdateInput> = {}): StatusUpdateInput => ({
  party: 'B',
  partyName: 'Biller',
  contact: { displayName: 'Texas Mutual IT', email: 'it@texasmutual.example' },
  biller: 'Texas Mutual Insurance',
  coreSystem: 'Guidewire (Accelerator)',
  today: '2026-12-10',
  holidays: ['2026-12-21'],
  steps: [
    step(1, { state: 'done', due: '2026-12-02', consulted: ['B', 'CS'] }),
    step(2, { state: 'in-progress', due: '2026-12-07', consulted: ['B'] }), // 3 business days late
    step(3, { due: '2026-12-10', responsible: ['B'], consulted: ['B'] }), // due today: due soon, not late
    step(4, { due: '2026-12-25', consulted: ['B'] }), // the last day of the two weeks
    step(5, { due: '2026-12-28', consulted: ['B'] }), // after them
    step(6, { due: '2026-12-01', consulted: ['CS'] }), // late, but not the Biller's
    step(7, { state: 'not-applicable', consulted: ['B'] }), // not in this plan
    step(8, { due: null, responsible: ['B'] }), // no due date: never late nor due
  ],
  ...over,
});

describe('partyStatusUpdate', () => {
  const update = partyStatusUpdate(input());

  it('lists what the party is Responsible or Consulted for, late and due in the next two weeks of business days', () => {
    expect(update.horizon).toBe('2026-12-25');
    expect(update.involved.map((i) => [i.step, i.as])).toEqual([
      [1, 'Consulted'],
      [2, 'Consulted'],
      [3, 'Responsible and Consulted'],
      [4, 'Consulted'],
      [5, 'Consulted'],
      [8, 'Responsible'],
    ]);
    expect(update.late.map((i) => [i.step, i.businessDaysLate])).toEqual([[2, 3]]);
    expect(update.dueSoon.map((i) => i.step)).toEqual([3, 4]);
  });

  it('reads as an e-mail: greeting, late, due soon, everything, with dates and roles', () => {
    expect(update.subject).toBe('Outbound Payments Texas Mutual Insurance × Guidewire (Accelerator): status for Biller as of 2026-12-10');
    expect(update.text).toContain('Hello Texas Mutual IT,');
    expect(update.text).toContain('Late (1):\n- Step 2. Step title 2 (Discovery), you are Consulted: was due 2026-12-07, 3 business days late, in progress');
    expect(update.text).toContain('Due in the next two weeks, 2026-12-10 to 2026-12-25 (2):');
    expect(update.text).toContain('- Step 3. Step title 3 (Discovery), you are Responsible and Consulted: due 2026-12-10, not started');
    expect(update.text).toContain('(5 open, 1 done)');
    expect(update.text).not.toMatch(/Step (6|7)\./);
  });

  it('mails the contact with subject and body (CRLF line breaks), or carries less when the link would be too long', () => {
    expect(update.mailto.startsWith('mailto:it@texasmutual.example?subject=Outbound%20Payments%20Texas')).toBe(true);
    expect(update.mailtoBody).toBe('full');
    expect(decodeURIComponent(update.mailto.split('&body=')[1])).toBe(update.text.replace(/\n/g, '\r\n'));
    const many = Array.from({ length: 40 }, (_, i) => step(20 + i, { due: '2027-03-01', consulted: ['B'] }));
    const long = partyStatusUpdate(input({ steps: [...input().steps, ...many] }));
    expect(long.mailtoBody).toBe('short');
    expect(long.mailto.length).toBeLessThanOrEqual(MAILTO_MAX_LENGTH);
    expect(decodeURIComponent(long.mailto.split('&body=')[1])).not.toContain('Everything you are');
    const huge = partyStatusUpdate(input({ steps: Array.from({ length: 60 }, (_, i) => step(i + 1, { due: '2026-12-01', consulted: ['B'] })) }));
    expect(huge.mailtoBody).toBe('none');
    expect(huge.mailto).not.toContain('&body=');
  });

  it('without a contact: greets the role and leaves the recipient empty', () => {
    const tc = partyStatusUpdate(input({ party: 'TC', partyName: 'Transcard', contact: null }));
    expect(tc.text.startsWith('Hello Transcard,')).toBe(true);
    expect(tc.mailto.startsWith('mailto:?subject=')).toBe(true);
    expect(tc.involved).toEqual([]);
    expect(tc.text).toContain('- No step of this plan needs you.');
  });

  it('never counts weekends or holidays as days late', () => {
    // Due Friday 2026-12-18, today Tuesday the 22nd with Monday the 21st a holiday: 1 business day late.
    const late = partyStatusUpdate(input({ today: '2026-12-22', steps: [step(1, { due: '2026-12-18', responsible: ['B'] })] }));
    expect(late.late.map((i) => i.businessDaysLate)).toEqual([1]);
  });
});

describe("author's notes (a template convention)", () => {
  it('a note in capitals only is an author to-do; sentences are guidance', () => {
    expect(isAuthorsNote('NEED AN OUTBOUND VERSION')).toBe(true);
    expect(isAuthorsNote('TODO: LINK SDD v2')).toBe(false);
    expect(isAuthorsNote('** For large enterprise custom projects, any product development requirements should be included')).toBe(false);
    expect(isAuthorsNote('1.')).toBe(false);
    expect(splitStepNotes(['NEED AN OUTBOUND VERSION', 'Note: IC may or may not work with Core System directly.'])).toEqual({
      notes: ['Note: IC may or may not work with Core System directly.'],
      authorNotes: ['NEED AN OUTBOUND VERSION'],
    });
  });
});
