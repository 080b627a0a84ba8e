/** The local Confluence: pages and the macros on them (with their saved config), in one JSON file. */
import fs from 'fs';
import path from 'path';
import { randomUUID } from 'crypto';
import { z } from 'zod';

const storeSchema = z.object({
  pages: z.record(
    z.string(),
    z.object({ macros: z.array(z.object({ localId: z.string(), config: z.unknown().optional(), moduleKey: z.string().optional() })) }),
  ),
});
type StoreData = z.infer<typeof storeSchema>;

export interface SitePage {
  id: string;
  spaceKey: string;
  title: string;
  paragraphs: string[];
  /** Macros the page was written with (module keys), shown before any inserted one. */
  builtInMacros?: string[];
}

/** The fresh page a newcomer inserts the macro on (the site opens here). */
export const DISCOVERY_PAGE: SitePage = {
  id: '1001',
  spaceKey: 'IMP',
  title: 'Lakeshore Mutual – Outbound integration / discovery',
  paragraphs: [
    'Discovery notes for a new biller, Lakeshore Mutual, starting its outbound payments integration.',
    'Start here: insert the Outbound Playbook macro below, fill in the kickoff (biller, core system, capabilities, people), preview the plan and generate it in Jira.',
  ],
};

/** A Supported Integrations row of the playbook as a demo plan: its discovery page and how far it has got. */
export interface DemoIntegrationPage extends SitePage {
  biller: string;
  billerEmail: string;
  coreSystem: string;
  capabilities: string[];
  /** Business days between the kickoff and the site's today. */
  startedBusinessDaysAgo: number;
  doneSteps: number[];
  inProgressSteps: number[];
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const discovery = (biller: string, coreSystem: string, scope: string): string[] => [
  `Discovery notes for the ${biller} outbound payments integration on ${coreSystem}.`,
  `Scope: ${scope}. The Outbound Playbook macro below holds the kickoff and follows the plan in Jira.`,
];

/** The playbook's Supported Integrations table (v1.5), one page and plan each, at realistic stages. */
export const SUPPORTED_INTEGRATION_PAGES: DemoIntegrationPage[] = [
  {
    id: '1101',
    spaceKey: 'IMP',
    title: 'IMT Insurance – Outbound integration / discovery',
    paragraphs: discovery('IMT Insurance', 'IMT', 'agent commissions and premium refunds (released)'),
    biller: 'IMT Insurance',
    billerEmail: 'it@imt.example',
    coreSystem: 'IMT',
    capabilities: ['agent-commissions', 'premium-refunds'],
    startedBusinessDaysAgo: 120,
    doneSteps: range(1, 25),
    inProgressSteps: [],
  },
  {
    id: '1102',
    spaceKey: 'IMP',
    title: 'Texas Mutual Insurance – Outbound integration / discovery',
    paragraphs: discovery('Texas Mutual Insurance (workers compensation)', 'Guidewire (Accelerator)', 'agent commissions and premium refunds'),
    biller: 'Texas Mutual Insurance',
    billerEmail: 'it@texasmutual.example',
    coreSystem: 'Guidewire (Accelerator)',
    capabilities: ['agent-commissions', 'premium-refunds'],
    startedBusinessDaysAgo: 60,
    doneSteps: range(1, 9),
    inProgressSteps: [10, 11],
  },
  {
    id: '1103',
    spaceKey: 'IMP',
    title: 'California Mutual – Outbound integration / discovery',
    paragraphs: discovery('California Mutual', 'SimpleSolve', 'agent commissions and premium refunds'),
    biller: 'California Mutual',
    billerEmail: 'it@calmutual.example',
    coreSystem: 'SimpleSolve',
    capabilities: ['agent-commissions', 'premium-refunds'],
    startedBusinessDaysAgo: 35,
    doneSteps: range(1, 4),
    inProgressSteps: [5],
  },
  {
    id: '1104',
    spaceKey: 'IMP',
    title: 'California Fair Plan – Outbound integration / discovery',
    paragraphs: discovery('California Fair Plan (CFP)', 'Duck Creek (non-Orchestrator)', 'agent commissions'),
    biller: 'California Fair Plan',
    billerEmail: 'it@cfpnet.example',
    coreSystem: 'Duck Creek (non-Orchestrator)',
    capabilities: ['agent-commissions'],
    startedBusinessDaysAgo: 1,
    doneSteps: [],
    inProgressSteps: [1],
  },
];

/** The playbook page itself: both its tables are macros rendered from the current published template. */
export const PLAYBOOK_PAGE: SitePage = {
  id: '1000',
  spaceKey: 'IMP',
  title: 'Outbound Payments Playbook',
  paragraphs: [
    'How we run an outbound payments integration with a biller: the phases and steps, who is responsible, accountable, consulted and informed, and the integrations we support.',
    'Both sections below are rendered from the playbook template the app generates plans from; a Jira admin edits and publishes new versions on the Outbound Playbook template admin page.',
  ],
  builtInMacros: ['outbound-playbook-process-macro', 'outbound-playbook-integrations-macro'],
};

export const SITE_PAGES: SitePage[] = [DISCOVERY_PAGE, ...SUPPORTED_INTEGRATION_PAGES, PLAYBOOK_PAGE];

export class SiteStore {
  private readonly file: string;

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, 'local-site.json');
  }

  private read(): StoreData {
    if (!fs.existsSync(this.file)) return { pages: {} };
    const parsed = storeSchema.safeParse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    if (!parsed.success) throw new Error(`${this.file} is damaged: ${parsed.error.message}`);
    return parsed.data;
  }

  private write(data: StoreData): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(data, null, 2));
    fs.renameSync(temp, this.file);
  }

  /** `moduleKey` null: the kickoff macro (what pages held before there were other macros). */
  macros(pageId: string): { localId: string; config: unknown; moduleKey: string | null }[] {
    return (this.read().pages[pageId]?.macros ?? []).map((m) => ({ localId: m.localId, config: m.config ?? null, moduleKey: m.moduleKey ?? null }));
  }

  insertMacro(pageId: string, moduleKey?: string): string {
    const data = this.read();
    const localId = randomUUID();
    const page = (data.pages[pageId] ??= { macros: [] });
    page.macros.push(moduleKey ? { localId, moduleKey } : { localId });
    this.write(data);
    return localId;
  }

  /** Saves what the config app passed to view.submit. Returns false when there is no such macro. */
  saveConfig(pageId: string, localId: string, config: unknown): boolean {
    const data = this.read();
    const macro = data.pages[pageId]?.macros.find((m) => m.localId === localId);
    if (!macro) return false;
    macro.config = config;
    this.write(data);
    return true;
  }
}
