/**
 * The project page: one page of plans at a time (the resolver filters, searches, sorts and pages over every
 * plan, so the browser never holds thousands of rows), with the project's totals, filters (phase, status,
 * health, core system, overdue) and one copyable JQL of them all, a CSV export of every matching plan, and
 * the Supported Integrations table merged with the plans.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type {
  PlanHealthView,
  PlanStatus,
  PortfolioFilters,
  PortfolioPlanView,
  PortfolioResult,
  PortfolioSort,
  PortfolioSortKey,
} from '../../../src/contract/types';
import { PLAN_HEALTHS, PLAN_STATUSES, PORTFOLIO_ROWS } from '../../../src/contract/constants';
import { toCsv } from '../../../src/contract/csv';
import { api } from '../../shared/api';
import { StatusLozenge, issueNavigatorPath, issuePath, openIssue, openJql } from '../../shared/plan';
import { HealthLozenge } from '../../shared/timeline';
import { Empty, Loading, useFlags } from '../../shared/ui';
import { router } from '@forge/bridge';
import './portfolio.css';

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
            />
            <Select
              label="Status"
              value={filters.status ?? ''}
              options={PLAN_STATUSES.map((s) => ({ value: s, count: totals.byStatus[s] }))}
              onChange={(v) => set({ status: (v || undefined) as PlanStatus | undefined })}
            />
            <Select
              label="Health"
              value={filters.health ?? ''}
              options={PLAN_HEALTHS.map((h) => ({ value: h, count: totals.byHealth[h] }))}
              onChange={(v) => set({ health: (v || undefined) as PlanHealthView | undefined })}
            />
            <Select
              label="Core system"
              value={filters.coreSystem ?? ''}
              options={data.facets.coreSystems.map((c) => ({ value: c, count: coreCounts.get(c) ?? 0 }))}
              onChange={(v) => set({ coreSystem: v || undefined })}
            />
            <div className="field" style={{ paddingTop: 24 }}>
              <label className="choice">
                <input type="checkbox" checked={filters.overdue === true} onChange={(e) => set({ overdue: e.target.checked })} /> Overdue only
              </label>
            </div>
            <SearchBox value={textInput} onChange={setTextInput} />
          </div>
          <CopyJql jql={data.jql.filtered} label="Plans matching the filters" />
          {totals.plans === 0 ? (
            <NoPlansYet />
          ) : data.matching === 0 ? (
            <Empty>No plans match. Clear a filter or the search to see more.</Empty>
          ) : (
            <>
              <div className="row">
                <ExportCsv query={query} matching={data.matching} shownAsOf={data.asOf} />
              </div>
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

/** Where plans come from, for a project without any yet. */
function NoPlansYet() {
  return (
    <Empty>
      No plans yet. Plans start on a Confluence discovery page: insert the <strong>Outbound Playbook</strong> macro, fill in the kickoff and choose{' '}
      <strong>Generate</strong>. Each plan then shows here with its phases, owner and go-live.
    </Empty>
  );
}

/**
 * The CSV columns: one row per plan, every phase as "done of total" steps (never `1/7`, which a spreadsheet
 * reads as a date), and the day the numbers are as of (the resolver's today, not the browser's).
 */
function csvRows(plans: readonly PortfolioPlanView[], asOf: string): string[][] {
  const phases = plans[0]?.phases.map((p) => p.phase) ?? [];
  const header = [
    'Biller',
    'Epic',
    'Core system',
    'Status',
    'Current phase',
    'Owner',
    ...phases.map((p) => `${p} (steps done)`),
    'Done %',
    'Overdue steps',
    'Health',
    'Baseline go-live',
    'Forecast go-live',
    'Days late (business days)',
    'As of',
  ];
  const rows = plans.map((plan) => [
    plan.biller,
    plan.epicKey,
    plan.coreSystem,
    plan.status,
    plan.currentPhase ?? '',
    plan.owner ?? '',
    ...phases.map((name) => {
      const p = plan.phases.find((x) => x.phase === name);
      return p ? `${p.done} of ${p.total}` : '';
    }),
    String(plan.percentDone),
    String(plan.overdue),
    plan.health ?? '',
    plan.goLive.baseline ?? '',
    plan.goLive.forecast ?? '',
    plan.goLive.slipBusinessDays === null ? '' : String(plan.goLive.slipBusinessDays),
    asOf,
  ]);
  return [header, ...rows];
}

/** The export's file name, dated with the day its data is as of. */
const portfolioCsvFileName = (asOf: string) => `outbound-playbook-portfolio-as-of-${asOf}.csv`;

/** Every plan matching the filters (all pages, the largest the resolver serves), saved as a CSV file. */
function ExportCsv({ query, matching, shownAsOf }: { query: Query; matching: number; shownAsOf: string }) {
  const flags = useFlags();
  const [busy, setBusy] = useState(false);
  async function exportAll() {
    setBusy(true);
    try {
      const plans: PortfolioPlanView[] = [];
      let asOf = shownAsOf;
      let total = matching;
      for (let offset = 0; offset < total; offset += PORTFOLIO_ROWS.max) {
        const result = await api.getPortfolio({
          filters: query.filters,
          sort: query.sort,
          offset,
          limit: PORTFOLIO_ROWS.max,
          ...(query.text ? { text: query.text } : {}),
        });
        if (!result.ok) {
          flags.showError(result.error);
          return;
        }
        total = result.data.matching;
        asOf = result.data.asOf;
        plans.push(...result.data.plans);
        if (result.data.plans.length === 0) break;
      }
      // A Blob behind an object URL: no inline data, nothing the page's CSP forbids.
      const url = URL.createObjectURL(new Blob([toCsv(csvRows(plans, asOf))], { type: 'text/csv;charset=utf-8' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = portfolioCsvFileName(asOf);
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      flags.showSuccess('Portfolio exported', `${plans.length.toLocaleString('en-US')} plans saved as CSV.`);
    } finally {
      setBusy(false);
    }
  }
  return (
    <button type="button" onClick={() => void exportAll()} disabled={busy} aria-busy={busy}>
      {busy ? 'Exporting…' : `Export CSV (${matching.toLocaleString('en-US')} ${matching === 1 ? 'plan' : 'plans'})`}
    </button>
  );
}

/** A plan's steps narrowed by one of the answer's clauses (built on the server, quoted there). */
const stepJql = (plan: PortfolioPlanView, clause: string | undefined) => (clause ? `${plan.stepsJql} AND ${clause}` : plan.stepsJql);

/** A Jira search of steps, opened in the issue navigator in this tab (as a link in Jira would). */
function JqlLink({ jql, label, children }: { jql: string; label: string; children: React.ReactNode }) {
  // The label follows the visible text (screen readers and voice control both find the link by what shows).
  return (
    <a
      href={issueNavigatorPath(jql)}
      onClick={(e) => {
        e.preventDefault();
        void router.navigate(issueNavigatorPath(jql));
      }}
    >
      {children}
      <span className="visually-hidden"> {label}</span>
    </a>
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
  { key: 'owner', label: 'Owner' },
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
            <SortHeader label="Go-live (forecast)" sortKey="goLive" sort={sort} onSort={onSort} />
            <SortHeader label="Days late" sortKey="daysLate" sort={sort} onSort={onSort} />
            <th scope="col">Health</th>
            <SortHeader label="Overdue" sortKey="overdue" sort={sort} onSort={onSort} />
            <SortHeader label="Done" sortKey="percentDone" sort={sort} onSort={onSort} />
            {phaseNames.map((p) => (
              <th scope="col" key={p}>
                {p}
              </th>
            ))}
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
              <td>{plan.owner ?? '—'}</td>
              <td className="nowrap">
                {plan.goLive.forecast ?? '—'}
                {plan.goLive.baseline && plan.goLive.baseline !== plan.goLive.forecast ? <div className="subtlest">baseline {plan.goLive.baseline}</div> : null}
              </td>
              <td>{plan.goLive.slipBusinessDays === null ? '—' : plan.goLive.slipBusinessDays}</td>
              <td>{plan.health ? <HealthLozenge health={plan.health} /> : '—'}</td>
              <td>
                {plan.overdue > 0 ? (
                  <JqlLink jql={stepJql(plan, data.stepClauses.overdue)} label={`overdue ${plan.overdue === 1 ? 'step' : 'steps'} of ${plan.biller}`}>
                    <span className="lozenge danger">⚠ {plan.overdue}</span>
                  </JqlLink>
                ) : (
                  '0'
                )}
              </td>
              <td>{plan.percentDone}%</td>
              {plan.phases.map((p) => (
                <td key={p.phase}>
                  <PhaseCell plan={plan} phase={p} jql={stepJql(plan, data.stepClauses.phase[p.phase])} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * One phase of one plan: steps done of its total as text ("3/5") and as a progressbar with the same values,
 * a ✓ when done and "⚠ n overdue" when late (never colour alone), linking to the phase's steps in Jira.
 */
function PhaseCell({ plan, phase: p, jql }: { plan: PortfolioPlanView; phase: PortfolioPlanView['phases'][number]; jql: string }) {
  if (p.total === 0) return <span className="subtlest">n/a</span>;
  const summary = `${p.done} of ${p.total} steps done${p.overdue > 0 ? `, ${p.overdue} overdue` : ''}`;
  return (
    <div className="phase-cell">
      <JqlLink jql={jql} label={`steps done · ${p.phase} · ${plan.biller}`}>
        {p.state === 'done' ? '✓ ' : ''}
        {p.done}/{p.total}
      </JqlLink>
      <div
        className="bar phase-bar"
        role="progressbar"
        aria-label={`${plan.biller} ${p.phase}`}
        aria-valuemin={0}
        aria-valuemax={p.total}
        aria-valuenow={p.done}
        aria-valuetext={summary}
      >
        <span className={p.state === 'done' ? 'done' : 'inprogress'} style={{ width: `${p.percentDone}%` }} />
      </div>
      {p.overdue > 0 && <div className="phase-overdue">⚠ {p.overdue} overdue</div>}
    </div>
  );
}

function Integrations({ data, onShow }: { data: PortfolioResult; onShow(coreSystem: string): void }) {
  if (data.supportedIntegrations.length === 0) return <NoPlansYet />;
  return (
    <>
      {data.totals.plans === 0 && <NoPlansYet />}
      <table>
        <caption className="visually-hidden">Supported Integrations by core system</caption>
        <thead>
          <tr>
            <th scope="col">Core system</th>
            <th scope="col">Status (playbook)</th>
            <th scope="col">Billers (playbook)</th>
            <th scope="col">Plans in {data.projectKey}</th>
            <th scope="col">Capabilities and details</th>
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
                {group.capabilityNames.join(', ') || '—'}
                {group.playbook?.details && <div className="subtlest">{group.playbook.details}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Select({ label, value, options, onChange }: { label: string; value: string; options: { value: string; count: number }[]; onChange(v: string): void }) {
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
    </div>
  );
}

/** The one JQL box: full width, wrapping, read-only, with Copy and Open in Jira. */
function CopyJql({ jql, label }: { jql: string; label: string }) {
  const flags = useFlags();
  const id = useId();
  async function copy() {
    try {
      await navigator.clipboard.writeText(jql);
      flags.showSuccess('JQL copied', jql);
    } catch {
      (document.getElementById(id) as HTMLTextAreaElement | null)?.select();
      flags.showError('The browser blocked copying; the JQL is selected, press Ctrl+C.');
    }
  }
  return (
    <div className="jql-box">
      <label htmlFor={id} className="visually-hidden">
        JQL: {label}
      </label>
      <textarea id={id} readOnly value={jql} rows={Math.min(4, Math.max(1, Math.ceil(jql.length / 110)))} onFocus={(e) => e.target.select()} />
      <div className="row">
        <button type="button" onClick={() => void copy()} aria-label={`Copy JQL: ${label}`}>
          Copy
        </button>
        <button type="button" className="link" onClick={() => openJql(jql)}>
          Open in Jira
        </button>
      </div>
    </div>
  );
}
