/** `playbook upgrade`: previews or applies a plan's move to another template version (and/or an edited kickoff). */
import { isIssueKey, safeExcerpt } from '../../core';
import { applyPlanUpdate, previewPlanUpdate, type PlanUpdateDeps, type PlanUpdatePreview, type PlanUpdateResult } from '../../usecases/reconcile';
import { JiraError, JiraQuotaExhaustedError, UseCaseError } from '../../usecases/errors';
import { defineCommand, EXIT } from '../command';
import { commandToday, TODAY_HELP, TODAY_OPTION } from '../today';
import { readJsonFile } from '../kickoff-file';
import { openCliLedger } from './ledger';
import { CONNECTION_HELP, CONNECTION_OPTIONS, connect, oneLine, reportFailure } from './jira-connection';
import { loadTemplateArg } from './template';

/** An update that needs more calls than this is stuck (each call waits what Jira asks). */
const MAX_CALLS = 60;

function previewLines(p: PlanUpdatePreview): string[] {
  return [
    `Plan ${p.planId} (${p.epicKey}): playbook v${p.from} → v${p.to}${p.kickoffChanged ? ', kickoff edited' : ''}`,
    ...(p.upToDate ? ['Nothing to change: the plan is already on this version and kickoff.'] : []),
    ...p.create.map((c) => `create  ${c.number}. ${c.title} (${c.start} → ${c.due})`),
    ...p.update.map((u) => `update  ${u.issueKey} ${u.number}. ${u.title}: ${u.fields.map((f) => f.field).join(', ')}`),
    ...p.leave.filter((l) => l.reason !== 'unchanged').map((l) => `leave   ${l.issueKey} ${l.number}. ${l.title}: ${l.reason}${l.flagged ? ' (flagged)' : ''}`),
  ];
}

function summary(p: PlanUpdatePreview, done: Extract<PlanUpdateResult, { state: 'done' }> | null) {
  return {
    planId: p.planId,
    epicKey: p.epicKey,
    from: p.from,
    to: p.to,
    kickoffChanged: p.kickoffChanged,
    upToDate: p.upToDate,
    dryRun: done === null,
    create: p.create,
    update: p.update,
    leave: p.leave,
    renumbered: p.renumbered,
    ...(done ? { created: done.created, updated: done.updated, flagged: done.flagged } : {}),
  };
}

/** Wait before the next call after Jira stayed busy or broken through a whole call's retries. */
const TRANSIENT_WAIT_MS = 1_000;

/**
 * One call of the update, as generation's CLI drives generation: a call that ran out of retries on a busy or
 * failing Jira (429, 5xx, a dropped answer) is a call to make again, not a failure; the update is exactly-once
 * and resumable, so the next call picks up where this one stopped. The hourly quota is not waited out.
 */
async function applyOnce(
  deps: PlanUpdateDeps,
  epicKey: string,
  request: Parameters<typeof applyPlanUpdate>[2],
): Promise<PlanUpdateResult | { state: 'running'; reason: 'transient'; retryAfterMs: number }> {
  try {
    return await applyPlanUpdate(deps, { epicKey }, request);
  } catch (error) {
    if (error instanceof JiraError && error.transient && !(error instanceof JiraQuotaExhaustedError))
      return { state: 'running', reason: 'transient', retryAfterMs: TRANSIENT_WAIT_MS };
    throw error;
  }
}

export const command = defineCommand({
  name: 'upgrade',
  summary: 'Move a running plan to another playbook version (preview with --dry-run)',
  help: `Usage: playbook upgrade --site URL --email E --token T --plan KEY --template FILE|VERSION [--kickoff FILE] [--dry-run] [--ledger DIR] [--today YYYY-MM-DD] [--json]

Reconciles the plan with the template (and the kickoff, when one is given): creates the new applicable steps,
updates steps not started that nobody edited since the app wrote them, and leaves everything else alone with
the reason (done, in progress, edited, removed from the template or out of scope: flagged, never deleted).
Safe to run again: an applied update finds nothing to do.

Options:
${CONNECTION_HELP}
  --plan KEY       the plan's epic, e.g. OUT-1
  --template FILE  the version to move to: a file exported with \`playbook template --json\`, or a built-in version
  --kickoff FILE   an edited kickoff (see examples/kickoff.json); its project and page stay the plan's
  --dry-run        show what would change; write nothing
  --ledger DIR     where generation state is kept (default ~/.outbound-playbook/ledger/<site host>/<project>)
${TODAY_HELP}
  --json           print {planId, epicKey, from, to, create, update, leave, created, updated, flagged, ...} as JSON
  --debug          print a stack trace with an unexpected failure
  -h, --help

Exit codes: 0 done (or previewed), 1 Jira refused, failed or cannot be reached, 2 invalid arguments, template or kickoff.`,
  options: {
    ...CONNECTION_OPTIONS,
    plan: { type: 'string' },
    template: { type: 'string' },
    kickoff: { type: 'string' },
    'dry-run': { type: 'boolean' },
    ledger: { type: 'string' },
    ...TODAY_OPTION,
    json: { type: 'boolean' },
  },
  async run(values, io, usage) {
    const connection = connect(values, io);
    const missing = [values.plan ? null : '--plan KEY', values.template ? null : '--template FILE'].filter((m): m is string => m !== null);
    if (!connection.ok || missing.length > 0) {
      return usage([connection.ok ? null : connection.message, missing.length > 0 ? `Missing ${missing.join(', ')}` : null].filter(Boolean).join('\n'));
    }
    const day = commandToday(values.today, io.today);
    if (!day.ok) return usage(day.message);
    const epicKey = values.plan!.trim();
    if (!isIssueKey(epicKey)) return usage(`--plan must be the plan's epic key such as OUT-1, not "${safeExcerpt(oneLine(epicKey))}"`);
    const template = loadTemplateArg('--template', values.template!, io);
    if (!template.ok) {
      io.stderr(`${template.message}\n`);
      return EXIT.invalidInput;
    }
    let kickoff: unknown;
    if (values.kickoff) {
      const file = readJsonFile(values.kickoff, io.cwd);
      if (!file.ok) {
        io.stderr(`${file.message}\n`);
        return EXIT.invalidInput;
      }
      kickoff = file.value;
    }
    const projectKey = epicKey.replace(/-\d+$/, '');
    const ledger = openCliLedger(io, values, projectKey);
    if (!ledger) return EXIT.invalidInput;
    const reachable = await connection.probe();
    if (!reachable.ok) {
      io.stderr(`${reachable.message}\n`);
      return EXIT.failure;
    }
    const target = template.template;
    const deps: PlanUpdateDeps = {
      jira: connection.jira,
      ledger,
      templates: { get: async (version) => (version === target.version ? target : null) },
      today: () => day.today,
      now: io.now,
    };
    const request = { version: target.version, ...(kickoff !== undefined ? { kickoff } : {}) };
    try {
      if (values['dry-run']) {
        const preview = await previewPlanUpdate(deps, { epicKey }, request);
        io.stdout(values.json ? `${JSON.stringify(summary(preview, null), null, 2)}\n` : `${previewLines(preview).join('\n')}\n`);
        return EXIT.ok;
      }
      let result: PlanUpdateResult | null = null;
      for (let call = 1; call <= MAX_CALLS && result?.state !== 'done'; call += 1) {
        const attempt = await applyOnce(deps, epicKey, { ...request, by: values.email! });
        if (attempt.state === 'done') result = attempt;
        else {
          io.stderr(`upgrade: waiting ${attempt.retryAfterMs} ms (${attempt.reason}, call ${call})\n`);
          await new Promise((done) => setTimeout(done, attempt.retryAfterMs));
        }
      }
      if (result?.state !== 'done') {
        io.stderr(`The update of ${epicKey} did not finish after ${MAX_CALLS} calls; run the same command again to resume.\n`);
        return EXIT.failure;
      }
      if (values.json) io.stdout(`${JSON.stringify(summary(result.preview, result), null, 2)}\n`);
      else
        io.stdout(
          `${[...previewLines(result.preview), `Created ${result.created.length}, updated ${result.updated.length}, flagged ${result.flagged.length}.`].join('\n')}\n`,
        );
      return EXIT.ok;
    } catch (error) {
      // A version the plan cannot take, or a template it does not know: the input, not the work, is wrong.
      if (error instanceof UseCaseError && (error.code === 'update-invalid' || error.code === 'template-version-not-found')) {
        io.stderr(`${oneLine(error.message, 400)}\n`);
        return EXIT.invalidInput;
      }
      return reportFailure(error, io);
    }
  },
});
