import { readFileSync } from 'node:fs';
import {
  BUILT_IN_PLAYBOOKS,
  CURRENT_PLAYBOOK,
  getPlaybook,
  loadPlaybook,
  playbookVersions,
  PLAYBOOK_V1_5,
  UnknownPlaybookVersionError,
  type PlaybookData,
} from '../../src/core';

const SEED = '/work/shared/seed/000_852e3fd724aa7e1d.txt';
const seedLines = readFileSync(SEED, 'utf8').split('\n');

/**
 * The seed's Process Steps rows, read independently of the data: a row starts with a line holding its number
 * followed by a phase name, and runs until the next row or "Supported Integrations".
 */
function seedRows(): Map<number, string[]> {
  const phases = ['Discovery', 'Design', 'Development', 'Testing', 'Finalize Design', 'Integration Release'];
  const start = seedLines.indexOf('Process Steps');
  const end = seedLines.indexOf('Supported Integrations');
  const rows = new Map<number, string[]>();
  let current: string[] | null = null;
  for (let i = start; i < end; i++) {
    const n = Number(seedLines[i]);
    if (/^\d+$/.test(seedLines[i]) && n === rows.size + 1 && phases.includes(seedLines[i + 1])) {
      current = [];
      rows.set(n, current);
    } else if (current) current.push(seedLines[i]);
  }
  return rows;
}

/** Expected rows transcribed from the page: phase, category, title, R / C / I codes, notes. */
const EXPECTED: [number, string, string, string, string, string, string, string[]][] = [
  [1, 'Discovery', 'User Experience', 'Claimant, Vendor, Agent, Adjuster, and Treasury Experience Walkthrough', 'SA', 'B,CS,PM', 'IM', []],
  [2, 'Discovery', 'System Design', 'System Architecture Breakout Sessions (if Applicable)', 'SA', 'B,CS,PM', 'IM', []],
  [3, 'Discovery', 'IC System', 'Treasury', 'SA', 'B,CS,PM', 'IM', []],
  [4, 'Design', 'Overview', 'Technology consulting', 'SA', 'B,CS,PM', 'IM', []],
  [5, 'Design', 'Overview', 'Create Design Overview Document', 'SA', 'B,CS,PM', 'IM', ['NEED AN OUTBOUND VERSION']],
  [6, 'Design', 'Overview', 'Review Conceptual Workflow Diagram Document', 'SA', 'B,CS,PM,TC', 'IM', []],
  [
    7,
    'Design',
    'Technical Design',
    'Integration Conceptual Workflow Diagram for Claimant, Agent, Vendor, Adjuster, and Treasury Experience',
    'SA',
    'B,CS,PM',
    'IM',
    [],
  ],
  [8, 'Design', 'Technical Design', 'Claim Processing', 'SA', 'PM', 'IM', []],
  [9, 'Design', 'Technical Design', 'Check Processing', 'SA', 'PM', 'IM', []],
  [10, 'Design', 'Technical Design', 'Agent Commissions Processing', 'SA', 'PM', 'IM', []],
  [11, 'Design', 'Technical Design', 'Premium Refunds Processing', 'SA', 'PM', 'IM', []],
  [12, 'Design', 'Technical Design', 'Vendor Onboarding', 'SA', 'PM', 'IM', []],
  [13, 'Design', 'Technical Design', 'Agent Onboarding', 'SA', 'PM', 'IM', []],
  [14, 'Design', 'Technical Design', 'Vendor Management', 'SA', 'PM', 'IM', []],
  [15, 'Design', 'Review & Approval', 'Biller/Partner Design Review', 'SA', 'B,CS,PM', 'IM', []],
  [16, 'Development', 'Biller/Partner Coding', 'Biller/Partner Codes to SMART APIs', 'B,CS,SA', 'PM', 'IM', []],
  [17, 'Development', 'Biller/Partner Coding', 'Data Gathering (webhooks, credentials, etc.)', 'SA', 'PM', 'IM', []],
  [18, 'Testing', 'SIT', 'Create & review System Integration Test (SIT) Workbook', 'SA', 'B,CS,PM', 'IM', []],
  [
    19,
    'Testing',
    'SIT',
    'Complete SIT',
    'SA',
    'PM',
    'IM,OPM',
    ['For any errors that arise refer to SMART API - Error Codes V1 (10.23.24) for guidance on error messages'],
  ],
  [20, 'Testing', 'SIT', 'SIT Verification', 'SA', 'B,CS,PM', 'IM', []],
  [21, 'Finalize Design', 'Documentation', 'Update Integration Technical Design Document', 'SA', 'PM', 'IM', []],
  [22, 'Finalize Design', 'Documentation', 'SA Review of Technical Design documentation', 'SA', 'PM,IM', '', []],
  [
    23,
    'Finalize Design',
    'Documentation',
    'Obtain Final Integration Sign-off from Biller and Core System',
    'SA',
    'B,CS,PM',
    'IM',
    [
      'Note: IC may or may not work with Core System directly depending on the project.',
      '** For large enterprise custom projects, any product development requirements should be included in the Solution Design and signed off by biller.',
    ],
  ],
  [24, 'Integration Release', 'Knowledge Transfer', 'Hold knowledge transfer session', 'SA', 'PM,IM', '', []],
  [
    25,
    'Integration Release',
    'Knowledge Transfer',
    'Send Internal Notification',
    'SA',
    'PM,IM',
    '',
    ['Note: Only applies to Partner Integrations and is N/A for Custom Integrations.'],
  ],
];

describe('playbook v1.5 matches the seed page', () => {
  const rows = seedRows();
  const steps = CURRENT_PLAYBOOK.steps;

  it('has the six phases in order and 25 steps', () => {
    expect(CURRENT_PLAYBOOK.version).toBe('1.5');
    expect(CURRENT_PLAYBOOK.phases.map((p) => p.name)).toEqual(['Discovery', 'Design', 'Development', 'Testing', 'Finalize Design', 'Integration Release']);
    expect(rows.size).toBe(25);
    expect(steps.map((s) => s.number)).toEqual([...Array(25)].map((_, i) => i + 1));
  });

  it('has the seven roles with their teams', () => {
    expect(CURRENT_PLAYBOOK.roles.map((r) => [r.code, r.name, r.team, r.internal])).toEqual([
      ['PM', 'Project Manager', 'Implementations', true],
      ['IM', 'Implementations Manager', 'Implementations', true],
      ['SA', 'Solution Architect', 'Solution Engineering', true],
      ['OPM', 'Outbound Program Manager', 'Implementations', true],
      ['B', 'Biller', 'Customer', false],
      ['CS', 'Core System', 'Customer/Vendor', false],
      ['TC', 'Transcard', 'Partner for OP product', false],
    ]);
    // Each role appears on the page as "Name (CODE)" followed by its team.
    for (const role of CURRENT_PLAYBOOK.roles) {
      const at = seedLines.indexOf(`${role.name} (${role.code})`);
      expect(at).toBeGreaterThan(0);
      expect(seedLines[at + 1]).toBe(role.team);
    }
  });

  it.each(EXPECTED)('step %i equals the transcribed row', (number, phase, category, title, r, c, i, notes) => {
    const step = steps[number - 1];
    const codes = (s: string) => (s ? s.split(',') : []);
    expect([step.number, step.phase, step.category, step.title]).toEqual([number, phase, category, title]);
    expect([step.raci.responsible, step.raci.accountable, step.raci.consulted, step.raci.informed]).toEqual([codes(r), 'SA', codes(c), codes(i)]);
    expect(step.notes).toEqual(notes);
  });

  it.each([...Array(25)].map((_, i) => i + 1))('step %i: phase, category, RACI cell and every line of the seed row are accounted for', (number) => {
    const step = steps[number - 1];
    const row = rows.get(number)!;
    expect(row[0]).toBe(step.phase);
    expect(row[1].trimEnd()).toBe(step.category);
    expect(row[row.length - 1]).toBe(step.raci.raw);
    // Cell text joined the way the page renders it (lines of one cell joined by a space).
    const body = row
      .slice(2, -1)
      .map((l) => l.trim())
      .filter((l) => l.length > 0);
    const rendered = body.join(' ');
    expect(rendered.startsWith(`${step.title} `)).toBe(true); // the title cell comes first (step 2's spans two lines)
    let from = 0;
    for (const paragraph of step.description.split('\n')) {
      const at = rendered.indexOf(paragraph, from);
      expect(at).toBeGreaterThanOrEqual(0); // present, exactly, and after the previous paragraph
      from = at + paragraph.length;
    }
    for (const note of step.notes) expect(rendered).toContain(note);
    const known = [step.title, ...step.description.split('\n'), ...step.notes, ...step.references.flatMap((ref) => [ref.name, ref.url ?? ''])];
    for (const line of body) {
      if (line === 'Refer to:' || line === '-') continue;
      expect(known.some((k) => k.includes(line))).toBe(true);
    }
  });

  it('keeps the page text exactly, including its no-break spaces and typos', () => {
    expect(steps[2].description).toBe('Treasury discovery.\u00a0SA completes Treasury section of the Discovery Confluence page with Biller/Partner.');
    expect(steps[4].description).toBe('SA initiates design document to capture from discussions from discovery\nPlace in Solution Design Document');
    expect(steps[14].description).toBe('Biller/Partner reviews and approves the final integration design \u2192 See Solution Design Document');
    expect(steps[17].description.endsWith('(if necessary).')).toBe(true);
  });

  it('names the references each step links to', () => {
    const refs = (n: number) => steps[n - 1].references.map((r) => r.name);
    expect(refs(4)).toEqual(['Conceptual workflow diagram']);
    expect(steps[3].references[0].url).toBe('https://invoicecloud.atlassian.net/wiki/spaces/SE/pages/edit-v2/4214194205');
    expect(refs(5)).toEqual(['Solution Design Document']);
    expect(refs(15)).toEqual(['Solution Design Document', 'SOP - Project Scope Control - Solution Design Document']);
    expect(refs(16)).toEqual(['Overview_Of_SMART_APIs_v3', 'SMART API Use Cases', 'API Specifications']);
    expect(refs(17)).toEqual(['Webhook Integration']);
    expect(refs(19)).toEqual(['SIT workbook', 'SMART API - Error Codes V1 (10.23.24)']);
    expect(refs(1)).toEqual(['Discovery page']);
  });

  it('holds the applicability rules as data', () => {
    const conditions = Object.fromEntries(steps.filter((s) => s.conditions.length > 0).map((s) => [s.number, s.conditions]));
    expect(conditions).toEqual({
      2: [{ kind: 'optional', defaultOn: true }],
      8: [{ kind: 'capability', capability: 'claims' }],
      9: [{ kind: 'capability', capability: 'checks' }],
      10: [{ kind: 'capability', capability: 'agent-commissions' }],
      11: [{ kind: 'capability', capability: 'premium-refunds' }],
      12: [{ kind: 'capability', capability: 'vendor-onboarding' }],
      13: [{ kind: 'capability', capability: 'agent-onboarding' }],
      14: [{ kind: 'capability', capability: 'vendor-management' }],
      25: [{ kind: 'integrationType', equals: 'partner' }],
    });
  });

  it('lists the supported integrations with their capabilities', () => {
    expect(CURRENT_PLAYBOOK.supportedIntegrations.map((i) => [i.coreSystem, i.status, i.capabilities])).toEqual([
      ['IMT', 'Released', []],
      ['Guidewire (Accelerator)', 'In Progress', ['agent-commissions', 'premium-refunds']],
      ['SimpleSolve', 'In Progress', ['agent-commissions', 'premium-refunds']],
      ['Duck Creek (non-Orchestrator)', 'Initiated', ['agent-commissions']],
    ]);
    expect(CURRENT_PLAYBOOK.supportedIntegrations[0].details).toBe('IMT MIPS/APPS Outbound Integration Page');
    expect(CURRENT_PLAYBOOK.supportedIntegrations[1].billers).toEqual(['Texas Mutual Insurance (workers compensation)']);
    // The table's capability words map onto capability codes through their names or aliases.
    const byWord = (word: string) => CURRENT_PLAYBOOK.capabilities.find((c) => c.name === word || c.aliases.includes(word))?.code;
    expect(byWord('Agent Commission')).toBe('agent-commissions');
    expect(byWord('Premium Refund')).toBe('premium-refunds');
  });

  it('has a positive duration for every step and runs the capability designs in parallel', () => {
    expect(steps.every((s) => Number.isInteger(s.durationDays) && s.durationDays > 0)).toBe(true);
    expect(CURRENT_PLAYBOOK.phases[1].ordering).toEqual({ kind: 'staged', parallel: [[8, 9, 10, 11, 12, 13, 14]] });
  });
});

describe('loading playbook data', () => {
  const clone = (): PlaybookData => JSON.parse(JSON.stringify(PLAYBOOK_V1_5)) as PlaybookData;
  const messages = (data: PlaybookData) => {
    try {
      loadPlaybook(data);
      return [];
    } catch (error) {
      return (error as { issues: { message: string }[] }).issues.map((i) => i.message);
    }
  };

  // The app serves its built-in versions without re-validating them at load (Forge cold start); this is their check.
  it('serves every built-in version exactly as the schema-checked load gives it', () => {
    expect(BUILT_IN_PLAYBOOKS.map((data) => data.version)).toEqual(playbookVersions());
    for (const data of BUILT_IN_PLAYBOOKS) expect(getPlaybook(data.version)).toEqual(loadPlaybook(structuredClone(data)));
  });

  it('gets versions by number and refuses unknown ones', () => {
    expect(getPlaybook('1.5')).toBe(CURRENT_PLAYBOOK);
    expect(() => getPlaybook('9.9')).toThrow(UnknownPlaybookVersionError);
  });

  it('rejects steps out of order, unknown phases, references and bad RACI cells', () => {
    const data = clone();
    data.steps[3].number = 40;
    data.steps[4].phase = 'Nowhere';
    data.steps[5].references = ['no-such-doc'];
    data.steps[6].raci.raw = 'SA / ZZ / IM';
    data.steps[7].raci.raw = 'SA PM IM';
    const found = messages(data);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringContaining('numbered 1..n'),
        expect.stringContaining('unknown phase "Nowhere"'),
        expect.stringContaining('unknown reference "no-such-doc"'),
        expect.stringContaining('unknown role "ZZ"'),
        expect.stringContaining('Responsible / Consulted / Informed'),
      ]),
    );
  });

  it('rejects parallel groups that are not consecutive steps of their phase', () => {
    const data = clone();
    data.phases[1].ordering = {
      kind: 'staged',
      parallel: [
        [8, 10],
        [16, 17],
      ],
    };
    expect(messages(data)).toEqual(expect.arrayContaining([expect.stringContaining('consecutive'), expect.stringContaining('must belong to Design')]));
  });

  it('rejects cells with trailing spaces', () => {
    const data = clone();
    data.steps[1].category = 'System Design ';
    expect(messages(data)).toEqual([expect.stringContaining('spaces')]);
  });
});
