/**
 * Baseline vs forecast: go-live, slip and health, and a timeline on business days (phases as bands, steps as
 * bars, the baseline as ghost bars, dependencies, a today line, the current step highlighted), with a table
 * alternative. Plain SVG: positions are SVG attributes and colours come from CSS classes on the design tokens,
 * so it renders under Forge's CSP and follows dark mode.
 */
import type { PlanForecastView, PlanHealthView, RaciRowView, StepForecastView, StepHealthView } from '../../src/contract/types';
import { Lozenge } from './ui';

const HEALTH_LABEL: Record<PlanHealthView | StepHealthView, string> = {
  late: 'Late',
  'at-risk': 'At risk',
  'on-track': 'On track',
  overdue: 'Overdue',
  done: 'Done',
};

export function HealthLozenge({ health }: { health: PlanHealthView | StepHealthView }) {
  const tone =
    health === 'late' || health === 'overdue'
      ? 'danger'
      : health === 'at-risk'
        ? 'warning'
        : health === 'done' || health === 'on-track'
          ? 'success'
          : undefined;
  return <Lozenge tone={tone}>{HEALTH_LABEL[health]}</Lozenge>;
}

const days = (n: number) => `${n} business day${n === 1 ? '' : 's'}`;

export function ForecastSummary({ forecast }: { forecast: PlanForecastView }) {
  return (
    <dl className="forecast-summary" aria-label="Go-live forecast">
      <div>
        <dt>Health</dt>
        <dd data-testid="plan-health">
          <HealthLozenge health={forecast.health} />
        </dd>
      </div>
      <div>
        <dt>Baseline go-live</dt>
        <dd>{forecast.baselineGoLive}</dd>
      </div>
      <div>
        <dt>Forecast go-live</dt>
        <dd data-testid="forecast-go-live">{forecast.goLive}</dd>
      </div>
      <div>
        <dt>Slip</dt>
        <dd data-testid="plan-slip">{forecast.slipBusinessDays === 0 ? 'none' : days(forecast.slipBusinessDays)}</dd>
      </div>
      <div>
        <dt>As of</dt>
        <dd>{forecast.today}</dd>
      </div>
    </dl>
  );
}

// ---- business-day axis ---------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const isoOf = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Business days (Mon–Fri, not a holiday) from `from` to `to`, inclusive. */
function businessDays(from: string, to: string, holidays: readonly string[]): string[] {
  const skip = new Set(holidays);
  const out: string[] = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n++) {
    const weekday = new Date(n * DAY_MS).getUTCDay();
    const iso = isoOf(n);
    if (weekday !== 0 && weekday !== 6 && !skip.has(iso)) out.push(iso);
  }
  return out;
}

const COL = 7;
const ROW = 20;
const LABEL = 170;
const HEAD = 30;

interface Row {
  step: StepForecastView;
  title: string;
  phase: string;
}

export function Timeline({ forecast, rows, currentStep = null }: { forecast: PlanForecastView; rows: RaciRowView[]; currentStep?: number | null }) {
  const info = new Map(rows.map((r) => [r.step, r]));
  const lines: Row[] = forecast.steps.map((s) => ({ step: s, title: info.get(s.step)?.title ?? `Step ${s.step}`, phase: info.get(s.step)?.phase ?? '' }));
  if (lines.length === 0) return null;
  const starts = lines.flatMap((l) => [l.step.baselineStart, l.step.forecastStart, forecast.today]);
  const ends = lines.flatMap((l) => [l.step.baselineEnd, l.step.forecastEnd, forecast.today]);
  const axis = businessDays(
    starts.reduce((a, b) => (a < b ? a : b)),
    ends.reduce((a, b) => (a > b ? a : b)),
    forecast.holidays,
  );
  const index = new Map(axis.map((d, i) => [d, i]));
  /** Column of a day: itself if a business day, else the next one. */
  const col = (iso: string) => {
    const exact = index.get(iso);
    if (exact !== undefined) return exact;
    const next = axis.findIndex((d) => d > iso);
    return next === -1 ? axis.length - 1 : next;
  };
  const x = (iso: string) => LABEL + col(iso) * COL;
  const w = (from: string, to: string) => Math.max(COL, (col(to) - col(from) + 1) * COL);
  const y = (i: number) => HEAD + i * ROW;
  const width = LABEL + axis.length * COL + 8;
  const height = HEAD + lines.length * ROW + 4;
  const phases = lines.reduce<{ phase: string; first: number; last: number }[]>((acc, l, i) => {
    const last = acc.at(-1);
    if (last && last.phase === l.phase) last.last = i;
    else acc.push({ phase: l.phase, first: i, last: i });
    return acc;
  }, []);
  const rowOf = new Map(lines.map((l, i) => [l.step.step, i]));
  const months = axis.filter((d, i) => i === 0 || d.slice(0, 7) !== axis[i - 1]?.slice(0, 7));

  return (
    // Focusable, so keyboard users can scroll a timeline wider than the frame.
    <div className="timeline-scroll" tabIndex={0} role="region" aria-label="Timeline (scrolls sideways)">
      <svg
        className="timeline"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="group"
        aria-label={`Timeline of ${lines.length} steps on business days: forecast bars over baseline ghost bars`}
      >
        {phases.map((p, i) => (
          <g key={p.phase} aria-hidden="true">
            <rect className={i % 2 ? 'tl-band odd' : 'tl-band'} x={0} y={y(p.first)} width={width} height={(p.last - p.first + 1) * ROW} />
            <text className="tl-phase" x={width - 6} y={y(p.first) + 12} textAnchor="end">
              {p.phase}
            </text>
          </g>
        ))}
        <g aria-hidden="true">
          {months.map((m) => (
            <text key={m} className="tl-axis" x={x(m)} y={11}>
              {m.slice(0, 7)}
            </text>
          ))}
        </g>
        {lines.map((l, i) => (
          <g key={l.step.step} className={l.step.step === currentStep ? 'tl-row current' : 'tl-row'}>
            {l.step.step === currentStep && <rect className="tl-current" x={0} y={y(i)} width={width} height={ROW} aria-hidden="true" />}
            <text className="tl-label" x={4} y={y(i) + 14} aria-hidden="true">
              {`${l.step.step}. ${l.title.length > 24 ? `${l.title.slice(0, 23)}…` : l.title}`}
            </text>
            <rect
              className="tl-ghost"
              x={x(l.step.baselineStart)}
              y={y(i) + 3}
              width={w(l.step.baselineStart, l.step.baselineEnd)}
              height={ROW - 6}
              rx={3}
              role="img"
              aria-label={`Step ${l.step.step} baseline: ${l.step.baselineStart} to ${l.step.baselineEnd}`}
            />
            <rect
              className={`tl-bar ${l.step.health}`}
              x={x(l.step.forecastStart)}
              y={y(i) + 6}
              width={w(l.step.forecastStart, l.step.forecastEnd)}
              height={ROW - 12}
              rx={2}
              role="img"
              aria-label={`Step ${l.step.step} ${l.title}: forecast ${l.step.forecastStart} to ${l.step.forecastEnd}, due ${l.step.due ?? 'not set'}, ${HEALTH_LABEL[l.step.health]}`}
            />
          </g>
        ))}
        <g aria-hidden="true">
          {lines.flatMap((l, i) =>
            l.step.dependsOn.flatMap((d) => {
              const from = rowOf.get(d);
              const dep = from === undefined ? undefined : lines[from];
              if (from === undefined || !dep) return [];
              const x1 = x(dep.step.forecastEnd) + COL;
              const x2 = x(l.step.forecastStart);
              return [
                <path key={`${d}-${l.step.step}`} className="tl-dep" d={`M${x1},${y(from) + ROW / 2} H${Math.max(x1, x2 - 3)} V${y(i) + ROW / 2} H${x2}`} />,
              ];
            }),
          )}
        </g>
        <g role="img" aria-label={`Today, ${forecast.today}`}>
          <line className="tl-today" x1={x(forecast.today)} x2={x(forecast.today)} y1={HEAD - 14} y2={height} />
          <text className="tl-axis today" x={x(forecast.today) + 3} y={HEAD - 5} aria-hidden="true">
            today
          </text>
        </g>
      </svg>
    </div>
  );
}

/** The timeline as a table (screen readers, copying, small screens). */
export function ForecastTable({ forecast, rows, currentStep = null }: { forecast: PlanForecastView; rows: RaciRowView[]; currentStep?: number | null }) {
  const info = new Map(rows.map((r) => [r.step, r]));
  return (
    <table className="forecast-table">
      <caption className="visually-hidden">Steps: baseline, due date and forecast</caption>
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Baseline end</th>
          <th scope="col">Due</th>
          <th scope="col">Forecast end</th>
          <th scope="col">Health</th>
        </tr>
      </thead>
      <tbody>
        {forecast.steps.map((s) => (
          <tr key={s.step} aria-current={s.step === currentStep ? 'step' : undefined}>
            <th scope="row" className="plain">
              {s.step}. {info.get(s.step)?.title ?? ''}
            </th>
            <td>{s.baselineEnd}</td>
            <td>{s.due ?? '—'}</td>
            <td>{s.forecastEnd}</td>
            <td>
              <HealthLozenge health={s.health} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Summary, timeline and its table, for a plan with a forecast. */
export function ForecastSection({ forecast, rows, currentStep = null }: { forecast: PlanForecastView; rows: RaciRowView[]; currentStep?: number | null }) {
  return (
    <section className="stack" aria-label="Baseline and forecast">
      <ForecastSummary forecast={forecast} />
      <Timeline forecast={forecast} rows={rows} currentStep={currentStep} />
      <details>
        <summary>Timeline as a table</summary>
        <ForecastTable forecast={forecast} rows={rows} currentStep={currentStep} />
      </details>
    </section>
  );
}
