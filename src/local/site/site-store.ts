/** The local Confluence: pages and the macros on them (with their saved config), in one JSON file. */
import fs from 'fs';
import path from 'path';
import { randomUUID } from 'crypto';
import { z } from 'zod';

const storeSchema = z.object({
  pages: z.record(z.string(), z.object({ macros: z.array(z.object({ localId: z.string(), config: z.unknown().optional() })) })),
});
type StoreData = z.infer<typeof storeSchema>;

export interface SitePage {
  id: string;
  spaceKey: string;
  title: string;
  paragraphs: string[];
}

/** The demo page the macro lives on. */
export const DISCOVERY_PAGE: SitePage = {
  id: '1001',
  spaceKey: 'IMP',
  title: 'Texas Mutual – Outbound integration / discovery',
  paragraphs: [
    'Discovery notes for the Texas Mutual Insurance (workers compensation) outbound payments integration on Guidewire (Accelerator).',
    'Scope: agent commissions and premium refunds. Insert the Outbound Playbook macro below to record the kickoff and generate the plan in Jira.',
  ],
};

export const SITE_PAGES: SitePage[] = [DISCOVERY_PAGE];

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

  macros(pageId: string): { localId: string; config: unknown }[] {
    return (this.read().pages[pageId]?.macros ?? []).map((m) => ({ localId: m.localId, config: m.config ?? null }));
  }

  insertMacro(pageId: string): string {
    const data = this.read();
    const localId = randomUUID();
    const page = (data.pages[pageId] ??= { macros: [] });
    page.macros.push({ localId });
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
