import { applicableSteps, buildPlan, CURRENT_PLAYBOOK, KickoffInvalidError, planIdFor, stepSummary, type Plan } from '../../src/core';
import { exampleKickoff, type LooseKickoff } from './kickoff-fixture';

function planWith(change: (k: LooseKickoff) => void): Plan {
  const k = exampleKickoff();
  change(k);
  return buildPlan(k);
}
const applicableNumbers = (plan: Plan) => applicableSteps(plan).map((s) => s.number);
const step = (plan: Plan, n: number) => plan.steps[n - 1];

describe('buildPlan: applicability', () => {
  const CAPABILITY_STEPS: [string, number][] = [
    ['claims', 8],
    ['checks', 9],
    ['agent-commissions', 10],
    ['premium-refunds', 11],
    ['vendor-onboarding', 12],
    ['agent-onboarding', 13],
    ['vendor-management', 14],
  ];

  it.each(CAPABILITY_STEPS)('capability %s brings in step %i and only that capability step', (capability, number) => {
    const plan = planWith((k) => (k.capabilities = [capability]));
    const inScope = applicableNumbers(plan).filter((n) => n >= 8 && n <= 14);
    expect(inScope).toEqual([number]);
    expect(step(plan, number).reason).toMatch(/^Included: .* is in scope\.$/);
    for (const [, other] of CAPABILITY_STEPS.filter(([, n]) => n !== number)) {
      expect(step(plan, other).applicable).toBe(false);
      expect(step(plan, other).reason).toMatch(/^Skipped: .* is not in scope\.$/);
    }
  });

  it('all capabilities bring in steps 8–14', () => {
    const plan = planWith((k) => (k.capabilities = CAPABILITY_STEPS.map(([c]) => c)));
    expect(applicableNumbers(plan)).toEqual([...Array(25)].map((_, i) => i + 1));
    expect(step(plan, 8).reason).toBe('Included: Claims is in scope.');
  });

  it('step 25 applies to partner integrations only', () => {
    const partner = planWith((k) => (k.integrationType = 'partner'));
    const custom = planWith((k) => (k.integrationType = 'custom'));
    expect(step(partner, 25).applicable).toBe(true);
    expect(step(partner, 25).reason).toBe('Included: this is a partner integration.');
    expect(step(custom, 25).applicable).toBe(false);
    expect(step(custom, 25).reason).toBe('Skipped: only for partner integrations; this is a custom integration.');
    expect(step(custom, 25).start).toBeNull();
    expect(custom.due).toBe(step(custom, 24).due);
  });

  it('step 2 is optional, on by default, and the SA can turn it off or on', () => {
    const byDefault = planWith((k) => delete k.optionalSteps);
    expect(step(byDefault, 2).applicable).toBe(true);
    expect(step(byDefault, 2).reason).toMatch(/optional step, on by default/);
    const off = planWith((k) => (k.optionalSteps = { '2': false }));
    expect(step(off, 2).applicable).toBe(false);
    expect(step(off, 2).reason).toBe('Skipped: the SA turned this optional step off.');
    expect(step(off, 3).dependsOn).toEqual([1]);
    const on = planWith((k) => (k.optionalSteps = { '2': true }));
    expect(step(on, 2).reason).toBe('Included: the SA chose this optional step.');
  });

  it('steps without conditions always apply', () => {
    const plan = planWith((k) => {
      k.integrationType = 'custom';
      k.capabilities = ['claims'];
      k.optionalSteps = { '2': false };
    });
    expect(applicableNumbers(plan)).toEqual([1, 3, 4, 5, 6, 7, 8, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(step(plan, 1).reason).toBe('Included: every plan needs this step.');
  });

  it('lists every step, with dates only on applicable ones and dependencies only among them', () => {
    const plan = buildPlan(exampleKickoff());
    expect(plan.steps).toHaveLength(25);
    for (const s of plan.steps) {
      if (s.applicable) {
        expect(s.start).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        for (const d of s.dependsOn) expect(step(plan, d).applicable).toBe(true);
      } else {
        expect([s.start, s.due, s.dependsOn]).toEqual([null, null, []]);
      }
    }
    expect(step(plan, 15).dependsOn).toEqual([10, 11]);
  });
});

describe('buildPlan: identity and title', () => {
  it('titles the epic from biller and core system', () => {
    expect(buildPlan(exampleKickoff()).title).toBe('Outbound Payments: Texas Mutual Insurance × Guidewire (Accelerator)');
  });

  it('keeps the plan id when dates, people or scope change', () => {
    const id = buildPlan(exampleKickoff()).planId;
    expect(id).toMatch(/^op-out-[0-9a-f]{16}$/);
    const changed = planWith((k) => {
      k.kickoffDate = '2027-03-01';
      k.capabilities = ['claims'];
      k.roles.PM = { accountId: 'other-pm', displayName: 'Other PM' };
    });
    expect(changed.planId).toBe(id);
  });

  it('derives the id from the page when there is one, else from biller and core system', () => {
    const base = exampleKickoff();
    expect(planIdFor({ ...base, page: { id: '3374284829', url: 'https://a.example' } } as never)).toBe(buildPlan(base).planId);
    const otherPage = planWith((k) => (k.page.id = '999'));
    expect(otherPage.planId).not.toBe(buildPlan(base).planId);

    const noPage = (change: (k: LooseKickoff) => void = () => undefined) =>
      planWith((k) => {
        delete k.page;
        change(k);
      }).planId;
    expect(noPage()).not.toBe(buildPlan(base).planId);
    // Biller spelling differences of case and spacing do not make a new plan.
    expect(noPage((k) => (k.biller = '  texas   MUTUAL insurance'))).toBe(noPage());
    expect(noPage((k) => (k.coreSystem = 'SimpleSolve'))).not.toBe(noPage());
    expect(noPage((k) => (k.projectKey = 'OPS'))).toMatch(/^op-ops-/);
  });

  it('gives each macro on a page its own plan, and a copied page (same macro id, new page id) a new one', () => {
    const base = exampleKickoff();
    const onPage = (id: string, macroId?: string) =>
      planWith((k) => (k.page = { id, url: `https://a.example/wiki/pages/${id}`, ...(macroId ? { macroId } : {}) })).planId;
    const first = onPage('3374284829', 'macro-a');
    expect(first).toMatch(/^op-out-[0-9a-f]{16}$/);
    expect(onPage('3374284829', 'macro-b')).not.toBe(first);
    expect(onPage('3374284829', 'macro-a')).toBe(first);
    // Confluence keeps a macro's localId when a page is copied: the copy's page id makes the plan a new one.
    expect(onPage('4000000001', 'macro-a')).not.toBe(first);
    // Without a macro id (the CLI's page), the page alone keys the plan, as before.
    expect(onPage('3374284829')).toBe(buildPlan(base).planId);
    expect(first).not.toBe(buildPlan(base).planId);
  });
});

describe('buildPlan: people, assignees and references', () => {
  const plan = buildPlan(exampleKickoff());

  it('names the people behind each RACI role', () => {
    const s1 = step(plan, 1);
    expect(s1.raci).toEqual({ raw: 'SA/ B, CS, PM / IM', responsible: ['SA'], accountable: 'SA', consulted: ['B', 'CS', 'PM'], informed: ['IM'] });
    expect(s1.raciText).toBe('R: SA · A: SA · C: B, CS, PM · I: IM');
    expect(s1.people.responsible.map((p) => p.displayName)).toEqual(['Solution Architect']);
    expect(s1.people.accountable).toEqual({ role: 'SA', accountId: 'sa-account-id', displayName: 'Solution Architect' });
    expect(s1.people.consulted.map((p) => p.role)).toEqual(['B', 'CS', 'PM']);
    expect(step(plan, 19).people.informed.map((p) => p.role)).toEqual(['IM', 'OPM']);
  });

  it('leaves out roles nobody fills', () => {
    const noTc = planWith((k) => delete k.roles.TC);
    expect(step(noTc, 6).people.consulted.map((p) => p.role)).toEqual(['B', 'CS', 'PM']);
    const noOpm = planWith((k) => delete k.roles.OPM);
    expect(step(noOpm, 19).people.informed.map((p) => p.role)).toEqual(['IM']);
  });

  it('assigns the first Responsible Jira user, else the SA', () => {
    expect(step(plan, 16).raci.responsible).toEqual(['B', 'CS', 'SA']);
    expect(step(plan, 16).assignee).toEqual({ role: 'SA', accountId: 'sa-account-id', displayName: 'Solution Architect' });
    const billerUser = planWith((k) => (k.roles.CS = { accountId: 'cs-user', displayName: 'Core System dev' }));
    expect(step(billerUser, 16).assignee).toEqual({ role: 'CS', accountId: 'cs-user', displayName: 'Core System dev' });
    expect(step(billerUser, 1).assignee.role).toBe('SA');
  });

  it('resolves reference URLs: the page gives one, then the site map, then the discovery page', () => {
    expect(step(plan, 4).references).toEqual([
      {
        id: 'conceptual-workflow-diagram',
        name: 'Conceptual workflow diagram',
        url: 'https://invoicecloud.atlassian.net/wiki/spaces/SE/pages/edit-v2/4214194205',
      },
    ]);
    expect(step(plan, 5).references).toEqual([
      {
        id: 'solution-design-document',
        name: 'Solution Design Document',
        url: 'https://example.atlassian.net/wiki/spaces/SE/pages/1001/Solution+Design+Document',
      },
    ]);
    expect(step(plan, 1).references).toEqual([{ id: 'discovery-page', name: 'Discovery page', url: exampleKickoff().page.url }]);
    // No URL known on this site: the name alone.
    expect(step(plan, 17).references).toEqual([{ id: 'webhook-integration', name: 'Webhook Integration' }]);
    const noPage = planWith((k) => delete k.page);
    expect(step(noPage, 1).references).toEqual([{ id: 'discovery-page', name: 'Discovery page' }]);
  });

  it('copies the template text and notes onto each step', () => {
    for (const s of plan.steps) {
      const t = CURRENT_PLAYBOOK.steps[s.number - 1];
      expect([s.phase, s.category, s.title, s.description, s.notes, s.durationDays]).toEqual([
        t.phase,
        t.category,
        t.title,
        t.description,
        t.notes,
        t.durationDays,
      ]);
    }
    expect(plan.templateVersion).toBe('1.5');
  });
});

describe('buildPlan: warnings and invalid kickoffs', () => {
  it('warns about capabilities a known integration does not list, and new core systems', () => {
    expect(buildPlan(exampleKickoff()).warnings).toEqual([]);
    expect(planWith((k) => (k.capabilities = ['claims', 'agent-commissions'])).warnings).toEqual([
      'Guidewire (Accelerator) (In Progress) supports Agent Commissions, Premium Refunds; Claims would be new for it.',
    ]);
    expect(planWith((k) => (k.coreSystem = 'Majesco')).warnings).toEqual([
      "Majesco is not among the playbook's supported integrations; this is a new core system integration.",
    ]);
  });

  it('throws KickoffInvalidError with every error', () => {
    const k = exampleKickoff();
    delete k.roles.SA;
    k.capabilities = ['bogus'];
    expect(() => buildPlan(k)).toThrow(KickoffInvalidError);
    try {
      buildPlan(k);
    } catch (e) {
      expect((e as KickoffInvalidError).errors.map((x) => x.field).sort()).toEqual(['capabilities.0', 'roles.SA']);
    }
  });

  it('is deterministic', () => {
    expect(JSON.stringify(buildPlan(exampleKickoff()))).toBe(JSON.stringify(buildPlan(exampleKickoff())));
  });
});

describe('stepSummary: the step and the plan it belongs to', () => {
  it('names the step and the biller', () => {
    expect(stepSummary({ number: 15, title: 'Biller/Partner Design Review' }, 'Texas Mutual')).toBe('15. Biller/Partner Design Review — Texas Mutual');
  });

  it("stays within Jira's 255 characters by shortening the title, never the number or the biller", () => {
    const biller = 'B'.repeat(100);
    const summary = stepSummary({ number: 25, title: 'T'.repeat(300) }, biller);
    expect(summary).toHaveLength(255);
    expect(summary.startsWith('25. TTT')).toBe(true);
    expect(summary.endsWith(`… — ${biller}`)).toBe(true);
    for (const step of buildPlan(exampleKickoff()).steps) expect(stepSummary(step, biller).length).toBeLessThanOrEqual(255);
  });
});
