/** The ADF description of a step issue, built with @atlaskit/adf-utils builders (never hand-written ADF). */
import { bulletList, doc, heading, li, link, p, strong, table, td, text, th, tr } from '@atlaskit/adf-utils/builders';

export interface StepDescriptionInput {
  /** The step's text from the playbook, one paragraph per entry. */
  paragraphs: string[];
  raci: { letter: 'R' | 'A' | 'C' | 'I'; meaning: string; roles: string[]; people: string[] }[];
  notes: string[];
  references: { title: string; url?: string }[];
  schedule?: { start?: string; due?: string };
  /** e.g. "Outbound Payments playbook v1.5, step 4 of 25". */
  provenance: string;
}

export type AdfDoc = ReturnType<typeof doc>;

export function stepDescription(input: StepDescriptionInput): AdfDoc {
  const content: Parameters<typeof doc>[number][] = [];
  for (const paragraph of input.paragraphs.filter((t) => t.trim() !== '')) content.push(p(text(paragraph)));

  content.push(heading({ level: 3 })(text('RACI')));
  content.push(
    table(
      tr([th({})(p(text(' '))), th({})(p(text('Roles'))), th({})(p(text('People')))]),
      ...input.raci.map((row) =>
        tr([td({})(p(strong(`${row.letter} — ${row.meaning}`))), td({})(p(text(row.roles.join(', ') || '—'))), td({})(p(text(row.people.join(', ') || '—')))]),
      ),
    ),
  );

  if (input.schedule?.start || input.schedule?.due) {
    content.push(p(text(`Planned: ${input.schedule.start ?? '?'} → ${input.schedule.due ?? '?'}`)));
  }
  if (input.notes.length > 0) {
    content.push(heading({ level: 3 })(text('Notes')));
    content.push(bulletList(...input.notes.map((n) => li([p(text(n))]))));
  }
  if (input.references.length > 0) {
    content.push(heading({ level: 3 })(text('References')));
    content.push(bulletList(...input.references.map((r) => li([p(r.url ? link({ href: r.url })(text(r.title)) : text(r.title))]))));
  }
  content.push(p(text(input.provenance)));
  return doc(...content);
}
