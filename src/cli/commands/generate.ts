/** `playbook generate`: generates (or completes) a plan in Jira from a kickoff file; safe to run again. */
import { buildGenerationPlan, driveToCompletion, generatePlan, type GenerateResult } from '../../usecases/generate';
import { UseCaseError } from '../../usecases/errors';
import { defineCommand, EXIT } from '../command';
import { commandToday, TODAY_HELP, TODAY_OPTION } from '../today';
import { readJsonFile } from '../kickoff-file';
import { openCliLedger } from './ledger';
import { CONNECTION_HELP, CONNECTION_OPTIONS, connect, reportFailure } from './jira-connection';

/** `--allow-duplicate` is the kickoff's `allowDuplicate: true` (a kickoff file may say so itself). */
function withDuplicateChoice(kickoff: unknown, allow: boolean): unknown {
  if (!allow || typeof kickoff !== 'object' || kickoff === null || Array.isArray(kickoff)) return kickoff;
  return { ...kickoff, allowDuplicate: true };
}

/** A plan that needs more calls than this is stuck (each call waits what Jira asks, at most a minute). */
const MAX_CALLS = 60;

function progressLine(result: GenerateResult, call: number): string {
  const where = `${result.completed}/${result.total} steps${result.epicKey ? ` under ${result.epicKey}` : ''}`;
  if (result.state === 'done') return `generate: done, ${where} (${result.created.length} created this call, call ${call})\n`;
  return `generate: ${where}, waiting ${result.retryAfterMs} ms (${result.reason}, call ${call})\n`;
}

export const command = defineCommand({
  name: 'generate',
  summary: 'Generate (or complete) a plan in Jira from a kickoff file',
  help: `Usage: playbook generate --site URL --email E --token T --project KEY --kickoff FILE [--page-url URL] [--ledger DIR] [--today YYYY-MM-DD] [--json]

Creates the plan epic, one issue per applicable step (assignee, due date, RACI, references), the Blocks
links between dependent steps and the epic's link to the Confluence page. Running it again creates only
what is missing: never a second copy. Steps the kickoff no longer applies to are reported, not deleted.

Options:
${CONNECTION_HELP}
  --project KEY    the Jira project (overrides the kickoff's projectKey)
  --kickoff FILE   kickoff JSON (see examples/kickoff.json)
  --page-url URL   the Confluence page the plan comes from (overrides the kickoff's page)
  --allow-duplicate
                   create the plan although the project holds an active plan for the same biller × core
                   system (recorded on the plan as the kickoff's allowDuplicate: true)
  --ledger DIR     where generation state is kept (default ~/.outbound-playbook/ledger/<site host>/<project>)
${TODAY_HELP}
  --json           print {planId, epicKey, created, existing, notApplicable, requests, roundTrips, ...} as JSON
  --debug          print a stack trace with an unexpected failure
  -h, --help

Ctrl-C (SIGINT) or SIGTERM releases the plan's lock; a lock left by a process that died on this machine is
ignored, so running the same command again resumes at once.

Exit codes: 0 done, 1 Jira refused, failed or cannot be reached, 2 invalid arguments, kickoff or ledger directory,
or an active plan for the same biller × core system exists (its epic's key is named) without --allow-duplicate.`,
  options: {
    ...CONNECTION_OPTIONS,
    project: { type: 'string' },
    kickoff: { type: 'string' },
    'page-url': { type: 'string' },
    'allow-duplicate': { type: 'boolean' },
    ledger: { type: 'string' },
    ...TODAY_OPTION,
    json: { type: 'boolean' },
  },
  async run(values, io, usage) {
    const connection = connect(values, io);
    const missing = [values.project ? null : '--project KEY', values.kickoff ? null : '--kickoff FILE'].filter((m): m is string => m !== null);
    if (!connection.ok || missing.length > 0) {
      return usage([connection.ok ? null : connection.message, missing.length > 0 ? `Missing ${missing.join(', ')}` : null].filter(Boolean).join('\n'));
    }
    const file = readJsonFile(values.kickoff!, io.cwd);
    if (!file.ok) {
      io.stderr(`${file.message}\n`);
      return EXIT.invalidInput;
    }
    const page = values['page-url'] ? { url: values['page-url'] } : undefined;
    const kickoff = withDuplicateChoice(file.value, values['allow-duplicate'] === true);
    const day = commandToday(values.today, io.today);
    if (!day.ok) return usage(day.message);
    const { today } = day;
    // The kickoff is judged before Jira is contacted: bad input is exit 2 whatever the site does.
    try {
      buildGenerationPlan(kickoff, { projectKey: values.project, page }, undefined, { today });
    } catch (error) {
      return reportFailure(error, io);
    }
    const ledger = openCliLedger(io, values, values.project!);
    if (!ledger) return EXIT.invalidInput;
    const reachable = await connection.probe();
    if (!reachable.ok) {
      io.stderr(`${reachable.message}\n`);
      return EXIT.failure;
    }
    const deps = { jira: connection.jira, ledger };
    // Ctrl-C or a polite kill: release the plan's lock so the next run resumes at once.
    const onSignal = (signal: NodeJS.Signals) => {
      ledger.releaseAllSync();
      io.stderr(`generate: interrupted (${signal}); run the same command again to resume.\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const result = await driveToCompletion(() => generatePlan(deps, { kickoff, projectKey: values.project, page, today }), {
        maxCalls: MAX_CALLS,
        onProgress: (r, call) => io.stderr(progressLine(r, call)),
      });
      const summary = {
        planId: result.planId,
        epicKey: result.epicKey,
        created: result.created,
        existing: result.existing,
        notApplicable: result.notApplicable,
        duplicates: result.duplicates,
        warnings: result.warnings,
        requests: result.requests,
        roundTrips: result.roundTrips,
        calls: result.calls,
      };
      if (values.json) io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        const lines = [
          `Plan ${result.planId}: ${result.epicKey}`,
          `Created ${result.created.length} issue(s); ${result.existing.length} already existed.`,
          ...result.notApplicable.map((n) => `Step ${n.step} (${n.key}) no longer applies to this kickoff; left as is.`),
          ...result.duplicates.map((d) => `Duplicate plan issue found: ${d}`),
          ...result.warnings.map((w) => `Warning: ${w}`),
          `${result.requests} Jira requests, ${result.roundTrips} sequential round trips.`,
        ];
        io.stdout(`${lines.join('\n')}\n`);
      }
      return EXIT.ok;
    } catch (error) {
      if (error instanceof UseCaseError && error.code === 'duplicate-plan') {
        io.stderr(`generate: ${error.message}\n`);
        return EXIT.invalidInput;
      }
      return reportFailure(error, io);
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
});
