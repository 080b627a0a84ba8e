/**
 * Simulates a process dying between two calls: after `afterRequests` Jira requests every further request
 * and every ledger call throws `Killed`, like a Forge invocation that was stopped. `sendLast` decides
 * whether the request at the kill point still reached Jira (its response then lost) or never left.
 */
import type { JiraRequestFn } from '../../src/jira';
import type { PlanLedger } from '../../src/storage';

export class Killed extends Error {
  constructor() {
    super('process killed (test)');
    this.name = 'Killed';
  }
}

export interface KillSwitch {
  request(fn: JiraRequestFn): JiraRequestFn;
  ledger(ledger: PlanLedger): PlanLedger;
  readonly dead: boolean;
}

export function killSwitch(afterRequests: number, sendLast: boolean): KillSwitch {
  let sent = 0;
  let dead = false;
  const guard = () => {
    if (dead) throw new Killed();
  };
  return {
    get dead() {
      return dead;
    },
    request: (fn) => async (route, init) => {
      guard();
      sent += 1;
      if (sent > afterRequests) {
        dead = true;
        if (sendLast) await fn(route, init).catch(() => undefined);
        throw new Killed();
      }
      const response = await fn(route, init);
      guard();
      return response;
    },
    ledger: (ledger) => ({
      read: async (planId) => (guard(), ledger.read(planId)),
      claim: async (planId, owner, leaseMs) => (guard(), ledger.claim(planId, owner, leaseMs)),
      release: async (planId, owner) => (guard(), ledger.release(planId, owner)),
      record: async (planId, patch) => (guard(), ledger.record(planId, patch)),
    }),
  };
}
