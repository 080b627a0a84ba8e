/**
 * The project page: every plan in the project with its phase bars, filters (phase, status, core system,
 * overdue) each with a copyable JQL, and the Supported Integrations view grouped by core system.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { PlanStatus, PortfolioFilters, PortfolioResult } from '../../../src/contract/types';
import { PLAN_STATUSES } from '../../../src/contract/constants';
import { api } from '../../shared/api';
import { loadContext } from '../../shared/context';
import { StatusLozenge, issuePath, openIssue, openJql } from '../../shared/plan';
import { Empty, Loading, useFlags } from '../../shared/ui';

export function Portfolio() {
  const flags = useFlags();
  const [projectKey, setProjectKey] = useState<string | null>(null);
  const [filters, setFilters] = useState<PortfolioFilters>({});
  const [data, setData] = useState<PortfolioResult | null>(null);
  const [tab, setTab] = useState<'plans' | 'integrations'>('plans');
  const [loading, setLoading] = useState(true);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    loadContext()
      .then((c) => (c.projectKey ? setProjectKey(c.projectKey) : setFailure('The host did not say which project this is.')))
      .catch((e: unknown) => setFailure(e instanceof Error ? e.message : String(e)));
  }, []);

  const load = useCallback(async (key: string, f: PortfolioFilters) => {
    setLoading(true);
    const result = await api.getPortfolio({ projectKey: key, filters: f });
    setLoading(false);
    if (result.ok) setData(result.data);
    else {
      flags.showError(result.error);
      if (!data) setFailure(result.error.message);
    }
  }, [flags, data]);

  useEffect(() => {
    if (projectKey) void load(projectKey, filters);
  }, [projectKey, filters]);

  if (failure) return <p role="alert">Outbound Playbook: {failure}</p>;
  if (!data) return <Loading label="Loading the portfolio…" />;

  const set = (patch: Partial<PortfolioFilters>) => {
    const next = { ...filters, ...patch };
    for (const k of Object.keys(next) as (keyof PortfolioFilters)[]) if (next[k] === undefined || next[k] === '' || next[k] === false) delete next[k];
    setFilters(next);
  };

  return (
    <div className="stack">
      <h1>Outbound Playbook portfolio · {data.projectKey}</h1>
      <div role="tablist" aria-label="Views" className="row">
        <button type="button" role="tab" aria-selected={tab === 'plans'} className={tab === 'plans' ? 'primary' : ''} onClick={() => setTab('plans')}>Plans</button>
        <button type="button" role="tab" aria-selected={tab === 'integrations'} className={tab === 'integrations' ? 'primary' : ''} onClick={() => setTab('integrations')}>Supported Integrations</button>
        {loading && <span className="spinner" role="status" aria-label="Refreshing" />}
      </div>
      {tab === 'plans' ? (
        <>
          <div className="row" role="group" aria-label="Filters" style={{ alignItems: 'flex-start' }}>
            <Select label="Phase" value={filters.phase ?? ''} options={data.facets.phases} onChange={(v) => set({ phase: v || undefined })} jql={data.jql.byFilter.phase} />
            <Select label="Status" value={filters.status ?? ''} options={[...PLAN_STATUSES]} onChange={(v) => set({ status: (v || undefined) as PlanStatus | undefined })} jql={data.jql.byFilter.status} />
            <Select label="Core system" value={filters.coreSystem ?? ''} options={data.facets.coreSystems} onChange={(v) => set({ coreSystem: v || undefined })} jql={data.jql.byFilter.coreSystem} />
            <div className="field" style={{ paddingTop: 24 }}>
              <label className="choice">
                <input type="checkbox" checked={filters.overdue === true} onChange={(e) => set({ overdue: e.target.checked })} /> Overdue only
              </label>
              {data.jql.byFilter.overdue && <CopyJql jql={data.jql.byFilter.overdue} label="Overdue filter" />}
            </div>
          </div>
          <CopyJql jql={data.jql.filtered} label="Plans matching the filters" wide />
          {data.plans.length === 0 ? (
            <Empty>No plans match. Plans appear here once generated from the kickoff macro.</Empty>
          ) : (
            <PlansTable data={data} />
          )}
        </>
      ) : (
        <Integrations data={data} />
      )}
    </div>
  );
}

function PlansTable({ data }: { data: PortfolioResult }) {
  const phaseNames = data.plans[0]?.phases.map((p) => p.phase) ?? [];
  return (
    <div style={{ overflowX: 'auto' }}>
      <table>
        <caption className="visually-hidden">Plans</caption>
        <thead>
          <tr>
            <th scope="col">Biller</th>
            <th scope="col">Core system</th>
            <th scope="col">Status</th>
            <th scope="col">Current phase</th>
            {phaseNames.map((p) => <th scope="col" key={p}>{p}</th>)}
            <th scope="col">Overdue</th>
          </tr>
        </thead>
        <tbody>
          {data.plans.map((plan) => (
            <tr key={plan.planId}>
              <th scope="row" style={{ fontWeight: 400 }}>
                <a href={issuePath(plan.epicKey)} onClick={(e) => { e.preventDefault(); openIssue(plan.epicKey, true); }}>{plan.biller}</a>
                <div className="subtlest">{plan.epicKey} · {plan.integrationType}</div>
              </th>
              <td>{plan.coreSystem}</td>
              <td><StatusLozenge status={plan.status} /></td>
              <td>{plan.currentPhase ?? '—'}</td>
              {plan.phases.map((p) => (
                <td key={p.phase}>
                  <div className="bar" role="progressbar" aria-label={`${plan.biller} ${p.phase}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(p.percentDone)}>
                    <span className={p.state === 'done' ? 'done' : 'inprogress'} style={{ width: `${p.percentDone}%` }} />
                  </div>
                </td>
              ))}
              <td>{plan.overdue > 0 ? <span className="lozenge danger">{plan.overdue}</span> : '0'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Integrations({ data }: { data: PortfolioResult }) {
  if (data.supportedIntegrations.length === 0) return <Empty>No integrations yet.</Empty>;
  return (
    <table>
      <caption className="visually-hidden">Supported Integrations by core system</caption>
      <thead>
        <tr>
          <th scope="col">Core system</th>
          <th scope="col">Biller</th>
          <th scope="col">Status</th>
          <th scope="col">Integration details</th>
        </tr>
      </thead>
      <tbody>
        {data.supportedIntegrations.flatMap((group) =>
          group.integrations.map((i, index) => (
            <tr key={`${group.coreSystem}-${i.epicKey}`}>
              {index === 0 && <th scope="rowgroup" rowSpan={group.integrations.length}>{group.coreSystem}</th>}
              <td><a href={issuePath(i.epicKey)} onClick={(e) => { e.preventDefault(); openIssue(i.epicKey, true); }}>{i.biller}</a></td>
              <td><StatusLozenge status={i.status} /></td>
              <td>{i.capabilities.join(', ') || '—'}</td>
            </tr>
          )),
        )}
      </tbody>
    </table>
  );
}

function Select({ label, value, options, onChange, jql }: { label: string; value: string; options: string[]; onChange(v: string): void; jql?: string }) {
  const id = useId();
  return (
    <div className="field" style={{ minWidth: 160 }}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {options.map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
      {jql && <CopyJql jql={jql} label={`${label} filter`} />}
    </div>
  );
}

function CopyJql({ jql, label, wide }: { jql: string; label: string; wide?: boolean }) {
  const flags = useFlags();
  const id = useId();
  async function copy() {
    try {
      await navigator.clipboard.writeText(jql);
      flags.showSuccess('JQL copied', jql);
    } catch {
      (document.getElementById(id) as HTMLInputElement | null)?.select();
      flags.showError('The browser blocked copying; the JQL is selected, press Ctrl+C.');
    }
  }
  return (
    <div className="row" style={{ marginTop: 4, flexWrap: wide ? 'nowrap' : 'wrap' }}>
      <label htmlFor={id} className="visually-hidden">JQL: {label}</label>
      <input id={id} type="text" readOnly value={jql} style={{ fontFamily: 'monospace', fontSize: 12, flex: 1 }} onFocus={(e) => e.target.select()} />
      <button type="button" onClick={() => void copy()} aria-label={`Copy JQL: ${label}`}>Copy</button>
      {wide && <button type="button" className="link" onClick={() => openJql(jql)}>Open in Jira</button>}
    </div>
  );
}
