/** The Supported Integrations macro: the template's table brought up to date by the plans, each plan linked. */
import type { SupportedIntegrationsPageView } from '../../../src/contract/template-admin';
import { issuePath, openIssue, StatusLozenge } from '../../shared/plan';

export function SupportedIntegrationsView({ page }: { page: SupportedIntegrationsPageView }) {
  return (
    <section className="stack" aria-label="Supported Integrations">
      <h2>
        Supported Integrations <span className="subtle">(playbook v{page.version} and the plans in Jira)</span>
      </h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Core system</th>
            <th scope="col">Billers</th>
            <th scope="col">Status</th>
            <th scope="col">Capabilities</th>
            <th scope="col">Plans</th>
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row) => (
            <tr key={row.coreSystem}>
              <th scope="row" style={{ fontWeight: 400 }}>
                {row.coreSystem}
                {row.details && <div className="subtlest">{row.details}</div>}
              </th>
              <td>{row.billers.join(', ') || '—'}</td>
              <td>
                <StatusLozenge status={row.status} />
              </td>
              <td>{row.capabilities.join(', ') || '—'}</td>
              <td>
                {row.plans.length === 0
                  ? '—'
                  : row.plans.map((plan, i) => (
                      <span key={plan.epicKey}>
                        {i > 0 && ', '}
                        <a
                          href={issuePath(plan.epicKey)}
                          onClick={(e) => {
                            e.preventDefault();
                            openIssue(plan.epicKey);
                          }}
                          title={`${plan.biller}: ${plan.status}`}
                        >
                          {plan.epicKey}
                        </a>
                      </span>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
