/** A kickoff as the form sends it (the contract's shape), naming the demo site's people. */
import type { Kickoff } from '../../../src/contract';
import { DEMO_SITE } from '../../../src/local/jira/site';

type DemoUser = 'sa' | 'pm' | 'im' | 'opm';
const person = (user: DemoUser) => ({ accountId: DEMO_SITE.accounts[user].accountId, displayName: DEMO_SITE.accounts[user].displayName });

export function formKickoff(overrides: Partial<Kickoff> = {}): Kickoff {
  return {
    projectKey: DEMO_SITE.projectKey,
    biller: 'Texas Mutual Insurance',
    coreSystem: 'Guidewire (Accelerator)',
    integrationType: 'partner',
    capabilities: ['agent-commissions', 'premium-refunds'],
    optionalSteps: [2],
    kickoffDate: '2026-12-01',
    holidays: ['2026-12-25', '2027-01-01'],
    roles: {
      SA: person('sa'),
      PM: person('pm'),
      IM: person('im'),
      OPM: person('opm'),
      B: { displayName: 'Texas Mutual Insurance IT', email: 'it@texasmutual.example' },
      CS: { displayName: 'Guidewire Accelerator team', email: 'accelerator@guidewire.example' },
      TC: { displayName: 'Transcard integrations', email: 'integrations@transcard.example' },
    },
    ...overrides,
  };
}
