/**
 * The project page: one page of plans at a time (the resolver filters, searches, sorts and pages over every
 * plan, so the browser never holds thousands of rows), with the project's totals, filters (phase, status,
 * core system, overdue) each with a copyable JQL, and the Supported Integrations table merged with the plans.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { PlanHealthView, PlanStatus, PortfolioFilters, PortfolioResult, PortfolioSort, PortfolioSortKey } from '../../../src/contract/types';
import { PLAN_HEALTHS, PLAN_STATUSES, PORTFOLIO_ROWS } from '../../../src/contract/constants';
import { api } from '../../shared/api';
import { StatusLozenge, issuePath, openIssue, openJql } from '../../shared/plan';
import { HealthLozenge } from '../../shared/timeline';
import { Empty, Loading, useFlags } from '../../shared/ui';

interface Query {
  filters: PortfolioFilters;
  text: string;
  sort: PortfolioSort;
  offset: number;
}

const FIRST_PAGE: Query = { filters: {}, text: '', sort: { by: 'biller', direction: 'asc' }, offset: 0 };
/** Typing in the search box waits this long for a pause before asking the resolver. */
const TEXT_DEBOUNCE_MS = 250;

export function Portfolio() {
  const flags = useFlags();
  const [query, setQuery] = useState<Query>(FIRST_PAGE);
  const [textInput, setTextInput] = useState('');
  const [data, setData] = useState<PortfolioResult | null>(null);
  const [tab, setTab] = useState<'plans' | 'integrations'>('plans');
  const [loading, setLoading] = useState(true);
  const [failure, setFailure] = useState<string | null>(null);
  // Only the latest request's answer is shown, however the answers arrive.
  const latest = useRef(0);

  // The resolver takes the project from the page's Forge context: one call on open, no getContext first.
  useEffect(() => {
    const id = ++latest.current;
    setLoading(true);
    void api
      .getPortfolio({
        filters: query.filters,
        sort: query.sort,
        offset: query.offset,
        limit: PORTFOLIO_ROWS.default,
        ...(query.text ? { text: query.text } : {}),
      })
      .then((result) => {
        if (id !== latest.current) return;
        setLoading(false);
        if (result.ok) setData(result.data);
        else {
          flags.showError(result.error);
          setData((current) => {
            if (!current) setFailure(result.error.message);
            return current;
          });
        }
      });
  }, [query, flags]);

  useEffect(() => {
    if (textInput.trim() === query.text) return;
    const timer = setTimeout(() => setQuery((q) => ({ ...q, text: textInput.trim(), offset: 0 })), TEXT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [textInput, query.text]);

  if (failure) return <p role="alert">Outbound Playbook: {failure}</p>;
  if (!data) return <Loading label="Loading the portfolio…" />;

  const filters = query.filters;
  const set = (patch: Partial<PortfolioFilters>) => {
    // Unset filters leave the payload (the contract rejects empty values).
    const next = Object.fromEntries(Object.entries({ ...filters, ...patch }).filter(([, v]) => v !== undefined && v !== '' && v !== false)) as PortfolioFilters;
    setQuery((q) => ({ ...q, filters: next, offset: 0 }));
  };
  const sortBy = (by: PortfolioSortKey) =>
    setQuery((q) => ({ ...q, offset: 0, sort: { by, direction: q.sort.by === by && q.sort.direction === 'asc' ? 'desc' : 'asc' } }));
  const goTo = (offset: number) => setQuery((q) => ({ ...q, offset }));
  const showCoreSystem = (coreSystem: string) => {
    setQuery((q) => ({ ...q, filters: { coreSystem }, offset: 0 }));
    setTab('plans');
  };
  const totals = data.totals;
  const count = (n: number) => n.toLocaleString('en-US');
  const phaseCounts = new Map(totals.byCurrentPhase.map((p) => [p.phase, p.plans]));
  const coreCounts = new Map(totals.byCoreSystem.map((c) => [c.coreSystem, c.plans]));

  return (
    <div className="stack">
      <h1>Outbound Playbook portfolio · {data.projectKey}</h1>
      <p className="subtle" aria-label="Totals">
        {count(totals.plans)} {totals.plans === 1 ? 'plan' : 'plans'} · {PLAN_STATUSES.map((s) => `${s} ${count(totals.byStatus[s])}`).join(' · ')} ·{' '}
        {count(totals.overdue)} with overdue steps
      </p>
      <div role="tablist" aria-label="Views" className="row">
        <button type="button" role="tab" aria-selected={tab === 'plans'} className={tab === 'plans' ? 'primary' : ''} onClick={() => setTab('plans')}>
          Plans
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'integrations'}
          className={tab === 'integrations' ? 'primary' : ''}
          onClick={() => setTab('integrations')}
        >
          Supported Integrations
        </button>
        {loading && <span className="spinner" role="status" aria-label="Refreshing" />}
      </div>
      {tab === 'plans' ? (
        <>
          <div className="row" role="group" aria-label="Filters" style={{ alignItems: 'flex-start' }}>
            <Select
              label="Phase"
              value={filters.phase ?? ''}
              options={data.facets.phases.map((p) => ({ value: p, count: phaseCounts.get(p) ?? 0 }))}
              onChange={(v) => set({ phase: v || undefined })}
              jql={data.jql.byFilter.phase}
            />
            <Select
              label="Status"
              value={filters.status ?? ''}
              options={PLAN_STATUSES.map((s) => ({ value: s, count: totals.byStatus[s] }))}
              onChange={(v) => set({ status: (v || undefined) as PlanStatus | undefined })}
              jql={data.jql.byFilter.status}
            />
            <Select
              label="Health"
              value={filters.health ?? ''}
              options={PLAN_HEALTHS.map((h) => ({ value: h, count: totals.byHealth[h] }))}
              onChange={(v) => set({ health: (v || undefined) as PlanHealthView | undefined })}
              jql={data.jql.byFilter.health}
            />
            <Select
              label="Core system"
              value={filters.coreSystem ?? ''}
              options={data.facets.coreSystems.map((c) => ({ value: c, count: coreCounts.get(c) ?? 0 }))}
              onChange={(v) => set({ coreSystem: v || undefined })}
              jql={data.jql.byFilter.coreSystem}
            />
            <div className="field" style={{ paddingTop: 24 }}>
              <label className="choice">
                <input type="checkbox" checked={filters.overdue === true} onChange={(e) => set({ overdue: e.target.checked })} /> Overdue only
              </label>
              {data.jql.byFilter.overdue && <CopyJql jql={data.jql.byFilter.overdue} label="Overdue filter" />}
            </div>
            <SearchBox value={textInput} onChange={setTextInput} />
          </div>
          <CopyJql jql={data.jql.filtered} label="Plans matching the filters" wide />
          {data.matching === 0 ? (
            <Empty>No plans match. Plans appear here once generated from the kickoff macro.</Empty>
          ) : (
            <>
              <PlansTable data={data} sort={query.sort} onSort={sortBy} />
              <Pager data={data} onGo={goTo} />
            </>
          )}
        </>
      ) : (
        <Integrations data={data} onShow={showCoreSystem} />
      )}
    </div>
  );
}

function SearchBox({ value, onChange }: { value: string; onChange(v: string): void }) {
  const id = useId();
  return (
    <div className="field" style={{ minWidth: 200 }}>
      <label htmlFor={id}>Biller or epic</label>
      <input id={id} type="search" value={value} maxLength={100} placeholder="Search" onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

function Pager({ data, onGo }: { data: PortfolioResult; onGo(offset: number): void }) {
  const first = data.offset + 1;
  const last = data.offset + data.plans.length;
  return (
    <nav className="row" aria-label="Pages">
      <button type="button" disabled={data.offset === 0} onClick={() => onGo(Math.max(0, data.offset - data.limit))}>
        Previous
      </button>
      <span role="status">
        Plans {first.toLocaleString('en-US')}–{last.toLocaleString('en-US')} of {data.matching.toLocaleString('en-US')}
      </span>
      <button type="button" disabled={last >= data.matching} onClick={() => onGo(data.offset + data.limit)}>
        Next
      </button>
    </nav>
  );
}

const SORTABLE: { key: PortfolioSortKey; label: string }[] = [
  { key: 'biller', label: 'Biller' },
  { key: 'coreSystem', label: 'Core system' },
  { key: 'status', label: 'Status' },
  { key: 'currentPhase', label: 'Current phase' },
];

function SortHeader({ label, sortKey, sort, onSort }: { label: string; sortKey: PortfolioSortKey; sort: PortfolioSort; onSort(by: PortfolioSortKey): void }) {
  const active = sort.by === sortKey;
  return (
    <th scope="col" aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="link" onClick={() => onSort(sortKey)}>
        {label}
        {active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    </th>
  );
}

function PlansTable({ data, sort, onSort }: { data: PortfolioResult; sort: PortfolioSort; onSort(by: PortfolioSortKey): void }) {
  const phaseNames = data.plans[0]?.phases.map((p) => p.phase) ?? [];
  return (
    <div style={{ overflowX: 'auto' }}>
      <table>
        <caption className="visually-hidden">Plans</caption>
        <thead>
          <tr>
            {SORTABLE.map((c) => (
              <SortHeader key={c.key} label={c.label} sortKey={c.key} sort={sort} onSort={onSort} />
            ))}
            {phaseNames.map((p) => (
              <th scope="col" key={p}>
                {p}
              </th>
            ))}
            <SortHeader label="Done" sortKey="percentDone" sort={sort} onSort={onSort} />
            <SortHeader label="Overdue" sortKey="overdue" sort={sort} onSort={onSort} />
            <th scope="col">Health</th>
            <th scope="col">Go-live (baseline → forecast)</th>
          </tr>
        </thead>
        <tbody>
          {data.plans.map((plan) => (
            <tr key={plan.planId}>
              <th scope="row" style={{ fontWeight: 400 }}>
                <a
                  href={issuePath(plan.epicKey)}
                  onClick={(e) => {
                    e.preventDefault();
                    openIssue(plan.epicKey, true);
                  }}
                >
                  {plan.biller}
                </a>
                <div className="subtlest">
                  {plan.epicKey} · {plan.integrationType}
                </div>
              </th>
              <td>{plan.coreSystem}</td>
              <td>
                <StatusLozenge status={plan.status} />
              </td>
              <td>{plan.currentPhase ?? '—'}</td>
              {plan.phases.map((p) => (
                <td key={p.phase}>
                  <div
                    className="bar"
                    role="progressbar"
                    aria-label={`${plan.biller} ${p.phase}`}
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={Math.round(p.percentDone)}
                  >
                    <span className={p.state === 'done' ? 'done' : 'inprogress'} style={{ width: `${p.percentDone}%` }} />
                  </div>
                </td>
              ))}
              <td>{plan.percentDone}%</td>
              <td>{plan.overdue > 0 ? <span className="lozenge danger">{plan.overdue}</span> : '0'}</td>
              <td>{plan.health ? <HealthLozenge health={plan.health} /> : '—'}</td>
              <td style={{ whiteSpace: 'nowrap' }}>
                {plan.goLive.forecast ? (
                  <>
                    {plan.goLive.baseline ?? '—'} → {plan.goLive.forecast}
                    {plan.goLive.slipBusinessDays ? <div className="subtlest">slip {plan.goLive.slipBusinessDays} business days</div> : null}
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Integrations({ data, onShow }: { data: PortfolioResult; onShow(coreSystem: string): void }) {
  if (data.supportedIntegrations.length === 0) return <Empty>No integrations yet.</Empty>;
  return (
    <table>
      <caption className="visually-hidden">Supported Integrations by core system</caption>
      <thead>
        <tr>
          <th scope="col">Core system</th>
          <th scope="col">Status (playbook)</th>
          <th scope="col">Billers (playbook)</th>
          <th scope="col">Plans in {data.projectKey}</th>
          <th scope="col">Integration details</th>
        </tr>
      </thead>
      <tbody>
        {data.supportedIntegrations.map((group) => (
          <tr key={group.coreSystem}>
            <th scope="row">{group.coreSystem}</th>
            <td>{group.playbook ? <StatusLozenge status={group.playbook.status} /> : '—'}</td>
            <td>{group.playbook?.billers.join(', ') || '—'}</td>
            <td>
              {group.plans === 0 ? (
                '0'
              ) : (
                <button
                  type="button"
                  className="link"
                  onClick={() => onShow(group.coreSystem)}
                  aria-label={`Show the ${group.plans} plans on ${group.coreSystem}`}
                >
                  {group.plans.toLocaleString('en-US')}
                </button>
              )}
              {group.plans > 0 && (
                <div className="subtlest">
                  {PLAN_STATUSES.filter((s) => group.byStatus[s] > 0)
                    .map((s) => `${s} ${group.byStatus[s]}`)
                    .join(' · ')}
                </div>
              )}
            </td>
            <td>
              {group.capabilities.join(', ') || '—'}
              {group.playbook?.details && <div className="subtlest">{group.playbook.details}</div>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Select({
  label,
  value,
  options,
  onChange,
  jql,
}: {
  label: string;
  value: string;
  options: { value: string; count: number }[];
  onChange(v: string): void;
  jql?: string;
}) {
  const id = useId();
  return (
    <div className="field" style={{ minWidth: 160 }}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.value} ({o.count.toLocaleString('en-US')})
          </option>
        ))}
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
      <label htmlFor={id} className="visually-hidden">
        JQL: {label}
      </label>
      <input id={id} type="text" readOnly value={jql} style={{ fontFamily: 'monospace', fontSize: 12, flex: 1 }} onFocus={(e) => e.target.select()} />
      <button type="button" onClick={() => void copy()} aria-label={`Copy JQL: ${label}`}>
        Copy
      </button>
      {wide && (
        <button type="button" className="link" onClick={() => openJql(jql)}>
          Open in Jira
        </button>
      )}
    </div>
  );
}
